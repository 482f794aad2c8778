### sdxl-bot: the member-facing text of the Discord UI, ru.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.
### Russian plurals: [one] 1, 21, 31…; [few] 2–4, 22–24…; [many] 0, 5–20, 25–30…; [other] fractions.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = нарисовать
command-imagine-description = Создать изображения с помощью Stable Diffusion XL
option_name-prompt = промпт
option_name-negative_prompt = негативный_промпт
option_name-image = изображение
option_name-mask = маска
option_name-width = ширина
option_name-height = высота
option_name-num_outputs = количество
option_name-scheduler = планировщик
option_name-num_inference_steps = шаги
option_name-guidance_scale = следование_промпту
option_name-prompt_strength = сила_изменения
option_name-seed = сид
option_name-refine = доработка
option_name-high_noise_frac = доля_высокого_шума
option_name-refine_steps = шаги_доработки
option_name-apply_watermark = водяной_знак
option_name-lora_scale = сила_lora
option_name-replicate_weights = веса_lora
option_name-disable_safety_checker = без_фильтра_безопасности
option-prompt = Что нарисовать, например: маяк на рассвете, масляная живопись
option-negative_prompt = Чего не должно быть на картинке
option-image = Начать с этого изображения, а не с шума (img2img)
option-mask = Маска для дорисовки: белое перерисовывается, чёрное остаётся (нужен image)
option-width = Ширина в пикселях, кратная 8
option-height = Высота в пикселях, кратная 8
option-num_outputs = Сколько изображений создать
option-scheduler = Планировщик сэмплирования
option-num_inference_steps = Шаги очистки от шума: больше — медленнее и обычно детальнее
option-guidance_scale = Насколько точно следовать промпту
option-prompt_strength = С изображением: насколько его менять (1 — перерисовать полностью)
option-seed = Случайный сид: тот же сид и те же параметры дают то же изображение
option-refine = Доработать детали рефайнером
option-high_noise_frac = expert_ensemble_refiner: доля шагов, которые делает базовая модель
option-refine_steps = base_image_refiner: число шагов рефайнера
option-apply_watermark = Добавить невидимый водяной знак, отмечающий изображение как созданное ИИ
option-lora_scale = Сила LoRA (только для дообученных моделей)
option-replicate_weights = Веса LoRA (только для дообученных моделей)
option-disable_safety_checker = Отключить фильтр безопасности (только где это разрешили модераторы)
choice-no_refiner = Без рефайнера
choice-expert_ensemble_refiner = Ансамбль экспертов
choice-base_image_refiner = Рефайнер базового изображения
usage-command = статистика
usage-command-description = Использование изображений на сервере: самые активные, сбои, время GPU и стоимость
usage-option_name-days = дни
usage-option-days = Сколько дней по UTC охватить, включая сегодня (по умолчанию 7)
command-quota-description = Узнать, сколько изображений у вас осталось на сегодня
command-history-description = Ваши последние 10 генераций на этом сервере и их стоимость
command-mod-description = Инструменты модерации: лимиты, баны, стоп-лист, каналы
command-mod-allowance-description = Настроить дневные лимиты изображений
command-mod-allowance-member-description = Задать или убрать личный дневной лимит участника
command-mod-allowance-role-description = Задать или убрать дневной лимит роли
command-mod-allowance-server-description = Задать или убрать дневной лимит сервера по умолчанию
command-mod-grant-description = Дать участнику дополнительные изображения на сегодня
command-mod-reset-description = Списать участнику всё, что он использовал сегодня
command-mod-ban-description = Запретить участнику создавать здесь изображения
command-mod-unban-description = Снова разрешить забаненному участнику создавать изображения
command-mod-blocklist-description = Слова и шаблоны, запрещённые в промптах
command-mod-blocklist-add-description = Добавить слово, фразу или регулярное выражение
command-mod-blocklist-remove-description = Удалить запись из стоп-листа
command-mod-blocklist-list-description = Показать все записи стоп-листа
command-mod-blocklist-mode-description = Отклонять совпавшие промпты или отправлять их на проверку
command-mod-channels-description = Где можно использовать /imagine
command-mod-channels-allow-description = Разрешить /imagine в канале
command-mod-channels-remove-description = Больше не разрешать /imagine в канале
command-mod-channels-all-description = Разрешить /imagine во всех каналах
command-mod-channels-list-description = Показать, где можно использовать /imagine
command-mod-safety_checker-description = Разрешить участникам отключать фильтр безопасности в каналах 18+
command-mod-modlog-description = Задать канал журнала модерации (пусто — выключить)
command-mod-role-description = Задать роль модератора (пусто — без роли)
command-mod-cap-description = Задать дневной лимит изображений на весь сервер (пусто — без лимита)
mod-option-member = Участник
mod-option-role = Роль
mod-option-allowance = Изображений в день (пусто — убрать настройку)
mod-option-grant = Дополнительные изображения на сегодня
mod-option-reason = Причина (видна в журнале модерации)
mod-option-pattern = Слово или фраза либо регулярное выражение
mod-option-regex = Считать шаблон регулярным выражением
mod-option-pattern_remove = Запись точно в том виде, в каком её показывает /mod blocklist list
mod-option-mode = Что делать с совпавшим промптом
mod-option-channel = Текстовый канал
mod-option-enabled = Разрешить отключать фильтр безопасности
mod-option-modlog_channel = Куда записывать действия модераторов (пусто — выключено)
mod-option-moderator_role = Участники с этой ролью могут использовать /mod (пусто — никто)
mod-option-cap = Изображений в день на весь сервер (пусто — без лимита)
mod-choice-refuse = Отклонить промпт
mod-choice-review = Отправить на проверку в журнал модерации

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = лимит
command-history = история
command-mod = модерация
command-mod-allowance = лимиты
command-mod-allowance-member = участник
command-mod-allowance-role = роль
command-mod-allowance-server = сервер
command-mod-grant = выдать
command-mod-reset = сбросить
command-mod-ban = забанить
command-mod-unban = разбанить
command-mod-blocklist = стоп-лист
command-mod-blocklist-add = добавить
command-mod-blocklist-remove = удалить
command-mod-blocklist-list = показать
command-mod-blocklist-mode = режим
command-mod-channels = каналы
command-mod-channels-allow = разрешить
command-mod-channels-remove = убрать
command-mod-channels-all = все
command-mod-channels-list = показать
command-mod-safety_checker = фильтр_безопасности
command-mod-modlog = журнал_модерации
command-mod-role = роль_модератора
command-mod-cap = дневной_лимит
mod-option_name-member = участник
mod-option_name-images = изображения
mod-option_name-role = роль
mod-option_name-reason = причина
mod-option_name-pattern = шаблон
mod-option_name-regex = регулярное_выражение
mod-option_name-mode = режим
mod-option_name-channel = канал
mod-option_name-enabled = включено

