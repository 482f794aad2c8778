### sdxl-bot: the member-facing text of the Discord UI, zh-TW.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = 繪圖
command-imagine-description = 用 Stable Diffusion XL 生成圖片
option_name-prompt = 提示詞
option_name-negative_prompt = 反向提示詞
option_name-image = 圖片
option_name-mask = 遮罩
option_name-width = 寬度
option_name-height = 高度
option_name-num_outputs = 數量
option_name-scheduler = 排程器
option_name-num_inference_steps = 步數
option_name-guidance_scale = 引導係數
option_name-prompt_strength = 重繪強度
option_name-seed = 種子
option_name-refine = 精修
option_name-high_noise_frac = 高雜訊比例
option_name-refine_steps = 精修步數
option_name-apply_watermark = 浮水印
option_name-lora_scale = lora強度
option_name-replicate_weights = lora權重
option_name-disable_safety_checker = 關閉安全檢查
option-prompt = 想畫什麼，例如：黎明時的燈塔，油畫
option-negative_prompt = 畫面中不希望出現的內容
option-image = 以這張圖片為起點（圖生圖）
option-mask = 局部重繪遮罩：白色重畫，黑色保留（需要 image）
option-width = 寬度（像素），須為 8 的倍數
option-height = 高度（像素），須為 8 的倍數
option-num_outputs = 要生成幾張圖片
option-scheduler = 取樣排程器
option-num_inference_steps = 去噪步數：越多越慢，細節通常越好
option-guidance_scale = 遵循提示詞的程度
option-prompt_strength = 使用圖片時：改變原圖的程度（1 為完全重畫）
option-seed = 隨機種子：相同的種子與選項會得到相同的圖片
option-refine = 使用精修模型提升細節
option-high_noise_frac = expert_ensemble_refiner：由基礎模型完成的步數比例
option-refine_steps = base_image_refiner：精修步數
option-apply_watermark = 加上標示圖片為 AI 生成的隱形浮水印
option-lora_scale = LoRA 強度（僅限訓練過的模型）
option-replicate_weights = 要使用的 LoRA 權重（僅限訓練過的模型）
option-disable_safety_checker = 關閉安全檢查（僅在管理員允許的地方有效）
choice-no_refiner = 不精修
choice-expert_ensemble_refiner = 專家整合精修
choice-base_image_refiner = 基礎圖精修
usage-command = 用量
usage-command-description = 本伺服器的圖片用量：用量最多的成員、失敗次數、GPU 時間與費用
usage-option_name-days = 天數
usage-option-days = 統計幾個 UTC 日，含今天（預設 7 天）
command-quota-description = 查看你今天還能生成幾張圖片
command-history-description = 查看你在本伺服器最近 10 次生成及其額度消耗
command-mod-description = 管理員工具：額度、封鎖、屏蔽詞、頻道
command-mod-allowance-description = 設定每日圖片額度
command-mod-allowance-member-description = 設定或移除某位成員的每日額度
command-mod-allowance-role-description = 設定或移除某個身分組的每日額度
command-mod-allowance-server-description = 設定或移除本伺服器的預設每日額度
command-mod-grant-description = 今天額外贈送某位成員圖片額度
command-mod-reset-description = 免除某位成員今天已用的額度
command-mod-ban-description = 禁止某位成員在本伺服器生成圖片
command-mod-unban-description = 允許被禁止的成員重新生成圖片
command-mod-blocklist-description = 提示詞的屏蔽詞與正規表示式
command-mod-blocklist-add-description = 新增屏蔽詞、片語或正規表示式
command-mod-blocklist-remove-description = 從屏蔽清單中刪除一筆
command-mod-blocklist-list-description = 顯示所有屏蔽項目
command-mod-blocklist-mode-description = 直接拒絕符合的提示詞，或交給管理員審核
command-mod-channels-description = 設定可以使用 /imagine 的頻道
command-mod-channels-allow-description = 允許在某個頻道使用 /imagine
command-mod-channels-remove-description = 不再允許在某個頻道使用 /imagine
command-mod-channels-all-description = 允許在所有頻道使用 /imagine
command-mod-channels-list-description = 顯示可以使用 /imagine 的頻道
command-mod-safety_checker-description = 允許成員在年齡限制頻道關閉安全檢查
command-mod-modlog-description = 設定管理日誌頻道（留空則關閉）
command-mod-role-description = 設定管理員身分組（留空則不設）
command-mod-cap-description = 設定全伺服器每日圖片上限（留空則不限）
mod-option-member = 成員
mod-option-role = 身分組
mod-option-allowance = 每天的圖片數（留空則移除此設定）
mod-option-grant = 今天額外贈送的圖片數
mod-option-reason = 原因（會記入管理日誌）
mod-option-pattern = 字詞、片語或正規表示式
mod-option-regex = 以正規表示式處理
mod-option-pattern_remove = 要刪除的項目，須與 /mod blocklist list 顯示的完全一致
mod-option-mode = 符合的提示詞要如何處理
mod-option-channel = 文字頻道
mod-option-enabled = 是否允許關閉安全檢查
mod-option-modlog_channel = 記錄管理操作的頻道（留空：關閉）
mod-option-moderator_role = 擁有此身分組的成員可使用 /mod（留空：無）
mod-option-cap = 全伺服器每天的圖片數（留空：不限）
mod-choice-refuse = 直接拒絕
mod-choice-review = 在管理日誌中等待審核

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = 額度
command-history = 歷史紀錄
command-mod = 管理
command-mod-allowance = 每日額度
command-mod-allowance-member = 成員
command-mod-allowance-role = 身分組
command-mod-allowance-server = 伺服器
command-mod-grant = 贈送
command-mod-reset = 重設
command-mod-ban = 封鎖
command-mod-unban = 解除封鎖
command-mod-blocklist = 屏蔽詞
command-mod-blocklist-add = 新增
command-mod-blocklist-remove = 刪除
command-mod-blocklist-list = 清單
command-mod-blocklist-mode = 模式
command-mod-channels = 頻道
command-mod-channels-allow = 允許
command-mod-channels-remove = 移除
command-mod-channels-all = 全部
command-mod-channels-list = 清單
command-mod-safety_checker = 安全檢查
command-mod-modlog = 管理日誌
command-mod-role = 管理員身分組
command-mod-cap = 每日上限
mod-option_name-member = 成員
mod-option_name-images = 圖片數
mod-option_name-role = 身分組
mod-option_name-reason = 原因
mod-option_name-pattern = 字詞
mod-option_name-regex = 正規表示式
mod-option_name-mode = 模式
mod-option_name-channel = 頻道
mod-option_name-enabled = 啟用

