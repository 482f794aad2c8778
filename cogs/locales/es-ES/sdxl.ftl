### sdxl-bot: the member-facing text of the Discord UI, es-ES.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = imaginar
command-imagine-description = Crea imágenes con Stable Diffusion XL
option_name-prompt = prompt
option_name-negative_prompt = prompt_negativo
option_name-image = imagen
option_name-mask = máscara
option_name-width = ancho
option_name-height = alto
option_name-num_outputs = cantidad
option_name-scheduler = programador
option_name-num_inference_steps = pasos
option_name-guidance_scale = escala_de_guía
option_name-prompt_strength = fuerza_del_prompt
option_name-seed = semilla
option_name-refine = refinar
option_name-high_noise_frac = fracción_de_ruido_alto
option_name-refine_steps = pasos_de_refinado
option_name-apply_watermark = marca_de_agua
option_name-lora_scale = escala_lora
option_name-replicate_weights = pesos_lora
option_name-disable_safety_checker = sin_filtro_de_seguridad
option-prompt = Qué dibujar, p. ej. un faro al amanecer, pintura al óleo
option-negative_prompt = Lo que no quieres que aparezca en la imagen
option-image = Empezar desde esta imagen en lugar de ruido (img2img)
option-mask = Máscara de inpainting: lo blanco se repinta, lo negro se conserva (requiere image)
option-width = Ancho en píxeles, múltiplo de 8
option-height = Alto en píxeles, múltiplo de 8
option-num_outputs = Cuántas imágenes crear
option-scheduler = Programador de muestreo
option-num_inference_steps = Pasos de eliminación de ruido: más es más lento y suele dar más detalle
option-guidance_scale = Cuánto seguir el prompt
option-prompt_strength = Con una imagen: cuánto cambiarla (1 la repinta entera)
option-seed = Semilla aleatoria: la misma semilla y opciones dan la misma imagen
option-refine = Usar el refinador para más detalle
option-high_noise_frac = expert_ensemble_refiner: parte de los pasos que hace el modelo base
option-refine_steps = base_image_refiner: número de pasos del refinador
option-apply_watermark = Añadir una marca de agua invisible que indica que la imagen es de IA
option-lora_scale = Intensidad de LoRA (solo modelos entrenados)
option-replicate_weights = Pesos LoRA que usar (solo modelos entrenados)
option-disable_safety_checker = Desactivar el filtro de seguridad (solo donde lo permitan los moderadores)
choice-no_refiner = Sin refinador
choice-expert_ensemble_refiner = Refinador de conjunto experto
choice-base_image_refiner = Refinador de imagen base
usage-command = uso
usage-command-description = Uso de imágenes en este servidor: miembros más activos, fallos, tiempo de GPU y coste
usage-option_name-days = días
usage-option-days = Cuántos días UTC incluir, hoy incluido (por defecto 7)
command-quota-description = Mira cuántas imágenes te quedan hoy
command-history-description = Tus últimas 10 generaciones en este servidor y lo que costaron
command-mod-description = Herramientas de moderación: cupos, bloqueos, lista de bloqueo, canales
command-mod-allowance-description = Fijar los cupos diarios de imágenes
command-mod-allowance-member-description = Fijar o quitar el cupo diario propio de un miembro
command-mod-allowance-role-description = Fijar o quitar el cupo diario de un rol
command-mod-allowance-server-description = Fijar o quitar el cupo diario por defecto de este servidor
command-mod-grant-description = Dar a un miembro imágenes extra para hoy
command-mod-reset-description = Perdonar lo que un miembro ha usado hoy
command-mod-ban-description = Impedir que un miembro genere imágenes aquí
command-mod-unban-description = Permitir de nuevo generar imágenes a un miembro bloqueado
command-mod-blocklist-description = Palabras y patrones rechazados en los prompts
command-mod-blocklist-add-description = Añadir una palabra, una frase o una expresión regular
command-mod-blocklist-remove-description = Quitar una entrada de la lista de bloqueo
command-mod-blocklist-list-description = Mostrar todas las entradas de la lista de bloqueo
command-mod-blocklist-mode-description = Rechazar los prompts que coincidan o retenerlos para revisión
command-mod-channels-description = Dónde se puede usar /imagine
command-mod-channels-allow-description = Permitir /imagine en un canal
command-mod-channels-remove-description = Dejar de permitir /imagine en un canal
command-mod-channels-all-description = Permitir /imagine en todos los canales
command-mod-channels-list-description = Mostrar dónde se puede usar /imagine
command-mod-safety_checker-description = Permitir a los miembros desactivar el filtro de seguridad en canales con restricción de edad
command-mod-modlog-description = Fijar el canal del registro de moderación (vacío para desactivarlo)
command-mod-role-description = Fijar el rol de moderador (vacío para ninguno)
command-mod-cap-description = Fijar un límite diario de imágenes para todo el servidor (vacío para ninguno)
mod-option-member = El miembro
mod-option-role = El rol
mod-option-allowance = Imágenes al día (vacío para quitar el ajuste)
mod-option-grant = Imágenes extra para hoy
mod-option-reason = Motivo (se muestra en el registro de moderación)
mod-option-pattern = Una palabra o frase, o una expresión regular
mod-option-regex = Tratar el patrón como expresión regular
mod-option-pattern_remove = La entrada, tal como la muestra /mod blocklist list
mod-option-mode = Qué pasa con un prompt que coincide
mod-option-channel = Un canal de texto
mod-option-enabled = Permitir desactivar el filtro de seguridad
mod-option-modlog_channel = Dónde se registran las acciones de moderación (vacío: desactivado)
mod-option-moderator_role = Los miembros con este rol pueden usar /mod (vacío: ninguno)
mod-option-cap = Imágenes al día para todo el servidor (vacío: sin límite)
mod-choice-refuse = Rechazar el prompt
mod-choice-review = Retenerlo para revisión en el registro de moderación

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = cupo
command-history = historial
command-mod = moderación
command-mod-allowance = cupos
command-mod-allowance-member = miembro
command-mod-allowance-role = rol
command-mod-allowance-server = servidor
command-mod-grant = conceder
command-mod-reset = restablecer
command-mod-ban = bloquear
command-mod-unban = desbloquear
command-mod-blocklist = lista_de_bloqueo
command-mod-blocklist-add = añadir
command-mod-blocklist-remove = quitar
command-mod-blocklist-list = ver
command-mod-blocklist-mode = modo
command-mod-channels = canales
command-mod-channels-allow = permitir
command-mod-channels-remove = quitar
command-mod-channels-all = todos
command-mod-channels-list = ver
command-mod-safety_checker = filtro_de_seguridad
command-mod-modlog = registro_de_moderación
command-mod-role = rol_de_moderador
command-mod-cap = límite_diario
mod-option_name-member = miembro
mod-option_name-images = imágenes
mod-option_name-role = rol
mod-option_name-reason = motivo
mod-option_name-pattern = patrón
mod-option_name-regex = expresión_regular
mod-option_name-mode = modo
mod-option_name-channel = canal
mod-option_name-enabled = activado