## Buttons

button-cancel = Отменить
button-reroll = Ещё раз
button-vary = Вариация { $index }
button-delete = Удалить
review-approve = Одобрить
review-deny = Отклонить

## Refused options (what the member typed or attached)

input-range = `{ $field }` должно быть от { $min } до { $max } (вы указали { $value }).
input-multiple_of = `{ $field }` должно быть кратным { $step } и лежать от { $min } до { $max } (вы указали { $value }; попробуйте { $suggestion }).
input-pixel_budget = { $width }×{ $height } — это { $pixels } пикселей, больше допустимых { $max_pixels }: уменьшите `width` или `height` (например, { $suggestion }).
input-choice = `{ $field }` должно быть одним из: { $choices } (вы указали { $value }).
input-type = `{ $field }` должно быть { $expected } (вы указали { $value }).
input-too_long =
    { $length ->
        [one] В `{ $field }` { $length } символ, а можно не больше { $max }. Сократите и попробуйте снова.
        [few] В `{ $field }` { $length } символа, а можно не больше { $max }. Сократите и попробуйте снова.
        [many] В `{ $field }` { $length } символов, а можно не больше { $max }. Сократите и попробуйте снова.
       *[other] В `{ $field }` { $length } символа, а можно не больше { $max }. Сократите и попробуйте снова.
    }