## Buttons

button-cancel = 取消
button-reroll = 重新生成
button-vary = 變體 { $index }
button-delete = 刪除
review-approve = 核准
review-deny = 拒絕

## Refused options (what the member typed or attached)

input-range = `{ $field }` 必須介於 { $min } 到 { $max } 之間（你填的是 { $value }）。
input-multiple_of = `{ $field }` 必須是 { $step } 的倍數，且介於 { $min } 到 { $max } 之間（你填的是 { $value }，可以試試 { $suggestion }）。
input-pixel_budget = { $width }×{ $height } 共 { $pixels } 像素，超過上限 { $max_pixels }：請縮小 `width` 或 `height`（例如 { $suggestion }）。
input-choice = `{ $field }` 只能是下列之一：{ $choices }（你填的是 { $value }）。
input-type = `{ $field }` 必須是{ $expected }（你填的是 { $value }）。
input-too_long = `{ $field }` 有 { $length } 個字元，上限是 { $max }。請縮短後再試。
input-empty = `{ $field }` 是空的：請描述你想要的畫面，例如 `黎明時的燈塔，油畫`。
input-requires = `{ $field }` 只能與 { $requirement } 一起使用。
input-unknown = 這個指令沒有 `{ $field }` 這個選項。
input-uri = `{ $field }` 必須是 https 連結或上傳的圖片。
input-text = `{ $field }` 必須是文字（你填的是 { $value }）。
input-ignored_with_image = `{ $field }` 不能與 `image` 一起使用：生成的圖片會沿用你提供圖片的尺寸，請不要填寫 `width` 和 `height`。
input-invalid = `{ $field }` 的值無法用於這個指令。
attachment-type = `{ $field }` 必須是 PNG、JPEG 或 WebP 圖片（這個檔案是 { $content_type }）。
attachment-too_large = `{ $field }` 有 { $size_mib } MiB，上限是 { $limit_mib } MiB。請上傳較小的圖片。
attachment-dimensions = `{ $field }` 尺寸為 { $width }×{ $height }；每一邊須介於 { $min } 到 { $max } 像素之間。
attachment-mask_size = `mask` 為 { $mask_width }×{ $mask_height }，而 `image` 為 { $width }×{ $height }：遮罩必須與圖片尺寸完全相同。
attachment-unreadable = `{ $field }` 看起來不是有效的圖片。請上傳 PNG 或 JPEG。
policy-safety_checker = `disable_safety_checker` 只能在管理員已開啟此功能的年齡限制頻道中使用。