## Buttons

button-cancel = Cancelar
button-reroll = Repetir
button-vary = Variar { $index }
button-delete = Eliminar
review-approve = Aprobar
review-deny = Denegar

## Refused options (what the member typed or attached)

input-range = `{ $field }` debe estar entre { $min } y { $max } (has puesto { $value }).
input-multiple_of = `{ $field }` debe ser un múltiplo de { $step } entre { $min } y { $max } (has puesto { $value }; prueba con { $suggestion }).
input-pixel_budget = { $width }×{ $height } son { $pixels } píxeles, más de los { $max_pixels } permitidos: reduce `width` o `height` (por ejemplo, { $suggestion }).
input-choice = `{ $field }` debe ser uno de estos: { $choices } (has puesto { $value }).
input-type = `{ $field }` debe ser { $expected } (has puesto { $value }).
input-too_long =
    { $length ->
        [one] `{ $field }` tiene { $length } carácter; el límite es { $max }. Acórtalo y vuelve a intentarlo.
       *[other] `{ $field }` tiene { $length } caracteres; el límite es { $max }. Acórtalo y vuelve a intentarlo.
    }
input-empty = `{ $field }` está vacío: describe la imagen que quieres, por ejemplo `un faro al amanecer, pintura al óleo`.
input-requires = `{ $field }` solo funciona junto con { $requirement }.
input-unknown = `{ $field }` no es una opción de este comando.
input-uri = `{ $field }` debe ser un enlace https o una imagen subida.
input-text = `{ $field }` debe ser texto (has puesto { $value }).
input-ignored_with_image = `{ $field }` no se puede usar junto con `image`: la imagen resultante conserva el tamaño de la tuya, así que deja fuera `width` y `height`.
input-invalid = `{ $field }` tiene un valor que este comando no puede usar.
attachment-type = `{ $field }` debe ser una imagen PNG, JPEG o WebP (este archivo es { $content_type }).
attachment-too_large = `{ $field }` ocupa { $size_mib } MiB; el límite es { $limit_mib } MiB. Sube una imagen más pequeña.
attachment-dimensions = `{ $field }` mide { $width }×{ $height }; cada lado debe estar entre { $min } y { $max } píxeles.
attachment-mask_size = `mask` mide { $mask_width }×{ $mask_height } pero `image` mide { $width }×{ $height }: la máscara debe tener exactamente el tamaño de la imagen.
attachment-unreadable = `{ $field }` no parece una imagen que Discord pueda leer. Sube un PNG o un JPEG.
policy-safety_checker = `disable_safety_checker` solo funciona en canales con restricción de edad donde los moderadores lo hayan activado.

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate ha rechazado el token de la API. Revisa REPLICATE_API_TOKEN (y REPLICATE_API_BASE si usas un relay).
replicate-payment_required = La cuenta de Replicate no tiene saldo, así que no se ha creado ninguna imagen ni se ha cobrado nada. Pide al dueño del bot que la recargue.
replicate-invalid_input = Replicate ha rechazado estas opciones: { $detail }
replicate-invalid_version = Replicate no conoce la versión del modelo de SDXL_MODEL ({ $detail }).
replicate-rate_limited =
    { $seconds ->
        [one] Replicate está ocupado ahora mismo (límite de peticiones). Vuelve a intentarlo en { $seconds } segundo.
       *[other] Replicate está ocupado ahora mismo (límite de peticiones). Vuelve a intentarlo en unos { $seconds } segundos.
    }
