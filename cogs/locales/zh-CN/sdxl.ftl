### sdxl-bot: the member-facing text of the Discord UI, zh-CN.
###
### A message id is the key the code uses with its dots as dashes (status.queued -> status-queued).
### Every locale holds every message, with the same variables; tests/cogs/test_catalogue.py checks.

## Slash commands: names, descriptions and choices
## Names: lowercase letters, digits, - and _ only, 1-32 characters, no spaces.
## Descriptions and choice names: at most 100 characters.
## The English option names are the SDXL input names (DESIGN.md §2); others are display names.

command-imagine = 画图
command-imagine-description = 用 Stable Diffusion XL 生成图片
option_name-prompt = 提示词
option_name-negative_prompt = 反向提示词
option_name-image = 图片
option_name-mask = 蒙版
option_name-width = 宽度
option_name-height = 高度
option_name-num_outputs = 数量
option_name-scheduler = 调度器
option_name-num_inference_steps = 步数
option_name-guidance_scale = 引导系数
option_name-prompt_strength = 重绘强度
option_name-seed = 种子
option_name-refine = 精修
option_name-high_noise_frac = 高噪比例
option_name-refine_steps = 精修步数
option_name-apply_watermark = 水印
option_name-lora_scale = lora强度
option_name-replicate_weights = lora权重
option_name-disable_safety_checker = 关闭安全检查
option-prompt = 想画什么，例如：黎明时的灯塔，油画
option-negative_prompt = 画面中不希望出现的内容
option-image = 以这张图片为起点（图生图）
option-mask = 局部重绘蒙版：白色重画，黑色保留（需要 image）
option-width = 宽度（像素），须为 8 的倍数
option-height = 高度（像素），须为 8 的倍数
option-num_outputs = 生成几张图片
option-scheduler = 采样调度器
option-num_inference_steps = 去噪步数：越多越慢，细节通常更好
option-guidance_scale = 遵循提示词的程度
option-prompt_strength = 使用图片时：改变原图的程度（1 为完全重画）
option-seed = 随机种子：相同的种子和选项会得到相同的图片
option-refine = 使用精修模型提升细节
option-high_noise_frac = expert_ensemble_refiner：由基础模型完成的步数比例
option-refine_steps = base_image_refiner：精修步数
option-apply_watermark = 添加标记图片为 AI 生成的隐形水印
option-lora_scale = LoRA 强度（仅限训练过的模型）
option-replicate_weights = 要使用的 LoRA 权重（仅限训练过的模型）
option-disable_safety_checker = 关闭安全检查（仅在管理员允许的地方有效）
choice-no_refiner = 不精修
choice-expert_ensemble_refiner = 专家集成精修
choice-base_image_refiner = 基础图精修
usage-command = 用量
usage-command-description = 本服务器的图片用量：用量最多的成员、失败次数、GPU 时间与费用
usage-option_name-days = 天数
usage-option-days = 统计多少个 UTC 日，含今天（默认 7 天）
command-quota-description = 查看你今天还能生成多少张图片
command-history-description = 查看你在本服务器最近 10 次生成及其额度消耗
command-mod-description = 管理员工具：额度、封禁、屏蔽词、频道
command-mod-allowance-description = 设置每日图片额度
command-mod-allowance-member-description = 设置或移除某位成员的每日额度
command-mod-allowance-role-description = 设置或移除某个身份组的每日额度
command-mod-allowance-server-description = 设置或移除本服务器的默认每日额度
command-mod-grant-description = 今天额外赠送某位成员图片额度
command-mod-reset-description = 免除某位成员今天已用的额度
command-mod-ban-description = 禁止某位成员在本服务器生成图片
command-mod-unban-description = 允许被禁止的成员重新生成图片
command-mod-blocklist-description = 提示词屏蔽词与正则表达式
command-mod-blocklist-add-description = 添加屏蔽词、短语或正则表达式
command-mod-blocklist-remove-description = 从屏蔽列表中删除一条
command-mod-blocklist-list-description = 显示所有屏蔽条目
command-mod-blocklist-mode-description = 直接拒绝匹配的提示词，或交给管理员审核
command-mod-channels-description = 设置可以使用 /imagine 的频道
command-mod-channels-allow-description = 允许在某个频道使用 /imagine
command-mod-channels-remove-description = 不再允许在某个频道使用 /imagine
command-mod-channels-all-description = 允许在所有频道使用 /imagine
command-mod-channels-list-description = 显示可以使用 /imagine 的频道
command-mod-safety_checker-description = 允许成员在年龄限制频道关闭安全检查
command-mod-modlog-description = 设置管理日志频道（留空则关闭）
command-mod-role-description = 设置管理员身份组（留空则不设）
command-mod-cap-description = 设置全服务器每日图片上限（留空则不限）
mod-option-member = 成员
mod-option-role = 身份组
mod-option-allowance = 每天的图片数（留空则移除该设置）
mod-option-grant = 今天额外赠送的图片数
mod-option-reason = 原因（会记入管理日志）
mod-option-pattern = 词语、短语或正则表达式
mod-option-regex = 按正则表达式处理
mod-option-pattern_remove = 要删除的条目，须与 /mod blocklist list 显示的完全一致
mod-option-mode = 匹配到的提示词如何处理
mod-option-channel = 文字频道
mod-option-enabled = 是否允许关闭安全检查
mod-option-modlog_channel = 记录管理操作的频道（留空：关闭）
mod-option-moderator_role = 拥有此身份组的成员可使用 /mod（留空：无）
mod-option-cap = 全服务器每天的图片数（留空：不限）
mod-choice-refuse = 直接拒绝
mod-choice-review = 在管理日志中等待审核