## Replicate, the model and its outputs

replicate-unauthenticated = Replicate 拒絕了 API 權杖。請檢查 REPLICATE_API_TOKEN（使用中繼服務時也請檢查 REPLICATE_API_BASE）。
replicate-payment_required = Replicate 帳戶餘額不足，沒有生成圖片，也沒有扣除額度。請聯絡機器人擁有者儲值。
replicate-invalid_input = Replicate 拒絕了這些選項：{ $detail }
replicate-invalid_version = Replicate 找不到 SDXL_MODEL 指定的模型版本（{ $detail }）。
replicate-rate_limited = Replicate 目前忙碌中（觸發流量限制）。請約 { $seconds } 秒後再試。
replicate-unavailable = 無法連線到 Replicate（{ $detail }）。沒有扣除額度，請稍後再試。
replicate-create_unknown = Replicate 沒有確認這次請求（{ $detail }），無法確定是否已開始生成。請求沒有重複送出，因此不會重複生成或重複扣費。
replicate-protocol = Replicate 傳回了無法解析的回應（{ $detail }）。
replicate-http = Replicate 回應 { $status } { $title }：{ $detail }
prediction-nsfw = 安全檢查攔下了所有圖片，因此無法顯示，也沒有扣除額度。請換個提示詞再試。
prediction-failed = 模型執行失敗：{ $detail }
prediction-canceled = 生成已取消，沒有扣除額度。
prediction-timeout = 生成超過 { $seconds } 秒，已被停止，沒有扣除額度。請重試，或減少步數或圖片數量。
prediction-no_output = 模型執行結束，但沒有傳回圖片。
output-host_not_allowed = 輸出圖片位於 { $host }，不在 OUTPUT_HOSTS 允許清單中，未下載。
output-insecure = 輸出圖片連結不是 https（{ $scheme }），未下載。
output-too_large = 輸出圖片大於 { $limit_mib } MiB，未下載。
output-unreadable = 無法下載輸出圖片（{ $detail }）。

## Quotas, server rules and the queue

quota-exceeded = 你要求了 { $asked } 張圖片，但今天只剩 { $left }/{ $limit } 張。額度將於 <t:{ $resets }:R> 重設。這次沒有扣除額度。
quota-guild_cap = 本伺服器今天的 { $cap } 張圖片額度已用完，將於 <t:{ $resets }:R> 重設。這次沒有扣除額度。
quota-banned = 管理員已禁止你在本伺服器生成圖片。如有疑問，請聯絡管理員。
policy-channel = 這個頻道沒有開放圖片生成。請到 { $channels } 使用。
policy-blocked = 這個提示詞包含本伺服器管理員不允許的內容。請修改後再試，這次沒有扣除額度。
jobs-too_many = 你已有 { $count } 個生成任務進行中，請等其中一個完成後再試。
jobs-queue_full = 佇列已滿（{ $count } 個在等待）。沒有扣除額度，請幾分鐘後再試。
jobs-not_found = 機器人已找不到這個生成任務。
jobs-shutting_down = 機器人正在重新啟動，暫不接受新請求。沒有扣除額度，請稍後再試。
review-too_many = 你已有 { $count } 個請求在等待管理員審核。請等審核結果出來後再送出類似的請求。
review-cooldown = 你的一個請求剛送交管理員審核。請 { $seconds } 秒後再試。