replicate-unavailable = No se ha podido conectar con Replicate ({ $detail }). No se ha cobrado nada; vuelve a intentarlo en un minuto.
replicate-create_unknown = Replicate no ha confirmado la petición ({ $detail }), así que no se sabe si la imagen llegó a empezar. No se ha vuelto a enviar, para que nada se ejecute ni se cobre dos veces.
replicate-protocol = Replicate ha enviado una respuesta que el bot no entiende ({ $detail }).
replicate-http = Replicate ha respondido { $status } { $title }: { $detail }
prediction-nsfw = El filtro de seguridad ha marcado todas las imágenes, así que no se puede mostrar ninguna y no se ha cobrado nada. Prueba con otro prompt.
prediction-failed = El modelo ha fallado: { $detail }
prediction-canceled = La generación se ha cancelado. No se ha cobrado nada.
prediction-timeout = La generación ha tardado más de { $seconds } s y se ha detenido. No se ha cobrado nada; inténtalo de nuevo, quizá con menos pasos o imágenes.
prediction-no_output = El modelo ha terminado sin devolver ninguna imagen.
output-host_not_allowed = Una imagen de salida está alojada en { $host }, que no está en OUTPUT_HOSTS; no se ha descargado.
output-insecure = El enlace de una imagen de salida no es https ({ $scheme }); no se ha descargado.
output-too_large = Una imagen de salida ocupa más de { $limit_mib } MiB; no se ha descargado.
output-unreadable = No se ha podido descargar una imagen de salida ({ $detail }).

## Quotas, server rules and the queue