## Names of /quota, /history and /mod: their groups, subcommands and options (see above).
command-quota = 额度
command-history = 历史记录
command-mod = 管理
command-mod-allowance = 每日额度
command-mod-allowance-member = 成员
command-mod-allowance-role = 身份组
command-mod-allowance-server = 服务器
command-mod-grant = 赠送
command-mod-reset = 重置
command-mod-ban = 封禁
command-mod-unban = 解封
command-mod-blocklist = 屏蔽词
command-mod-blocklist-add = 添加
command-mod-blocklist-remove = 删除
command-mod-blocklist-list = 列表
command-mod-blocklist-mode = 模式
command-mod-channels = 频道
command-mod-channels-allow = 允许
command-mod-channels-remove = 移除
command-mod-channels-all = 全部
command-mod-channels-list = 列表
command-mod-safety_checker = 安全检查
command-mod-modlog = 管理日志
command-mod-role = 管理员身份组
command-mod-cap = 每日上限
mod-option_name-member = 成员
mod-option_name-images = 图片数
mod-option_name-role = 身份组
mod-option_name-reason = 原因
mod-option_name-pattern = 词语
mod-option_name-regex = 正则表达式
mod-option_name-mode = 模式
mod-option_name-channel = 频道
mod-option_name-enabled = 启用

## Buttons

button-cancel = 取消
button-reroll = 重新生成
button-vary = 变体 { $index }
button-delete = 删除
review-approve = 批准
review-deny = 拒绝

## Refused options (what the member typed or attached)

input-range = `{ $field }` 必须在 { $min } 到 { $max } 之间（你填的是 { $value }）。
input-multiple_of =
    `{ $field }` 必须是 { $step } 的倍数，且在 { $min } 到 { $max } 之间（你填的是 { $value }，可以试试 { $suggestion }）。
input-pixel_budget =
    { $width }×{ $height } 共 { $pixels } 像素，超过上限 { $max_pixels }：请减小 `width` 或 `height`（例如 { $suggestion }）。
input-choice = `{ $field }` 只能是以下之一：{ $choices }（你填的是 { $value }）。
input-type = `{ $field }` 必须是{ $expected }（你填的是 { $value }）。
input-too_long = `{ $field }` 有 { $length } 个字符，上限是 { $max }。请缩短后再试。
input-empty = `{ $field }` 是空的：请描述你想要的画面，例如 `黎明时的灯塔，油画`。
input-requires = `{ $field }` 只能与 { $requirement } 一起使用。
input-unknown = 本命令没有 `{ $field }` 这个选项。
input-uri = `{ $field }` 必须是 https 链接或上传的图片。
input-text = `{ $field }` 必须是文字（你填的是 { $value }）。
input-ignored_with_image =
    `{ $field }` 不能与 `image` 一起使用：生成的图片会沿用你所给图片的尺寸，请不要填写 `width` 和 `height`。