input-empty = `{ $field }` пусто: опишите, какую картинку вы хотите, например `маяк на рассвете, масляная живопись`.
input-requires = `{ $field }` работает только вместе с { $requirement }.
input-unknown = У этой команды нет параметра `{ $field }`.
input-uri = `{ $field }` должно быть ссылкой https или загруженным изображением.
input-text = `{ $field }` должно быть текстом (вы указали { $value }).
input-ignored_with_image = `{ $field }` нельзя использовать вместе с `image`: картинка сохранит размер вашего изображения, поэтому не указывайте `width` и `height`.
input-invalid = Значение `{ $field }` не подходит для этой команды.
attachment-type = `{ $field }` должно быть изображением PNG, JPEG или WebP (этот файл — { $content_type }).
attachment-too_large = `{ $field }` весит { $size_mib } МиБ, а можно не больше { $limit_mib } МиБ. Загрузите изображение поменьше.
attachment-dimensions = `{ $field }` имеет размер { $width }×{ $height }; каждая сторона должна быть от { $min } до { $max } пикселей.
attachment-mask_size = `mask` имеет размер { $mask_width }×{ $mask_height }, а `image` — { $width }×{ $height }: маска должна точно совпадать по размеру с изображением.
attachment-unreadable = `{ $field }` не похоже на изображение, которое Discord может прочитать. Загрузите PNG или JPEG.
policy-safety_checker = `disable_safety_checker` работает только в каналах 18+, где модераторы это включили.

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate отклонил API-токен. Проверьте REPLICATE_API_TOKEN (и REPLICATE_API_BASE, если используете ретранслятор).
replicate-payment_required = На аккаунте Replicate закончились средства, поэтому изображение не создано и ничего не списано. Попросите владельца бота пополнить баланс.
replicate-invalid_input = Replicate отклонил эти параметры: { $detail }
replicate-invalid_version = Replicate не знает версию модели из SDXL_MODEL ({ $detail }).
replicate-rate_limited =
    { $seconds ->
        [one] Replicate сейчас перегружен (лимит запросов). Попробуйте снова примерно через { $seconds } секунду.
        [few] Replicate сейчас перегружен (лимит запросов). Попробуйте снова примерно через { $seconds } секунды.
        [many] Replicate сейчас перегружен (лимит запросов). Попробуйте снова примерно через { $seconds } секунд.
       *[other] Replicate сейчас перегружен (лимит запросов). Попробуйте снова примерно через { $seconds } секунды.
    }
replicate-unavailable = Не удалось связаться с Replicate ({ $detail }). Ничего не списано; попробуйте снова через минуту.
replicate-create_unknown = Replicate не подтвердил запрос ({ $detail }), поэтому неизвестно, началась ли генерация. Запрос не отправлялся повторно, так что ничего не запустится и не спишется дважды.
replicate-protocol = Replicate прислал ответ, который бот не смог прочитать ({ $detail }).
replicate-http = Replicate ответил { $status } { $title }: { $detail }
prediction-nsfw = Фильтр безопасности отметил все изображения, поэтому показать их нельзя; ничего не списано. Попробуйте другой промпт.
prediction-failed = Ошибка модели: { $detail }
prediction-canceled = Генерация отменена. Ничего не списано.
prediction-timeout =
    { $seconds ->
        [one] Генерация шла дольше { $seconds } секунды и была остановлена. Ничего не списано; попробуйте снова, возможно, с меньшим числом шагов или изображений.
       *[other] Генерация шла дольше { $seconds } секунд и была остановлена. Ничего не списано; попробуйте снова, возможно, с меньшим числом шагов или изображений.
    }