quota-exceeded =
    { $asked ->
        [one] Has pedido { $asked } imagen
       *[other] Has pedido { $asked } imágenes
    } pero hoy te quedan { $left } de { $limit }. Tu cupo se renueva <t:{ $resets }:R>. No se ha cobrado nada.
quota-guild_cap =
    { $cap ->
        [one] Este servidor ya ha usado la { $cap } imagen que puede crear hoy.
       *[other] Este servidor ya ha usado las { $cap } imágenes que puede crear hoy.
    } Se renueva <t:{ $resets }:R>. No se ha cobrado nada.
quota-banned = Un moderador te ha impedido generar imágenes en este servidor. Pregúntale si crees que es un error.
policy-channel = La generación de imágenes no está activada en este canal. Prueba en { $channels }.
policy-blocked = Este prompt contiene algo que los moderadores de este servidor no permiten. Reformúlalo y vuelve a intentarlo; no se ha cobrado nada.
jobs-too_many =
    { $count ->
        [one] Ya tienes { $count } generación en curso; espera a que termine.
       *[other] Ya tienes { $count } generaciones en curso; espera a que termine alguna.
    }
jobs-queue_full = La cola está llena ({ $count } en espera). No se ha cobrado nada; vuelve a intentarlo en unos minutos.
jobs-not_found = El bot ya no conoce esta generación.
jobs-shutting_down = El bot se está reiniciando y ahora no acepta peticiones nuevas. No se ha cobrado nada; vuelve a intentarlo en un minuto.
review-too_many =
    { $count ->
        [one] Ya tienes { $count } petición esperando a un moderador. Espera su decisión antes de enviar otra parecida.
       *[other] Ya tienes { $count } peticiones esperando a un moderador. Espera su decisión antes de enviar otra parecida.
    }
review-cooldown = Una petición tuya se acaba de enviar a los moderadores. Vuelve a intentarlo en { $seconds } s.

## Errors at the Discord edge

errors-reply_unavailable = El mensaje y el canal de la petición ya no existen; se ha terminado y se ha devuelto el cupo.
errors-unexpected = Algo ha fallado por nuestra parte. Ha quedado registrado; menciona la referencia { $reference } si lo notificas.
errors-not_allowed = No tienes permiso para usar este comando aquí.
errors-guild_only = Este comando solo funciona en un servidor.

## The live status message

status-queued = ⏳ En cola: posición { $position }
status-queued_long =
    { $minutes ->
        [one] ⏳ Hay mucha cola: eres el número { $position } y falta alrededor de { $minutes } minuto. No se cobra nada si cancelas.
       *[other] ⏳ Hay mucha cola: eres el número { $position } y faltan unos { $minutes } minutos. No se cobra nada si cancelas.
    }