## Errors at the Discord edge

errors-reply_unavailable = 請求的訊息和頻道已不存在；請求已結束並退還額度。
errors-unexpected = 機器人內部發生錯誤，已記錄。回報時請附上編號 { $reference }。
errors-not_allowed = 你沒有在這裡使用這個指令的權限。
errors-guild_only = 這個指令只能在伺服器中使用。

## The live status message

status-queued = ⏳ 排隊中：第 { $position } 位
status-queued_long = ⏳ 佇列忙碌：你排在第 { $position } 位，大約還要 { $minutes } 分鐘。取消不會扣除額度。
status-submitting = 📨 正在送交模型…
status-starting = 🚀 啟動中（模型正在暖機）· { $elapsed }
status-processing = 🎨 { $phase } { $bar } { $percent }% · 第 { $step }/{ $total } 步 · { $elapsed }{ $eta }
status-eta = {" "}· 約剩 { $seconds } 秒
status-phase-base = 基礎模型
status-phase-refiner = 精修
status-finishing = ✨ 收尾中：解碼並檢查圖片 · { $elapsed }
status-paused = ⏸ 機器人正在重新啟動。這個請求已保留，恢復後會在本頻道繼續。
status-upload_failed = ❌ 圖片無法上傳到這裡。沒有扣除額度，請減少圖片數量或尺寸後再試。
status-moved = { $mention } 你的請求在這裡繼續（Discord 的回覆時限已到）。
status-continued = ➡️ 已在新訊息中繼續：{ $link }
status-resumed = { $mention } 機器人已重新啟動，你的請求在這裡繼續。
status-delivering = 📦 正在上傳圖片…
status-canceling = 🛑 正在取消…除非圖片已經生成，否則不會扣除額度。
status-queued_expiring = ⏳ 仍在排隊，第 { $position } 位。Discord 的回覆時限即將到期：輪到你時，圖片會發在本頻道。
status-failed = ❌ 沒有生成圖片：{ $reason }
status-canceled = 🛑 已取消，沒有扣除額度。

## The result

result-title = 完成，耗時 { $seconds } 秒
result-negative_prompt = 反向提示詞
result-seed = 種子
result-size = 尺寸
result-size_from_image = 同原圖
result-steps = 步數
result-scheduler = 排程器
result-guidance = 引導係數
result-refine = 精修
result-mode = 模式
result-dropped = { $requested } 張圖片中有 { $dropped } 張被安全檢查攔下。
result-too_late_to_cancel = 取消請求送達前圖片已經生成，因此已送出並扣除額度。
result-missing = { $requested } 張圖片中有 { $missing } 張無法下載，已退還額度。
result-reencoded = 部分圖片已轉為 JPEG，以符合 Discord 的上傳限制。
delivery-fallback = { $mention } 你的圖片已生成（原本的回覆已無法編輯）。

## Answers to the buttons

button-not_yours = 只有發起者或管理員可以這麼做。
button-canceling = 正在取消…
button-already_canceling = 這個請求已經在取消中了。
button-already_finished = 這個請求已經結束，不需要取消。
button-no_image = 這張圖片已不在訊息中。

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = 你的提示詞已送交管理員審核。審核通過後，圖片會發到本頻道並通知你。這次沒有扣除額度。
review-modlog = 🔎 待審核：{ $member } 在 { $channel }（符合 `{ $entry }`）：{ $prompt }
review-approved_by = ✅ 已由 { $moderator } 核准
review-denied_by = ❌ 已由 { $moderator } 拒絕
review-already_decided = 其他管理員已經處理了這個請求。
review-approved_note = { $member } 管理員已核准你的圖片請求，正在生成。
review-denied_note = { $member } 管理員拒絕了你的圖片請求，沒有扣除額度。
modlog-matched = （符合 `{ $entry }`）
modlog-gate_refused = 🚫 已拒絕 { $member } 在 { $channel } 的請求：{ $reason } 提示詞：{ $prompt }
modlog-action = 🛡️ { $moderator }：{ $action }
moderation-check_unfinished = （屏蔽詞檢查未能及時完成）