prediction-no_output = Модель завершила работу, не вернув ни одного изображения.
output-host_not_allowed = Готовое изображение лежит на { $host }, которого нет в OUTPUT_HOSTS; оно не скачано.
output-insecure = Ссылка на готовое изображение не https ({ $scheme }); оно не скачано.
output-too_large = Готовое изображение больше { $limit_mib } МиБ; оно не скачано.
output-unreadable = Не удалось скачать готовое изображение ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] Вы запросили { $asked } изображение
        [few] Вы запросили { $asked } изображения
        [many] Вы запросили { $asked } изображений
       *[other] Вы запросили { $asked } изображения
    }, но на сегодня у вас осталось { $left } из { $limit }. Лимит обновится <t:{ $resets }:R>. Ничего не списано.
quota-guild_cap =
    { $cap ->
        [one] Сервер уже использовал { $cap } изображение, доступное на сегодня.
        [few] Сервер уже использовал все { $cap } изображения, доступные на сегодня.
        [many] Сервер уже использовал все { $cap } изображений, доступных на сегодня.
       *[other] Сервер уже использовал все { $cap } изображения, доступные на сегодня.
    } Лимит обновится <t:{ $resets }:R>. Ничего не списано.
quota-banned = Модератор запретил вам создавать изображения на этом сервере. Если это ошибка, обратитесь к модераторам.
policy-channel = В этом канале генерация изображений не включена. Попробуйте в { $channels }.
policy-blocked = В этом промпте есть то, что модераторы сервера не разрешают. Переформулируйте и попробуйте снова; ничего не списано.
jobs-too_many =
    { $count ->
        [one] У вас уже идёт { $count } генерация; дождитесь её завершения.
        [few] У вас уже идут { $count } генерации; дождитесь, пока одна из них завершится.
        [many] У вас уже идёт { $count } генераций; дождитесь, пока одна из них завершится.
       *[other] У вас уже идут { $count } генерации; дождитесь, пока одна из них завершится.
    }
jobs-queue_full = Очередь заполнена ({ $count } в ожидании). Ничего не списано; попробуйте через несколько минут.
jobs-not_found = Бот больше не знает об этой генерации.
jobs-shutting_down = Бот перезапускается и сейчас не принимает новые запросы. Ничего не списано; попробуйте через минуту.
review-too_many =
    { $count ->
        [one] У вас уже { $count } запрос ждёт решения модератора. Дождитесь решения, прежде чем отправлять похожий.
        [few] У вас уже { $count } запроса ждут решения модератора. Дождитесь решения, прежде чем отправлять похожий.
        [many] У вас уже { $count } запросов ждут решения модератора. Дождитесь решения, прежде чем отправлять похожий.
       *[other] У вас уже { $count } запроса ждут решения модератора. Дождитесь решения, прежде чем отправлять похожий.
    }
review-cooldown =
    { $seconds ->
        [one] Ваш запрос только что отправлен модераторам. Попробуйте снова через { $seconds } секунду.
        [few] Ваш запрос только что отправлен модераторам. Попробуйте снова через { $seconds } секунды.
        [many] Ваш запрос только что отправлен модераторам. Попробуйте снова через { $seconds } секунд.
       *[other] Ваш запрос только что отправлен модераторам. Попробуйте снова через { $seconds } секунды.
    }

## Errors at the Discord edge

errors-reply_unavailable = Сообщение и канал запроса больше не существуют; запрос завершён, лимит возвращён.
errors-unexpected = У нас что-то пошло не так. Ошибка записана; если будете сообщать о ней, укажите номер { $reference }.
errors-not_allowed = У вас нет прав использовать эту команду здесь.
errors-guild_only = Эта команда работает только на сервере.

## The live status message