input-invalid = `{ $field }` 的值无法用于本命令。
attachment-type = `{ $field }` 必须是 PNG、JPEG 或 WebP 图片（该文件是 { $content_type }）。
attachment-too_large = `{ $field }` 有 { $size_mib } MiB，上限是 { $limit_mib } MiB。请上传更小的图片。
attachment-dimensions = `{ $field }` 尺寸为 { $width }×{ $height }；每条边须在 { $min } 到 { $max } 像素之间。
attachment-mask_size =
    `mask` 为 { $mask_width }×{ $mask_height }，而 `image` 为 { $width }×{ $height }：蒙版必须与图片尺寸完全相同。
attachment-unreadable = `{ $field }` 看起来不是有效的图片。请上传 PNG 或 JPEG。
policy-safety_checker = `disable_safety_checker` 只能在管理员已开启此功能的年龄限制频道中使用。

## Replicate, the model and its outputs

replicate-unauthenticated =
    Replicate 拒绝了 API 令牌。请检查 REPLICATE_API_TOKEN（使用中转服务时也请检查 REPLICATE_API_BASE）。
replicate-payment_required = Replicate 账户余额不足，未生成图片，也未扣除额度。请联系机器人管理员充值。
replicate-invalid_input = Replicate 拒绝了这些选项：{ $detail }
replicate-invalid_version = Replicate 找不到 SDXL_MODEL 指定的模型版本（{ $detail }）。
replicate-rate_limited = Replicate 当前繁忙（触发限流）。请约 { $seconds } 秒后再试。
replicate-unavailable = 无法连接 Replicate（{ $detail }）。未扣除额度，请稍后再试。
replicate-create_unknown = Replicate 没有确认这次请求（{ $detail }），无法确定是否已开始生成。请求没有被重复发送，因此不会重复生成或重复扣费。
replicate-protocol = Replicate 返回了无法解析的响应（{ $detail }）。
replicate-http = Replicate 返回 { $status } { $title }：{ $detail }
prediction-nsfw = 安全检查拦截了所有图片，因此无法显示，也未扣除额度。请换一个提示词再试。
prediction-failed = 模型运行失败：{ $detail }
prediction-canceled = 生成已取消，未扣除额度。
prediction-timeout = 生成超过 { $seconds } 秒，已被停止，未扣除额度。请重试，或减少步数或图片数量。
prediction-no_output = 模型运行结束，但没有返回图片。
output-host_not_allowed = 输出图片位于 { $host }，不在 OUTPUT_HOSTS 允许列表中，未下载。
output-insecure = 输出图片链接不是 https（{ $scheme }），未下载。
output-too_large = 输出图片大于 { $limit_mib } MiB，未下载。
output-unreadable = 无法下载输出图片（{ $detail }）。

## Quotas, server rules and the queue

quota-exceeded =
    你请求了 { $asked } 张图片，但今天只剩 { $left }/{ $limit } 张。额度将于 <t:{ $resets }:R> 重置。本次未扣除额度。
quota-guild_cap = 本服务器今天的 { $cap } 张图片额度已用完，将于 <t:{ $resets }:R> 重置。本次未扣除额度。
quota-banned = 管理员已禁止你在本服务器生成图片。如有疑问，请联系管理员。
policy-channel = 此频道未开启图片生成。请到 { $channels } 使用。
policy-blocked = 该提示词包含本服务器管理员不允许的内容。请修改后再试，本次未扣除额度。
jobs-too_many = 你已有 { $count } 个生成任务在进行中，请等其中一个完成后再试。
jobs-queue_full = 队列已满（{ $count } 个在等待）。未扣除额度，请几分钟后再试。
jobs-not_found = 机器人已找不到这个生成任务。
jobs-shutting_down = 机器人正在重启，暂不接受新请求。未扣除额度，请稍后再试。
review-too_many = 你已有 { $count } 个请求在等待管理员审核。请等审核结果出来后再发送类似请求。
review-cooldown = 你的一个请求刚刚提交给管理员审核。请 { $seconds } 秒后再试。