## /quota and /history

quota-view-title = **你今天的圖片額度**
quota-view-counts = 已用：**{ $used }** · 進行中：**{ $in_progress }** · 剩餘：**{ $left }** / { $limit }
quota-view-allowance = 每日額度：{ $allowance } 張（{ $source }）
quota-view-granted = 管理員今天額外贈送：+{ $granted } 張
quota-view-forgiven = 管理員今天已為你免除：{ $reset } 張
quota-view-resets = 將於 <t:{ $resets }:R> 重設（UTC 午夜）
quota-source-member = 管理員為你個別設定
quota-source-role = 來自你的身分組
quota-source-guild = 本伺服器預設
quota-source-default = 機器人預設
history-title = 你在本伺服器最近的生成紀錄
history-empty = 你還沒有在本伺服器生成過圖片。試試 `/imagine`。
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    額度：{ $quota }
history-no_prompt = （沒有提示詞）
history-images = { $count } 張圖片
history-state-running = ⏳ 進行中
history-state-done = ✅ 完成
history-state-failed = ❌ 失敗
history-state-canceled = 🛑 已取消
history-quota-none = 沒有扣除額度
history-quota-separator = ，
history-quota-reserved = 預留 { $count } 張
history-quota-charged = 扣除 { $count } 張
history-quota-refunded = 退還 { $count } 張（{ $causes }）
history-quota-held = 仍預留 { $count } 張
history-cause-safety = 安全檢查攔下
history-cause-canceled = 已取消
history-cause-timeout = 逾時
history-cause-not_delivered = 未送達
history-cause-failed = 生成失敗

## /usage

usage-title = 本伺服器的圖片用量
usage-period = UTC 日期 { $first } 至 { $last }
usage-today = 今天：{ $value }
usage-period_total = { $days } 天合計：{ $value }
usage-images = 已交付圖片
usage-failures = 失敗與取消
usage-failures-count = 失敗 { $failed } · 取消 { $canceled } · 共 { $jobs } 個任務
usage-gpu = GPU 時間與估計費用
usage-gpu-value = { $seconds } 秒 ≈ { $cost } 美元
usage-top_today = 今天用量最多的成員（圖片數）
usage-top_period = { $days } 天合計用量最多的成員（圖片數）
usage-top-entry = { $rank }. { $member }：{ $images }
usage-top-none = 暫無
usage-footer = 費用以每 GPU 秒 { $price } 美元估算（PRICE_PER_GPU_SECOND）。日期以 UTC 計算。

## /mod answers