status-submitting = 📨 Enviando al modelo…
status-starting = 🚀 Arrancando (el modelo se está preparando) · { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · paso { $step }/{ $total } · { $elapsed }{ $eta }
status-eta = {" "}· quedan unos { $seconds } s
status-phase-base = Modelo base
status-phase-refiner = Refinador
status-finishing = ✨ Terminando: decodificando y revisando las imágenes · { $elapsed }
status-paused = ⏸ El bot se está reiniciando. Esta petición se conserva y seguirá en este canal cuando vuelva.
status-upload_failed = ❌ No se han podido subir las imágenes aquí. No se ha cobrado nada; prueba con menos imágenes o más pequeñas.
status-moved = { $mention } tu petición sigue aquí (se cerró el plazo de respuesta de Discord).
status-continued = ➡️ Sigue en un mensaje nuevo: { $link }
status-resumed = { $mention } el bot se ha reiniciado; tu petición sigue aquí.
status-delivering = 📦 Subiendo las imágenes…
status-canceling = 🛑 Cancelando… No se cobra nada salvo que las imágenes ya estén hechas.
status-queued_expiring = ⏳ Sigues en la cola, en la posición { $position }. El plazo de respuesta de Discord se acaba: las imágenes se publicarán en este canal cuando te toque.
status-failed = ❌ Sin imágenes: { $reason }
status-canceled = 🛑 Cancelado. No se ha cobrado nada.

## The result

result-title = Hecho en { $seconds } s
result-negative_prompt = Prompt negativo
result-seed = Semilla
result-size = Tamaño
result-size_from_image = el de la imagen
result-steps = Pasos
result-scheduler = Programador
result-guidance = Guía
result-refine = Refinador
result-mode = Modo
result-dropped = El filtro de seguridad ha retenido { $dropped } de { $requested } imágenes.
result-too_late_to_cancel = Las imágenes se terminaron antes de que llegara la cancelación, así que se entregaron y se cobraron.
result-missing =
    { $missing ->
        [one] { $missing } de { $requested } imágenes no se pudo descargar y se ha devuelto.
       *[other] { $missing } de { $requested } imágenes no se pudieron descargar y se han devuelto.
    }
result-reencoded = Algunas imágenes se han convertido a JPEG para caber en el límite de subida de Discord.
delivery-fallback = { $mention } tus imágenes están listas (ya no se podía editar la respuesta original).

## Answers to the buttons

button-not_yours = Solo quien lo pidió, o un moderador, puede hacer eso.
button-canceling = Cancelando…
button-already_canceling = Esta petición ya se está cancelando.
button-already_finished = Esta petición ya ha terminado; no hay nada que cancelar.
button-no_image = Esa imagen ya no está adjunta al mensaje.

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = Tu prompt se ha enviado a los moderadores para que lo revisen. Si lo aprueban, las imágenes aparecerán en este canal y se te mencionará. No se ha cobrado nada.
review-modlog = 🔎 Retenido para revisión: { $member } en { $channel } (coincide con `{ $entry }`): { $prompt }
review-approved_by = ✅ Aprobado por { $moderator }
review-denied_by = ❌ Denegado por { $moderator }
review-already_decided = Otro moderador ya ha decidido sobre esta petición.
review-approved_note = { $member } un moderador ha aprobado tu petición de imagen; ahí va.
review-denied_note = { $member } un moderador ha rechazado tu petición de imagen. No se ha cobrado nada.
modlog-matched = {" "}(coincide con `{ $entry }`)
modlog-gate_refused = 🚫 Prompt rechazado de { $member } en { $channel }: { $reason } Prompt: { $prompt }
modlog-action = 🛡️ { $moderator }: { $action }
moderation-check_unfinished = (la comprobación de la lista de bloqueo no terminó a tiempo)

## /quota and /history

quota-view-title = **Tus imágenes de hoy**
quota-view-counts = Usadas: **{ $used }** · En curso: **{ $in_progress }** · Quedan: **{ $left }** de { $limit }
quota-view-allowance =
    { $allowance ->
        [one] Cupo diario: { $allowance } imagen ({ $source })
       *[other] Cupo diario: { $allowance } imágenes ({ $source })
    }
quota-view-granted = Extra concedido hoy por los moderadores: +{ $granted }
quota-view-forgiven = Perdonado hoy por un moderador: { $reset }
quota-view-resets = Se renueva <t:{ $resets }:R> (medianoche UTC)
quota-source-member = fijado para ti por un moderador
quota-source-role = de tu rol
quota-source-guild = el de este servidor
quota-source-default = el del bot
history-title = Tus últimas generaciones en este servidor
history-empty = Todavía no has generado imágenes en este servidor. Prueba `/imagine`.
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    Cupo: { $quota }
history-no_prompt = (sin prompt)
history-images =
    { $count ->
        [one] { $count } imagen
       *[other] { $count } imágenes
    }
history-state-running = ⏳ en curso
history-state-done = ✅ hecho
history-state-failed = ❌ fallido
history-state-canceled = 🛑 cancelado
history-quota-none = sin cobro
history-quota-separator = ,{" "}
history-quota-reserved = { $count } reservadas
history-quota-charged = { $count } cobradas
history-quota-refunded = { $count } devueltas ({ $causes })
history-quota-held = { $count } aún retenidas
history-cause-safety = filtro de seguridad
history-cause-canceled = cancelado
history-cause-timeout = tiempo agotado
history-cause-not_delivered = no entregado
history-cause-failed = fallido

## /usage

usage-title = Uso de imágenes en este servidor
usage-period = Días UTC del { $first } al { $last }
usage-today = Hoy: { $value }
usage-period_total = Total de { $days } días: { $value }
usage-images = Imágenes entregadas
usage-failures = Fallidas y canceladas
usage-failures-count = { $failed } fallidas · { $canceled } canceladas · { $jobs } en total
usage-gpu = Tiempo de GPU y coste estimado
usage-gpu-value = { $seconds } s ≈ { $cost } US$
usage-top_today = Miembros más activos hoy (imágenes)
usage-top_period = Miembros más activos, total de { $days } días (imágenes)
usage-top-entry = { $rank }. { $member }: { $images }
usage-top-none = Nadie todavía
usage-footer = Coste estimado a { $price } US$ por segundo de GPU (PRICE_PER_GPU_SECOND). Los días son UTC.

## /mod answers

mod-needs_manage_server = Solo los miembros con Gestionar servidor pueden cambiar quién modera, el canal del registro de moderación o el interruptor del filtro de seguridad.
mod-role_everyone = @everyone no puede ser el rol de moderador: todos los miembros moderarían. Elige un rol que solo tengan los moderadores.
mod-role_managed = Ese rol lo gestiona un bot o una integración, así que aquí nadie elige a sus miembros. Elige un rol propio del servidor.
mod-done-allowance_member =
    { $images ->
        [one] El cupo diario de { $member } es ahora de { $images } imagen.
       *[other] El cupo diario de { $member } es ahora de { $images } imágenes.
    }
mod-done-allowance_member_removed = { $member } ya no tiene un cupo propio; se aplican sus roles o el valor por defecto del servidor.
mod-done-allowance_role =
    { $images ->
        [one] Los miembros con { $role } reciben ahora { $images } imagen al día (salvo que un moderador les haya fijado un cupo propio).
       *[other] Los miembros con { $role } reciben ahora { $images } imágenes al día (salvo que un moderador les haya fijado un cupo propio).
    }
mod-done-allowance_role_removed = { $role } ya no da un cupo diario.
mod-done-allowance_guild =
    { $images ->
        [one] El cupo diario por defecto de este servidor es ahora de { $images } imagen.
       *[other] El cupo diario por defecto de este servidor es ahora de { $images } imágenes.
    }
mod-done-allowance_guild_removed =
    { $images ->
        [one] Se ha quitado el cupo diario por defecto de este servidor; se aplica el del bot, { $images } imagen.
       *[other] Se ha quitado el cupo diario por defecto de este servidor; se aplica el del bot, { $images } imágenes.
    }
mod-done-grant =
    { $images ->
        [one] Se ha dado a { $member } { $images } imagen extra para hoy.
       *[other] Se han dado a { $member } { $images } imágenes extra para hoy.
    }
mod-done-grant_reason =
    { $images ->
        [one] Se ha dado a { $member } { $images } imagen extra para hoy.
       *[other] Se han dado a { $member } { $images } imágenes extra para hoy.
    } Motivo: { $reason }
mod-done-reset =
    { $images ->
        [one] Se ha reiniciado el uso de hoy de { $member }: { $images } imagen perdonada.
       *[other] Se ha reiniciado el uso de hoy de { $member }: { $images } imágenes perdonadas.
    }
mod-done-ban = { $member } ya no puede generar imágenes en este servidor. Motivo: { $reason }
mod-done-unban = { $member } puede volver a generar imágenes.
mod-done-block_added = Se ha añadido la palabra { $pattern } a la lista de bloqueo.
mod-done-block_added_regex = Se ha añadido la expresión regular { $pattern } a la lista de bloqueo.
mod-done-block_removed = Se ha quitado { $pattern } de la lista de bloqueo.
mod-done-block_mode_refuse = Ahora se rechazan los prompts que coinciden con la lista de bloqueo.
mod-done-block_mode_review = Ahora los prompts que coinciden con la lista de bloqueo se retienen para revisión en el canal del registro de moderación (sin ese canal, se rechazan).
mod-done-channel_allowed = Ahora se puede usar /imagine en { $channel }. Canales permitidos: { $channels }.
mod-done-channel_removed = Ya no se puede usar /imagine en { $channel }. Canales permitidos: { $channels }.
mod-done-channel_removed_last = { $channel } era el último canal permitido, así que se quita la restricción: ahora se puede usar /imagine en todos los canales.
mod-done-channels_all = Ahora se puede usar /imagine en todos los canales.
mod-done-safety_on = Ahora los miembros pueden desactivar el filtro de seguridad en canales con restricción de edad.
mod-done-safety_off = Los miembros ya no pueden desactivar el filtro de seguridad.
mod-done-modlog_set = Las acciones de moderación y los prompts rechazados se publican ahora en { $channel }.
mod-done-modlog_off = El registro de moderación está desactivado.
mod-done-role_set = Los miembros con { $role } pueden usar ahora los comandos de moderación.
mod-done-role_none = Ya no hay rol de moderador; solo Gestionar servidor da acceso a los comandos de moderación.
mod-done-cap_set =
    { $images ->
        [one] Este servidor puede crear ahora como máximo { $images } imagen al día (UTC).
       *[other] Este servidor puede crear ahora como máximo { $images } imágenes al día (UTC).
    }
mod-done-cap_none = Este servidor ya no tiene límite diario.
mod-blocklist-empty = La lista de bloqueo está vacía. Añade entradas con `/mod blocklist add`.
mod-blocklist-title =
    { $count ->
        [one] **Lista de bloqueo** ({ $count } entrada; prompts que coinciden: { $mode })
       *[other] **Lista de bloqueo** ({ $count } entradas; prompts que coinciden: { $mode })
    }
mod-blocklist-regex = (expresión regular)
mod-blocklist-more = … y { $count } más
mod-channels-everywhere = /imagine se puede usar en todos los canales.
mod-channels-listed = /imagine solo se puede usar en: { $channels }
mod-mode-refuse = rechazar
mod-mode-review = retener para revisión
mod-refused-not_banned = { $member } no está bloqueado; no ha cambiado nada.
mod-refused-duplicate = { $pattern } ya está en la lista de bloqueo; no ha cambiado nada.
mod-refused-not_listed = { $pattern } no está en la lista de bloqueo; no ha cambiado nada. `/mod blocklist list` muestra las entradas.
mod-refused-no_restriction = /imagine no está limitado a ningún canal, así que no se puede quitar { $channel }; no ha cambiado nada. Usa `/mod channels allow` para elegir los canales.
mod-refused-channel_not_listed = { $channel } no es un canal permitido; no ha cambiado nada. Permitidos: { $channels }.
moderation-bad_regex = Esa expresión regular no compila con RE2, el motor de expresiones regulares del bot: { $detail }
moderation-regex_backreference = Esa expresión regular hace referencia a un grupo anterior ({ $detail }). El motor del bot (RE2) funciona en tiempo lineal y no tiene referencias inversas: escribe el texto repetido tal cual; por ejemplo, `(ab)\1` pasa a ser `abab`.
moderation-regex_lookaround = Esa expresión regular usa una búsqueda hacia delante o hacia atrás ({ $detail }), que el motor del bot (RE2) no admite. Las entradas ya coinciden en cualquier parte del prompt: quítala, o usa `\b` para coincidir en el borde de una palabra.
moderation-regex_possessive = Esa expresión regular usa un cuantificador posesivo o un grupo atómico ({ $detail }). El motor del bot (RE2) nunca retrocede, así que no hacen falta: escribe `a+` en lugar de `a++` o `(?>a+)`.
moderation-regex_conditional = Esa expresión regular usa un grupo condicional ({ $detail }), que el motor del bot (RE2) no admite. Añade cada alternativa como una entrada aparte.
moderation-regex_too_big = Esa expresión regular es demasiado grande para el motor del bot (RE2): { $detail }. Las repeticiones llegan hasta 1000; usa un número menor o simplemente `+`.
moderation-blocklist_full =
    { $max ->
        [one] La lista de bloqueo ya tiene { $max } entrada; quítala primero.
       *[other] La lista de bloqueo ya tiene { $max } entradas; quita alguna primero.
    }