## Errors at the Discord edge

errors-reply_unavailable = 请求的消息和频道已不存在；请求已结束并退还额度。
errors-unexpected = 机器人内部出错，已记录。反馈时请附上编号 { $reference }。
errors-not_allowed = 你没有在这里使用此命令的权限。
errors-guild_only = 此命令只能在服务器中使用。

## The live status message

status-queued = ⏳ 排队中：第 { $position } 位
status-queued_long = ⏳ 队列繁忙：你排在第 { $position } 位，大约还需 { $minutes } 分钟。取消不会扣除额度。
status-submitting = 📨 正在提交给模型…
status-starting = 🚀 启动中（模型正在预热）· { $elapsed }
status-processing =
    🎨 { $phase } { $bar } { $percent }% · 第 { $step }/{ $total } 步 · { $elapsed }{ $eta }
status-eta = {" "}· 约剩 { $seconds } 秒
status-phase-base = 基础模型
status-phase-refiner = 精修
status-finishing = ✨ 收尾中：解码并检查图片 · { $elapsed }
status-paused = ⏸ 机器人正在重启。此请求已保留，恢复后会在本频道继续。
status-upload_failed = ❌ 图片无法上传到这里。未扣除额度，请减少图片数量或尺寸后再试。
status-moved = { $mention } 你的请求在这里继续（Discord 的回复时限已到）。
status-continued = ➡️ 已在新消息中继续：{ $link }
status-resumed = { $mention } 机器人已重启，你的请求在这里继续。
status-delivering = 📦 正在上传图片…
status-canceling = 🛑 正在取消…除非图片已经生成，否则不会扣除额度。
status-queued_expiring = ⏳ 仍在排队，第 { $position } 位。Discord 的回复时限将到：轮到你时，图片会发在本频道。
status-failed = ❌ 未生成图片：{ $reason }
status-canceled = 🛑 已取消，未扣除额度。

## The result

result-title = 完成，用时 { $seconds } 秒
result-negative_prompt = 反向提示词
result-seed = 种子
result-size = 尺寸
result-size_from_image = 同原图
result-steps = 步数
result-scheduler = 调度器
result-guidance = 引导系数
result-refine = 精修
result-mode = 模式
result-dropped = { $requested } 张图片中有 { $dropped } 张被安全检查拦截。
result-too_late_to_cancel = 取消请求到达前图片已经生成，因此已送达并扣除额度。
result-missing = { $requested } 张图片中有 { $missing } 张无法下载，已退还额度。
result-reencoded = 部分图片已转为 JPEG 以符合 Discord 的上传限制。
delivery-fallback = { $mention } 你的图片已生成（原回复已无法编辑）。

## Answers to the buttons

button-not_yours = 只有发起者或管理员可以这样做。
button-canceling = 正在取消…
button-already_canceling = 这个请求已经在取消中了。
button-already_finished = 这个请求已经结束，无需取消。
button-no_image = 该图片已不在消息中。

## Held for review, and the mod-log
## The mod-log lines (review-modlog, review-approved_by, review-denied_by, modlog-*,
## moderation-check_unfinished) are always rendered in en-US; the rest go to the member.

review-held = 你的提示词已提交给管理员审核。审核通过后，图片会发到本频道并提醒你。本次未扣除额度。
review-modlog = 🔎 待审核：{ $member } 在 { $channel }（匹配 `{ $entry }`）：{ $prompt }
review-approved_by = ✅ 已由 { $moderator } 批准
review-denied_by = ❌ 已由 { $moderator } 拒绝
review-already_decided = 其他管理员已经处理了这个请求。
review-approved_note = { $member } 管理员已批准你的图片请求，正在生成。
review-denied_note = { $member } 管理员拒绝了你的图片请求，未扣除额度。
modlog-matched = （匹配 `{ $entry }`）
modlog-gate_refused = 🚫 已拒绝 { $member } 在 { $channel } 的请求：{ $reason } 提示词：{ $prompt }
modlog-action = 🛡️ { $moderator }：{ $action }
moderation-check_unfinished = （屏蔽词检查未能及时完成）