status-queued = ⏳ В очереди: место { $position }
status-queued_long =
    { $minutes ->
        [one] ⏳ Очередь большая: вы { $position }-й, осталось примерно { $minutes } минута. Если отмените, ничего не спишется.
        [few] ⏳ Очередь большая: вы { $position }-й, осталось примерно { $minutes } минуты. Если отмените, ничего не спишется.
        [many] ⏳ Очередь большая: вы { $position }-й, осталось примерно { $minutes } минут. Если отмените, ничего не спишется.
       *[other] ⏳ Очередь большая: вы { $position }-й, осталось примерно { $minutes } минуты. Если отмените, ничего не спишется.
    }
status-submitting = 📨 Отправляем модели…
status-starting = 🚀 Запуск (модель разогревается) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · шаг { $step }/{ $total } · { $elapsed }{ $eta }
status-eta =
    { $seconds ->
        [one] {" "}· осталось около { $seconds } секунды
       *[other] {" "}· осталось около { $seconds } секунд
    }
status-phase-base = Базовая модель
status-phase-refiner = Рефайнер
status-finishing = ✨ Завершаем: декодируем и проверяем изображения · { $elapsed }
status-paused = ⏸ Бот перезапускается. Запрос сохранён и продолжится в этом канале, когда бот вернётся.
status-upload_failed = ❌ Не удалось загрузить изображения сюда. Ничего не списано; попробуйте меньше изображений или поменьше размером.
status-moved = { $mention } ваш запрос продолжается здесь (время на ответ в Discord истекло).
status-continued = ➡️ Продолжение в новом сообщении: { $link }
status-resumed = { $mention } бот перезапустился; ваш запрос продолжается здесь.
status-delivering = 📦 Загружаем изображения…
status-canceling = 🛑 Отменяем… Ничего не спишется, если изображения ещё не готовы.
status-queued_expiring = ⏳ Вы всё ещё в очереди, место { $position }. Время на ответ в Discord заканчивается: изображения появятся в этом канале, когда подойдёт ваша очередь.
status-failed = ❌ Изображений нет: { $reason }
status-canceled = 🛑 Отменено. Ничего не списано.

## The result

result-title = Готово за { $seconds } с
result-negative_prompt = Негативный промпт
result-seed = Сид
result-size = Размер
result-size_from_image = как у изображения
result-steps = Шаги
result-scheduler = Планировщик
result-guidance = Следование промпту
result-refine = Рефайнер
result-mode = Режим
result-dropped = Фильтр безопасности задержал { $dropped } из { $requested } изображений.
result-too_late_to_cancel = Изображения были готовы раньше, чем пришла отмена, поэтому они доставлены и списаны.
result-missing = Не удалось скачать { $missing } из { $requested } изображений; лимит за них возвращён.
result-reencoded = Некоторые изображения пересохранены в JPEG, чтобы уложиться в лимит загрузки Discord.
delivery-fallback = { $mention } ваши изображения готовы (исходный ответ больше нельзя было изменить).

## Answers to the buttons

button-not_yours = Это может сделать только автор запроса или модератор.
button-canceling = Отменяем…
button-already_canceling = Этот запрос уже отменяется.
button-already_finished = Этот запрос уже завершён; отменять нечего.
button-no_image = Этого изображения больше нет в сообщении.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = Ваш промпт отправлен модераторам на проверку. Если его одобрят, изображения появятся в этом канале и вас упомянут. Ничего не списано.
review-modlog = 🔎 На проверке: { $member } в { $channel } (совпадение `{ $entry }`): { $prompt }
review-approved_by = ✅ Одобрено: { $moderator }
review-denied_by = ❌ Отклонено: { $moderator }
review-already_decided = Другой модератор уже принял решение по этому запросу.
review-approved_note = { $member } модератор одобрил ваш запрос на изображение; уже делаем.
review-denied_note = { $member } модератор отклонил ваш запрос на изображение. Ничего не списано.
modlog-matched = {" "}(совпадение `{ $entry }`)
modlog-gate_refused = 🚫 Отклонён промпт от { $member } в { $channel }: { $reason } Промпт: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (проверка по стоп-листу не успела завершиться)