mod-needs_manage_server = 只有擁有「管理伺服器」權限的成員才能變更管理員身分組、管理日誌頻道或安全檢查開關。
mod-role_everyone = @everyone 不能當作管理員身分組：那樣每位成員都會成為管理員。請選擇只有管理員擁有的身分組。
mod-role_managed = 這個身分組由機器人或整合服務管理，成員不由這裡決定。請選擇伺服器自己的身分組。
mod-done-allowance_member = { $member } 的每日額度現在是 { $images } 張。
mod-done-allowance_member_removed = 已移除 { $member } 的個人額度，改依身分組或伺服器預設額度計算。
mod-done-allowance_role = 擁有 { $role } 的成員現在每天可生成 { $images } 張（個別設定了額度的成員除外）。
mod-done-allowance_role_removed = { $role } 不再提供每日額度。
mod-done-allowance_guild = 本伺服器的預設每日額度現在是 { $images } 張。
mod-done-allowance_guild_removed = 已移除本伺服器的預設每日額度，改用機器人預設的 { $images } 張。
mod-done-grant = 已為 { $member } 今天額外贈送 { $images } 張。
mod-done-grant_reason = 已為 { $member } 今天額外贈送 { $images } 張。原因：{ $reason }
mod-done-reset = 已將 { $member } 今天的用量歸零：免除 { $images } 張。
mod-done-ban = { $member } 已被禁止在本伺服器生成圖片。原因：{ $reason }
mod-done-unban = { $member } 已可以重新生成圖片。
mod-done-block_added = 已將字詞 { $pattern } 加入屏蔽清單。
mod-done-block_added_regex = 已將正規表示式 { $pattern } 加入屏蔽清單。
mod-done-block_removed = 已從屏蔽清單刪除 { $pattern }。
mod-done-block_mode_refuse = 符合屏蔽清單的提示詞現在會被直接拒絕。
mod-done-block_mode_review = 符合屏蔽清單的提示詞現在會在管理日誌頻道等待審核（未設定管理日誌頻道時直接拒絕）。
mod-done-channel_allowed = 現在可以在 { $channel } 使用 /imagine。允許的頻道：{ $channels }。
mod-done-channel_removed = 不再允許在 { $channel } 使用 /imagine。允許的頻道：{ $channels }。
mod-done-channel_removed_last = { $channel } 是最後一個允許的頻道，頻道限制已取消：現在所有頻道都可以使用 /imagine。
mod-done-channels_all = 現在所有頻道都可以使用 /imagine。
mod-done-safety_on = 成員現在可以在年齡限制頻道關閉安全檢查。
mod-done-safety_off = 成員不能再關閉安全檢查。
mod-done-modlog_set = 管理操作和被拒絕的提示詞現在會發到 { $channel }。
mod-done-modlog_off = 管理日誌已關閉。
mod-done-role_set = 擁有 { $role } 的成員現在可以使用管理員指令。
mod-done-role_none = 已取消管理員身分組；現在只有擁有「管理伺服器」權限的成員可以使用管理員指令。
mod-done-cap_set = 本伺服器現在每天（UTC）最多生成 { $images } 張圖片。
mod-done-cap_none = 本伺服器已取消每日上限。
mod-blocklist-empty = 屏蔽清單是空的。可用 `/mod blocklist add` 新增。
mod-blocklist-title = **屏蔽清單**（{ $count } 筆；符合的提示詞：{ $mode }）
mod-blocklist-regex = （正規表示式）
mod-blocklist-more = ……另有 { $count } 筆
mod-channels-everywhere = 所有頻道都可以使用 /imagine。
mod-channels-listed = 只能在下列頻道使用 /imagine：{ $channels }
mod-mode-refuse = 拒絕
mod-mode-review = 審核
mod-refused-not_banned = { $member } 並未被禁止，沒有做任何變更。
mod-refused-duplicate = { $pattern } 已在屏蔽清單中，沒有做任何變更。
mod-refused-not_listed = { $pattern } 不在屏蔽清單中，沒有做任何變更。可用 `/mod blocklist list` 查看。
mod-refused-no_restriction = /imagine 目前沒有頻道限制，無法移除 { $channel }，沒有做任何變更。請用 `/mod channels allow` 指定頻道。
mod-refused-channel_not_listed = { $channel } 不在允許的頻道中，沒有做任何變更。允許的頻道：{ $channels }。
moderation-bad_regex = 這個正規表示式無法用機器人的正規表示式引擎 RE2 編譯：{ $detail }
moderation-regex_backreference = 這個正規表示式參照了前面的群組（{ $detail }）。機器人的正規表示式引擎 RE2 以線性時間執行，不支援反向參照：請把重複的文字直接寫出來，例如把 `(ab)\1` 寫成 `abab`。
moderation-regex_lookaround = 這個正規表示式使用了前瞻或後顧斷言（{ $detail }），機器人的正規表示式引擎 RE2 不支援。項目本來就會在提示詞的任何位置比對：請拿掉該斷言，或用 `\b` 比對字詞邊界。
moderation-regex_possessive = 這個正規表示式使用了佔有量詞或原子群組（{ $detail }）。機器人的正規表示式引擎 RE2 從不回溯，不需要這些寫法：請用 `a+` 取代 `a++` 或 `(?>a+)`。
moderation-regex_conditional = 這個正規表示式使用了條件群組（{ $detail }），機器人的正規表示式引擎 RE2 不支援。請把每種情況分別新增為一筆屏蔽詞。
moderation-regex_too_big = 這個正規表示式超出了機器人的正規表示式引擎 RE2 的限制：{ $detail }。重複次數最多為 1000，請改用較小的次數或直接用 `+`。
moderation-blocklist_full = 屏蔽清單已有 { $max } 筆，請先刪除一些。