## /quota and /history

quota-view-title = **你今天的图片额度**
quota-view-counts = 已用：**{ $used }** · 进行中：**{ $in_progress }** · 剩余：**{ $left }** / { $limit }
quota-view-allowance = 每日额度：{ $allowance } 张（{ $source }）
quota-view-granted = 管理员今天额外赠送：+{ $granted } 张
quota-view-forgiven = 管理员今天已为你免除：{ $reset } 张
quota-view-resets = 将于 <t:{ $resets }:R> 重置（UTC 零点）
quota-source-member = 管理员为你单独设置
quota-source-role = 来自你的身份组
quota-source-guild = 本服务器默认
quota-source-default = 机器人默认
history-title = 你在本服务器最近的生成记录
history-empty = 你还没有在本服务器生成过图片。试试 `/imagine`。
history-entry =
    {"*"}*{ $number }.** <t:{ $when }:R> · { $state } · { $images }
    { $prompt }
    额度：{ $quota }
history-no_prompt = （无提示词）
history-images = { $count } 张图片
history-state-running = ⏳ 进行中
history-state-done = ✅ 完成
history-state-failed = ❌ 失败
history-state-canceled = 🛑 已取消
history-quota-none = 未扣除额度
history-quota-separator = ，
history-quota-reserved = 预留 { $count } 张
history-quota-charged = 扣除 { $count } 张
history-quota-refunded = 退还 { $count } 张（{ $causes }）
history-quota-held = 仍预留 { $count } 张
history-cause-safety = 安全检查拦截
history-cause-canceled = 已取消
history-cause-timeout = 超时
history-cause-not_delivered = 未送达
history-cause-failed = 生成失败

## /usage

usage-title = 本服务器的图片用量
usage-period = UTC 日期 { $first } 至 { $last }
usage-today = 今天：{ $value }
usage-period_total = { $days } 天合计：{ $value }
usage-images = 已交付图片
usage-failures = 失败与取消
usage-failures-count = 失败 { $failed } · 取消 { $canceled } · 共 { $jobs } 个任务
usage-gpu = GPU 时间与估算费用
usage-gpu-value = { $seconds } 秒 ≈ { $cost } 美元
usage-top_today = 今天用量最多的成员（图片数）
usage-top_period = { $days } 天合计用量最多的成员（图片数）
usage-top-entry = { $rank }. { $member }：{ $images }
usage-top-none = 暂无
usage-footer = 费用按每 GPU 秒 { $price } 美元估算（PRICE_PER_GPU_SECOND）。日期按 UTC 计算。

## /mod answers