## /quota and /history

quota-view-title = **Ваши изображения сегодня**
quota-view-counts = Использовано: **{ $used }** · В работе: **{ $in_progress }** · Осталось: **{ $left }** из { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Дневной лимит: { $allowance } изображение ({ $source })
        [few] Дневной лимит: { $allowance } изображения ({ $source })
        [many] Дневной лимит: { $allowance } изображений ({ $source })
       *[other] Дневной лимит: { $allowance } изображения ({ $source })
    }
quota-view-granted = Дополнительно от модераторов сегодня: +{ $granted }
quota-view-forgiven = Списано модератором сегодня: { $reset }
quota-view-resets = Обновится <t:{ $resets }:R> (в полночь по UTC)
quota-source-member = задан вам модератором
quota-source-role = по вашей роли
quota-source-guild = по умолчанию на сервере
quota-source-default = по умолчанию в боте
history-title = Ваши последние генерации на этом сервере
history-empty = Вы ещё не создавали изображения на этом сервере. Попробуйте `/imagine`.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Лимит: { $quota }
history-no_prompt = (без промпта)
history-images =
    { $count ->
        [one] { $count } изображение
        [few] { $count } изображения
        [many] { $count } изображений
       *[other] { $count } изображения
    }
history-state-running = ⏳ в работе
history-state-done = ✅ готово
history-state-failed = ❌ ошибка
history-state-canceled = 🛑 отменено
history-quota-none = ничего не списано
history-quota-separator = ,{" "}
history-quota-reserved = зарезервировано: { $count }
history-quota-charged = списано: { $count }
history-quota-refunded = возвращено: { $count } ({ $causes })
history-quota-held = ещё в резерве: { $count }
history-cause-safety = фильтр безопасности
history-cause-canceled = отменено
history-cause-timeout = истекло время
history-cause-not_delivered = не доставлено
history-cause-failed = ошибка

## /usage

usage-title = Использование изображений на этом сервере
usage-period = Дни по UTC с { $first } по { $last }
usage-today = Сегодня: { $value }
usage-period_total =
    { $days ->
        [one] Итого за { $days } день: { $value }
        [few] Итого за { $days } дня: { $value }
        [many] Итого за { $days } дней: { $value }
       *[other] Итого за { $days } дня: { $value }
    }
usage-images = Доставлено изображений
usage-failures = Ошибки и отмены
usage-failures-count = ошибок: { $failed } · отмен: { $canceled } · всего: { $jobs }
usage-gpu = Время GPU и примерная стоимость
usage-gpu-value = { $seconds } с ≈ { $cost } $
usage-top_today = Самые активные сегодня (изображения)
usage-top_period =
    { $days ->
        [one] Самые активные за { $days } день (изображения)
        [few] Самые активные за { $days } дня (изображения)
        [many] Самые активные за { $days } дней (изображения)
       *[other] Самые активные за { $days } дня (изображения)
    }
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = Пока никого
usage-footer = Стоимость оценена по { $price } $ за секунду GPU (PRICE_PER_GPU_SECOND). Дни считаются по UTC.

## /mod answers

mod-needs_manage_server = Только участники с правом «Управлять сервером» могут менять, кто модерирует, канал журнала модерации и переключатель фильтра безопасности.
mod-role_everyone = @everyone не может быть ролью модератора: тогда модерировать будут все. Выберите роль, которая есть только у модераторов.
mod-role_managed = Этой ролью управляет бот или интеграция, поэтому её участников здесь никто не выбирает. Выберите собственную роль сервера.
mod-done-allowance_member =
    { $images ->
        [one] Дневной лимит { $member } теперь { $images } изображение.
        [few] Дневной лимит { $member } теперь { $images } изображения.
        [many] Дневной лимит { $member } теперь { $images } изображений.
       *[other] Дневной лимит { $member } теперь { $images } изображения.
    }
mod-done-allowance_member_removed = У { $member } больше нет личного лимита; действуют лимиты ролей или сервера по умолчанию.
mod-done-allowance_role =
    { $images ->
        [one] Участники с ролью { $role } теперь получают { $images } изображение в день (если модератор не задал им личный лимит).
        [few] Участники с ролью { $role } теперь получают { $images } изображения в день (если модератор не задал им личный лимит).
        [many] Участники с ролью { $role } теперь получают { $images } изображений в день (если модератор не задал им личный лимит).
       *[other] Участники с ролью { $role } теперь получают { $images } изображения в день (если модератор не задал им личный лимит).
    }
mod-done-allowance_role_removed = Роль { $role } больше не даёт дневной лимит.
mod-done-allowance_guild =
    { $images ->
        [one] Дневной лимит сервера по умолчанию теперь { $images } изображение.
        [few] Дневной лимит сервера по умолчанию теперь { $images } изображения.
        [many] Дневной лимит сервера по умолчанию теперь { $images } изображений.
       *[other] Дневной лимит сервера по умолчанию теперь { $images } изображения.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] Дневной лимит сервера по умолчанию убран; действует лимит бота — { $images } изображение.
        [few] Дневной лимит сервера по умолчанию убран; действует лимит бота — { $images } изображения.
        [many] Дневной лимит сервера по умолчанию убран; действует лимит бота — { $images } изображений.
       *[other] Дневной лимит сервера по умолчанию убран; действует лимит бота — { $images } изображения.
    }
mod-done-grant =
    { $images ->
        [one] { $member } получает { $images } дополнительное изображение на сегодня.
        [few] { $member } получает { $images } дополнительных изображения на сегодня.
        [many] { $member } получает { $images } дополнительных изображений на сегодня.
       *[other] { $member } получает { $images } дополнительных изображения на сегодня.
    }
mod-done-grant_reason =
    { $images ->
        [one] { $member } получает { $images } дополнительное изображение на сегодня.
        [few] { $member } получает { $images } дополнительных изображения на сегодня.
        [many] { $member } получает { $images } дополнительных изображений на сегодня.
       *[other] { $member } получает { $images } дополнительных изображения на сегодня.
    } Причина: { $reason }
mod-done-reset =
    { $images ->
        [one] Использование { $member } за сегодня сброшено: списано { $images } изображение.
        [few] Использование { $member } за сегодня сброшено: списано { $images } изображения.
        [many] Использование { $member } за сегодня сброшено: списано { $images } изображений.
       *[other] Использование { $member } за сегодня сброшено: списано { $images } изображения.
    }
mod-done-ban = { $member } больше не может создавать изображения на этом сервере. Причина: { $reason }
mod-done-unban = { $member } снова может создавать изображения.
mod-done-block_added = Слово { $pattern } добавлено в стоп-лист.
mod-done-block_added_regex = Регулярное выражение { $pattern } добавлено в стоп-лист.
mod-done-block_removed = { $pattern } удалено из стоп-листа.
mod-done-block_mode_refuse = Промпты, совпавшие со стоп-листом, теперь отклоняются.
mod-done-block_mode_review = Промпты, совпавшие со стоп-листом, теперь отправляются на проверку в канал журнала модерации (без такого канала они отклоняются).
mod-done-channel_allowed = /imagine теперь можно использовать в { $channel }. Разрешённые каналы: { $channels }.
mod-done-channel_removed = /imagine больше нельзя использовать в { $channel }. Разрешённые каналы: { $channels }.
mod-done-channel_removed_last = { $channel } был последним разрешённым каналом, поэтому ограничение снято: /imagine теперь можно использовать во всех каналах.
mod-done-channels_all = /imagine теперь можно использовать во всех каналах.
mod-done-safety_on = Участники теперь могут отключать фильтр безопасности в каналах 18+.
mod-done-safety_off = Участники больше не могут отключать фильтр безопасности.
mod-done-modlog_set = Действия модераторов и отклонённые промпты теперь публикуются в { $channel }.
mod-done-modlog_off = Журнал модерации выключен.
mod-done-role_set = Участники с ролью { $role } теперь могут пользоваться командами модерации.
mod-done-role_none = Роли модератора больше нет; команды модерации доступны только с правом «Управлять сервером».
mod-done-cap_set =
    { $images ->
        [one] Сервер теперь может создавать не больше { $images } изображения в день (UTC).
       *[other] Сервер теперь может создавать не больше { $images } изображений в день (UTC).
    }