mod-needs_manage_server = 只有拥有“管理服务器”权限的成员才能更改管理员角色、审核日志频道或安全检查开关。
mod-role_everyone = @everyone 不能作为管理员角色：那样每个成员都会成为管理员。请选择只有管理员拥有的角色。
mod-role_managed = 该角色由机器人或集成管理，成员不由这里决定。请选择服务器自己的角色。
mod-done-allowance_member = { $member } 的每日额度现为 { $images } 张。
mod-done-allowance_member_removed = 已移除 { $member } 的个人额度，改按身份组或服务器默认额度计算。
mod-done-allowance_role = 拥有 { $role } 的成员现在每天可生成 { $images } 张（单独设置了额度的成员除外）。
mod-done-allowance_role_removed = { $role } 不再提供每日额度。
mod-done-allowance_guild = 本服务器的默认每日额度现为 { $images } 张。
mod-done-allowance_guild_removed = 已移除本服务器的默认每日额度，改用机器人默认的 { $images } 张。
mod-done-grant = 已为 { $member } 今天额外赠送 { $images } 张。
mod-done-grant_reason = 已为 { $member } 今天额外赠送 { $images } 张。原因：{ $reason }
mod-done-reset = 已清零 { $member } 今天的用量：免除 { $images } 张。
mod-done-ban = { $member } 已被禁止在本服务器生成图片。原因：{ $reason }
mod-done-unban = { $member } 已可以重新生成图片。
mod-done-block_added = 已将词语 { $pattern } 加入屏蔽列表。
mod-done-block_added_regex = 已将正则表达式 { $pattern } 加入屏蔽列表。
mod-done-block_removed = 已从屏蔽列表删除 { $pattern }。
mod-done-block_mode_refuse = 匹配屏蔽列表的提示词现在会被直接拒绝。
mod-done-block_mode_review = 匹配屏蔽列表的提示词现在会在管理日志频道等待审核（未设置管理日志频道时直接拒绝）。
mod-done-channel_allowed = 现在可以在 { $channel } 使用 /imagine。允许的频道：{ $channels }。
mod-done-channel_removed = 不再允许在 { $channel } 使用 /imagine。允许的频道：{ $channels }。
mod-done-channel_removed_last = { $channel } 是最后一个允许的频道，频道限制已取消：现在所有频道都可以使用 /imagine。
mod-done-channels_all = 现在所有频道都可以使用 /imagine。
mod-done-safety_on = 成员现在可以在年龄限制频道关闭安全检查。
mod-done-safety_off = 成员不能再关闭安全检查。
mod-done-modlog_set = 管理操作和被拒绝的提示词现在会发到 { $channel }。
mod-done-modlog_off = 管理日志已关闭。
mod-done-role_set = 拥有 { $role } 的成员现在可以使用管理员命令。
mod-done-role_none = 已取消管理员身份组；现在只有拥有“管理服务器”权限的成员可以使用管理员命令。
mod-done-cap_set = 本服务器现在每天（UTC）最多生成 { $images } 张图片。
mod-done-cap_none = 本服务器已取消每日上限。
mod-blocklist-empty = 屏蔽列表是空的。可用 `/mod blocklist add` 添加。
mod-blocklist-title = **屏蔽列表**（{ $count } 条；匹配的提示词：{ $mode }）
mod-blocklist-regex = （正则表达式）
mod-blocklist-more = ……另有 { $count } 条
mod-channels-everywhere = 所有频道都可以使用 /imagine。
mod-channels-listed = 只能在以下频道使用 /imagine：{ $channels }
mod-mode-refuse = 拒绝
mod-mode-review = 审核
mod-refused-not_banned = { $member } 并未被禁止，未做任何更改。
mod-refused-duplicate = { $pattern } 已在屏蔽列表中，未做任何更改。
mod-refused-not_listed = { $pattern } 不在屏蔽列表中，未做任何更改。可用 `/mod blocklist list` 查看。
mod-refused-no_restriction =
    /imagine 目前没有频道限制，无法移除 { $channel }，未做任何更改。请用 `/mod channels allow` 指定频道。
mod-refused-channel_not_listed = { $channel } 不在允许的频道中，未做任何更改。允许的频道：{ $channels }。
moderation-bad_regex = 该正则表达式无法用机器人的正则引擎 RE2 编译：{ $detail }
moderation-regex_backreference =
    该正则表达式引用了前面的分组（{ $detail }）。机器人的正则引擎 RE2 以线性时间运行，不支持反向引用：请把重复的文字直接写出来，例如把 `(ab)\1` 写成 `abab`。
moderation-regex_lookaround =
    该正则表达式使用了前瞻或后顾断言（{ $detail }），机器人的正则引擎 RE2 不支持。条目本来就会在提示词的任意位置匹配：请去掉该断言，或用 `\b` 匹配单词边界。
moderation-regex_possessive =
    该正则表达式使用了占有量词或原子分组（{ $detail }）。机器人的正则引擎 RE2 从不回溯，无需这些写法：请用 `a+` 代替 `a++` 或 `(?>a+)`。
moderation-regex_conditional = 该正则表达式使用了条件分组（{ $detail }），机器人的正则引擎 RE2 不支持。请把每种情况分别添加为一条屏蔽词。
moderation-regex_too_big = 该正则表达式超出了机器人的正则引擎 RE2 的限制：{ $detail }。重复次数最多为 1000，请改用更小的次数或直接用 `+`。
moderation-blocklist_full = 屏蔽词列表已有 { $max } 条，请先删除一些。