mod-done-cap_none = У сервера больше нет дневного лимита.
mod-blocklist-empty = Стоп-лист пуст. Добавьте записи командой `/mod blocklist add`.
mod-blocklist-title =
    { $count ->
        [one] **Стоп-лист** ({ $count } запись; совпавшие промпты: { $mode })
        [few] **Стоп-лист** ({ $count } записи; совпавшие промпты: { $mode })
        [many] **Стоп-лист** ({ $count } записей; совпавшие промпты: { $mode })
       *[other] **Стоп-лист** ({ $count } записи; совпавшие промпты: { $mode })
    }
mod-blocklist-regex = (регулярное выражение)
mod-blocklist-more = … и ещё { $count }
mod-channels-everywhere = /imagine можно использовать во всех каналах.
mod-channels-listed = /imagine можно использовать только в: { $channels }
mod-mode-refuse = отклонять
mod-mode-review = отправлять на проверку
mod-refused-not_banned = { $member } не забанен; ничего не изменилось.
mod-refused-duplicate = { $pattern } уже есть в стоп-листе; ничего не изменилось.
mod-refused-not_listed = { $pattern } нет в стоп-листе; ничего не изменилось. Записи показывает `/mod blocklist list`.
mod-refused-no_restriction = /imagine не ограничен каналами, поэтому { $channel } нельзя убрать; ничего не изменилось. Чтобы выбрать каналы, используйте `/mod channels allow`.
mod-refused-channel_not_listed = { $channel } не входит в разрешённые каналы; ничего не изменилось. Разрешены: { $channels }.
moderation-bad_regex = Это регулярное выражение не компилируется в RE2, движке регулярных выражений бота: { $detail }
moderation-regex_backreference = Это регулярное выражение ссылается на предыдущую группу ({ $detail }). Движок бота (RE2) работает за линейное время и не поддерживает обратные ссылки: напишите повторяющийся текст целиком, например `(ab)\1` превращается в `abab`.
moderation-regex_lookaround = Это регулярное выражение использует просмотр вперёд или назад ({ $detail }), который движок бота (RE2) не поддерживает. Записи и так совпадают в любом месте промпта: уберите просмотр или используйте `\b` для границы слова.
moderation-regex_possessive = Это регулярное выражение использует сверхжадный квантификатор или атомарную группу ({ $detail }). Движок бота (RE2) никогда не откатывается, так что они не нужны: пишите `a+` вместо `a++` или `(?>a+)`.
moderation-regex_conditional = Это регулярное выражение использует условную группу ({ $detail }), которую движок бота (RE2) не поддерживает. Добавьте каждый вариант отдельной записью.
moderation-regex_too_big = Это регулярное выражение слишком велико для движка бота (RE2): { $detail }. Число повторений — до 1000; возьмите число поменьше или просто `+`.
moderation-blocklist_full =
    { $max ->
        [one] В стоп-листе уже { $max } запись; сначала удалите её.
        [few] В стоп-листе уже { $max } записи; сначала удалите несколько.
        [many] В стоп-листе уже { $max } записей; сначала удалите несколько.
       *[other] В стоп-листе уже { $max } записи; сначала удалите несколько.
    }
