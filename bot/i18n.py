"""Member-facing text in every shipped language, looked up by key.

Every sentence a member or an operator reads comes from here, so the English and the Chinese
never drift apart and the tests can check both catalogues hold the same keys and placeholders.
"""

from __future__ import annotations

import string
from typing import Any, Final

DEFAULT_LOCALE: Final = "en-US"
SUPPORTED_LOCALES: Final = ("en-US", "zh-CN")

# Discord sends locales such as "en-GB", "zh-TW" or "fr"; each maps to the closest shipped one.
_FALLBACKS: Final = {"zh": "zh-CN", "en": "en-US"}

CATALOG: Final[dict[str, dict[str, str]]] = {
    # --- input validation (bot/sdxl.py) ---
    "input.required": {
        "en-US": "`{field}` is required: {hint}",
        "zh-CN": "必须填写 `{field}`：{hint}",
    },
    "input.range": {
        "en-US": "`{field}` must be between {min} and {max} (you gave {value}).",
        "zh-CN": "`{field}` 必须在 {min} 到 {max} 之间（你填的是 {value}）。",
    },
    "input.multiple_of": {
        "en-US": "`{field}` must be a multiple of {step} between {min} and {max}"
        " (you gave {value}; try {suggestion}).",
        "zh-CN": "`{field}` 必须是 {step} 的倍数，且在 {min} 到 {max} 之间"
        "（你填的是 {value}，可以试试 {suggestion}）。",
    },
    "input.pixel_budget": {
        "en-US": "{width}×{height} is {pixels} pixels, more than the {max_pixels} allowed:"
        " make `width` or `height` smaller (for example {suggestion}).",
        "zh-CN": "{width}×{height} 共 {pixels} 像素，超过上限 {max_pixels}："
        "请减小 `width` 或 `height`（例如 {suggestion}）。",
    },
    "input.choice": {
        "en-US": "`{field}` must be one of: {choices} (you gave {value}).",
        "zh-CN": "`{field}` 只能是以下之一：{choices}（你填的是 {value}）。",
    },
    "input.type": {
        "en-US": "`{field}` must be {expected} (you gave {value}).",
        "zh-CN": "`{field}` 必须是{expected}（你填的是 {value}）。",
    },
    "input.too_long": {
        "en-US": "`{field}` is {length} characters long; the limit is {max}."
        " Shorten it and try again.",
        "zh-CN": "`{field}` 有 {length} 个字符，上限是 {max}。请缩短后再试。",
    },
    "input.empty": {
        "en-US": "`{field}` is empty: describe the picture you want, for example"
        " `a lighthouse at dawn, oil painting`.",
        "zh-CN": "`{field}` 是空的：请描述你想要的画面，例如 `黎明时的灯塔，油画`。",
    },
    "input.requires": {
        "en-US": "`{field}` only works together with {requirement}.",
        "zh-CN": "`{field}` 只能与 {requirement} 一起使用。",
    },
    "input.unknown": {
        "en-US": "`{field}` is not an option of this command.",
        "zh-CN": "本命令没有 `{field}` 这个选项。",
    },
    "input.uri": {
        "en-US": "`{field}` must be an https link or an uploaded image.",
        "zh-CN": "`{field}` 必须是 https 链接或上传的图片。",
    },
    "input.text": {
        "en-US": "`{field}` must be text (you gave {value}).",
        "zh-CN": "`{field}` 必须是文字（你填的是 {value}）。",
    },
    "input.ignored_with_image": {
        "en-US": "`{field}` cannot be used together with `image`: the picture keeps the size of"
        " your image, so leave `width` and `height` out.",
        "zh-CN": "`{field}` 不能与 `image` 一起使用：生成的图片会沿用你所给图片的尺寸，"
        "请不要填写 `width` 和 `height`。",
    },
    "input.invalid": {
        "en-US": "`{field}` has a value this command cannot use.",
        "zh-CN": "`{field}` 的值无法用于本命令。",
    },
    # --- Replicate API errors (bot/replicate.py) ---
    "replicate.unauthenticated": {
        "en-US": "Replicate rejected the API token. Check REPLICATE_API_TOKEN"
        " (and REPLICATE_API_BASE if you use a relay).",
        "zh-CN": "Replicate 拒绝了 API 令牌。请检查 REPLICATE_API_TOKEN"
        "（使用中转服务时也请检查 REPLICATE_API_BASE）。",
    },
    "replicate.payment_required": {
        "en-US": "The Replicate account is out of credit, so no image was made and nothing"
        " was charged. Ask the bot's owner to top it up.",
        "zh-CN": "Replicate 账户余额不足，未生成图片，也未扣除额度。请联系机器人管理员充值。",
    },
    "replicate.invalid_input": {
        "en-US": "Replicate refused these options: {detail}",
        "zh-CN": "Replicate 拒绝了这些选项：{detail}",
    },
    "replicate.invalid_version": {
        "en-US": "Replicate does not know the model version in SDXL_MODEL ({detail}).",
        "zh-CN": "Replicate 找不到 SDXL_MODEL 指定的模型版本（{detail}）。",
    },
    "replicate.rate_limited": {
        "en-US": "Replicate is busy right now (rate limited). Try again in about {seconds} s.",
        "zh-CN": "Replicate 当前繁忙（触发限流）。请约 {seconds} 秒后再试。",
    },
    "replicate.unavailable": {
        "en-US": "Replicate could not be reached ({detail}). Nothing was charged; try again"
        " in a minute.",
        "zh-CN": "无法连接 Replicate（{detail}）。未扣除额度，请稍后再试。",
    },
    "replicate.create_unknown": {
        "en-US": "Replicate did not confirm the request ({detail}), so it is unknown whether"
        " the image was started. It was not sent again, so nothing runs or is charged twice.",
        "zh-CN": "Replicate 没有确认这次请求（{detail}），无法确定是否已开始生成。"
        "请求没有被重复发送，因此不会重复生成或重复扣费。",
    },
    "replicate.protocol": {
        "en-US": "Replicate sent an answer the bot could not read ({detail}).",
        "zh-CN": "Replicate 返回了无法解析的响应（{detail}）。",
    },
    "replicate.http": {
        "en-US": "Replicate answered {status} {title}: {detail}",
        "zh-CN": "Replicate 返回 {status} {title}：{detail}",
    },
    # --- prediction outcomes (bot/tracking.py) ---
    "prediction.nsfw": {
        "en-US": "The safety checker flagged every image, so none can be shown and nothing"
        " was charged. Try a different prompt.",
        "zh-CN": "安全检查拦截了所有图片，因此无法显示，也未扣除额度。请换一个提示词再试。",
    },
    "prediction.failed": {
        "en-US": "The model failed: {detail}",
        "zh-CN": "模型运行失败：{detail}",
    },
    "prediction.canceled": {
        "en-US": "The generation was canceled. Nothing was charged.",
        "zh-CN": "生成已取消，未扣除额度。",
    },
    "prediction.timeout": {
        "en-US": "The generation took longer than {seconds} s and was stopped. Nothing was"
        " charged; try again, perhaps with fewer steps or images.",
        "zh-CN": "生成超过 {seconds} 秒，已被停止，未扣除额度。请重试，或减少步数或图片数量。",
    },
    "prediction.no_output": {
        "en-US": "The model finished without returning any image.",
        "zh-CN": "模型运行结束，但没有返回图片。",
    },
    # --- quotas (bot/quota.py); {resets} is a Unix time shown as a Discord timestamp ---
    "quota.exceeded": {
        "en-US": "You asked for {asked} images but have {left} of {limit} left today."
        " Your allowance resets <t:{resets}:R>. Nothing was charged.",
        "zh-CN": "你请求了 {asked} 张图片，但今天只剩 {left}/{limit} 张。"
        "额度将于 <t:{resets}:R> 重置。本次未扣除额度。",
    },
    "quota.guild_cap": {
        "en-US": "This server has used all {cap} images it may make today. It resets"
        " <t:{resets}:R>. Nothing was charged.",
        "zh-CN": "本服务器今天的 {cap} 张图片额度已用完，将于 <t:{resets}:R> 重置。"
        "本次未扣除额度。",
    },
    "quota.banned": {
        "en-US": "A moderator has stopped you from generating images in this server."
        " Ask them if you think this is a mistake.",
        "zh-CN": "管理员已禁止你在本服务器生成图片。如有疑问，请联系管理员。",
    },
    # --- moderation (bot/moderation.py) ---
    "moderation.bad_regex": {
        "en-US": "That regular expression does not compile with RE2, the bot's regex engine:"
        " {detail}",
        "zh-CN": "该正则表达式无法用机器人的正则引擎 RE2 编译：{detail}",
    },
    "moderation.regex_backreference": {
        "en-US": "That regular expression refers back to a group ({detail}). The bot's regex"
        " engine (RE2) runs in linear time and has no backreferences: write the repeated"
        " text out instead, for example `(ab)\\1` becomes `abab`.",
        "zh-CN": "该正则表达式引用了前面的分组（{detail}）。机器人的正则引擎 RE2 以线性时间运行，"
        "不支持反向引用：请把重复的文字直接写出来，例如把 `(ab)\\1` 写成 `abab`。",
    },
    "moderation.regex_lookaround": {
        "en-US": "That regular expression uses a look-ahead or look-behind ({detail}), which the"
        " bot's regex engine (RE2) does not support. Entries already match anywhere in the"
        " prompt: leave the look-around out, or use `\\b` to match at the edge of a word.",
        "zh-CN": "该正则表达式使用了前瞻或后顾断言（{detail}），机器人的正则引擎 RE2 不支持。"
        "条目本来就会在提示词的任意位置匹配：请去掉该断言，或用 `\\b` 匹配单词边界。",
    },
    "moderation.regex_possessive": {
        "en-US": "That regular expression uses a possessive quantifier or an atomic group"
        " ({detail}). The bot's regex engine (RE2) never backtracks, so they are not needed:"
        " write `a+` instead of `a++` or `(?>a+)`.",
        "zh-CN": "该正则表达式使用了占有量词或原子分组（{detail}）。机器人的正则引擎 RE2 从不回溯，"
        "无需这些写法：请用 `a+` 代替 `a++` 或 `(?>a+)`。",
    },
    "moderation.regex_conditional": {
        "en-US": "That regular expression uses a conditional group ({detail}), which the bot's"
        " regex engine (RE2) does not support. Add each alternative as an entry of its own.",
        "zh-CN": "该正则表达式使用了条件分组（{detail}），机器人的正则引擎 RE2 不支持。"
        "请把每种情况分别添加为一条屏蔽词。",
    },
    "moderation.regex_too_big": {
        "en-US": "That regular expression is too large for the bot's regex engine (RE2):"
        " {detail}. Repetition counts go up to 1000; use a smaller count or a plain `+`.",
        "zh-CN": "该正则表达式超出了机器人的正则引擎 RE2 的限制：{detail}。"
        "重复次数最多为 1000，请改用更小的次数或直接用 `+`。",
    },
    "moderation.check_unfinished": {
        "en-US": "(the blocklist check did not finish within {seconds} s)",
        "zh-CN": "（屏蔽词检查未能在 {seconds} 秒内完成）",
    },
    "moderation.blocklist_full": {
        "en-US": "The blocklist already has {max} entries; remove some first.",
        "zh-CN": "屏蔽词列表已有 {max} 条，请先删除一些。",
    },
    # --- the job queue (bot/jobs.py) ---
    "jobs.too_many": {
        "en-US": "You already have {count} generations in progress; wait for one to finish.",
        "zh-CN": "你已有 {count} 个生成任务在进行中，请等其中一个完成后再试。",
    },
    "jobs.queue_full": {
        "en-US": "The queue is full ({count} waiting). Nothing was charged; try again in a few"
        " minutes.",
        "zh-CN": "队列已满（{count} 个在等待）。未扣除额度，请几分钟后再试。",
    },
    "jobs.not_found": {
        "en-US": "This generation is no longer known to the bot.",
        "zh-CN": "机器人已找不到这个生成任务。",
    },
    # --- downloading outputs (bot/images.py) ---
    "output.host_not_allowed": {
        "en-US": "An output image is hosted on {host}, which is not in OUTPUT_HOSTS;"
        " it was not downloaded.",
        "zh-CN": "输出图片位于 {host}，不在 OUTPUT_HOSTS 允许列表中，未下载。",
    },
    "output.insecure": {
        "en-US": "An output image link is not https ({scheme}); it was not downloaded.",
        "zh-CN": "输出图片链接不是 https（{scheme}），未下载。",
    },
    "output.too_large": {
        "en-US": "An output image is larger than {limit_mib} MiB; it was not downloaded.",
        "zh-CN": "输出图片大于 {limit_mib} MiB，未下载。",
    },
    "output.unreadable": {
        "en-US": "An output image could not be downloaded ({detail}).",
        "zh-CN": "无法下载输出图片（{detail}）。",
    },
    # --- option descriptions (CLI --help; slash-command options: at most 100 characters) ---
    "option.prompt": {
        "en-US": "What to draw, e.g. a lighthouse at dawn, oil painting",
        "zh-CN": "想画什么，例如：黎明时的灯塔，油画",
    },
    "option.negative_prompt": {
        "en-US": "What to keep out of the picture",
        "zh-CN": "画面中不希望出现的内容",
    },
    "option.image": {
        "en-US": "Start from this image instead of noise (img2img)",
        "zh-CN": "以这张图片为起点（图生图）",
    },
    "option.mask": {
        "en-US": "Inpainting mask: white is repainted, black is kept (needs image)",
        "zh-CN": "局部重绘蒙版：白色重画，黑色保留（需要 image）",
    },
    "option.width": {
        "en-US": "Width in pixels, a multiple of 8",
        "zh-CN": "宽度（像素），须为 8 的倍数",
    },
    "option.height": {
        "en-US": "Height in pixels, a multiple of 8",
        "zh-CN": "高度（像素），须为 8 的倍数",
    },
    "option.num_outputs": {
        "en-US": "How many images to make",
        "zh-CN": "生成几张图片",
    },
    "option.scheduler": {
        "en-US": "Sampling scheduler",
        "zh-CN": "采样调度器",
    },
    "option.num_inference_steps": {
        "en-US": "Denoising steps: more is slower and often finer",
        "zh-CN": "去噪步数：越多越慢，细节通常更好",
    },
    "option.guidance_scale": {
        "en-US": "How closely to follow the prompt",
        "zh-CN": "遵循提示词的程度",
    },
    "option.prompt_strength": {
        "en-US": "With an image: how much to change it (1 repaints it fully)",
        "zh-CN": "使用图片时：改变原图的程度（1 为完全重画）",
    },
    "option.seed": {
        "en-US": "Random seed: the same seed and options give the same image",
        "zh-CN": "随机种子：相同的种子和选项会得到相同的图片",
    },
    "option.refine": {
        "en-US": "Run the refiner for finer detail",
        "zh-CN": "使用精修模型提升细节",
    },
    "option.high_noise_frac": {
        "en-US": "expert_ensemble_refiner: share of the steps done by the base model",
        "zh-CN": "expert_ensemble_refiner：由基础模型完成的步数比例",
    },
    "option.refine_steps": {
        "en-US": "base_image_refiner: number of refiner steps",
        "zh-CN": "base_image_refiner：精修步数",
    },
    "option.apply_watermark": {
        "en-US": "Add an invisible watermark that marks the image as AI-made",
        "zh-CN": "添加标记图片为 AI 生成的隐形水印",
    },
    "option.lora_scale": {
        "en-US": "LoRA strength (trained models only)",
        "zh-CN": "LoRA 强度（仅限训练过的模型）",
    },
    "option.replicate_weights": {
        "en-US": "LoRA weights to use (trained models only)",
        "zh-CN": "要使用的 LoRA 权重（仅限训练过的模型）",
    },
    "option.disable_safety_checker": {
        "en-US": "Turn off the safety checker (only where moderators allow it)",
        "zh-CN": "关闭安全检查（仅在管理员允许的地方有效）",
    },
    # --- slash command names and choices (names: lowercase, no spaces, at most 32) ---
    "command.imagine": {"en-US": "imagine", "zh-CN": "画图"},
    "command.imagine.description": {
        "en-US": "Make images with Stable Diffusion XL",
        "zh-CN": "用 Stable Diffusion XL 生成图片",
    },
    "choice.no_refiner": {"en-US": "No refiner", "zh-CN": "不精修"},
    "choice.expert_ensemble_refiner": {
        "en-US": "Expert ensemble refiner",
        "zh-CN": "专家集成精修",
    },
    "choice.base_image_refiner": {"en-US": "Base image refiner", "zh-CN": "基础图精修"},
    # Localized option names are display only: the payload keeps the canonical (contract) names.
    "option_name.prompt": {"en-US": "prompt", "zh-CN": "提示词"},
    "option_name.negative_prompt": {"en-US": "negative_prompt", "zh-CN": "反向提示词"},
    "option_name.image": {"en-US": "image", "zh-CN": "图片"},
    "option_name.mask": {"en-US": "mask", "zh-CN": "蒙版"},
    "option_name.width": {"en-US": "width", "zh-CN": "宽度"},
    "option_name.height": {"en-US": "height", "zh-CN": "高度"},
    "option_name.num_outputs": {"en-US": "num_outputs", "zh-CN": "数量"},
    "option_name.scheduler": {"en-US": "scheduler", "zh-CN": "调度器"},
    "option_name.num_inference_steps": {"en-US": "num_inference_steps", "zh-CN": "步数"},
    "option_name.guidance_scale": {"en-US": "guidance_scale", "zh-CN": "引导系数"},
    "option_name.prompt_strength": {"en-US": "prompt_strength", "zh-CN": "重绘强度"},
    "option_name.seed": {"en-US": "seed", "zh-CN": "种子"},
    "option_name.refine": {"en-US": "refine", "zh-CN": "精修"},
    "option_name.high_noise_frac": {"en-US": "high_noise_frac", "zh-CN": "高噪比例"},
    "option_name.refine_steps": {"en-US": "refine_steps", "zh-CN": "精修步数"},
    "option_name.apply_watermark": {"en-US": "apply_watermark", "zh-CN": "水印"},
    "option_name.lora_scale": {"en-US": "lora_scale", "zh-CN": "lora强度"},
    "option_name.replicate_weights": {"en-US": "replicate_weights", "zh-CN": "lora权重"},
    "option_name.disable_safety_checker": {
        "en-US": "disable_safety_checker",
        "zh-CN": "关闭安全检查",
    },
    # --- attachments (bot/attachments.py) ---
    "attachment.type": {
        "en-US": "`{field}` must be a PNG, JPEG or WebP image (this file is {content_type}).",
        "zh-CN": "`{field}` 必须是 PNG、JPEG 或 WebP 图片（该文件是 {content_type}）。",
    },
    "attachment.too_large": {
        "en-US": "`{field}` is {size_mib} MiB; the limit is {limit_mib} MiB."
        " Upload a smaller image.",
        "zh-CN": "`{field}` 有 {size_mib} MiB，上限是 {limit_mib} MiB。请上传更小的图片。",
    },
    "attachment.dimensions": {
        "en-US": "`{field}` is {width}×{height}; each side must be between {min} and {max} pixels.",
        "zh-CN": "`{field}` 尺寸为 {width}×{height}；每条边须在 {min} 到 {max} 像素之间。",
    },
    "attachment.mask_size": {
        "en-US": "`mask` is {mask_width}×{mask_height} but `image` is {width}×{height}:"
        " the mask must be exactly the size of the image.",
        "zh-CN": "`mask` 为 {mask_width}×{mask_height}，而 `image` 为 {width}×{height}："
        "蒙版必须与图片尺寸完全相同。",
    },
    "attachment.unreadable": {
        "en-US": "`{field}` does not look like an image Discord could read. Upload a PNG or JPEG.",
        "zh-CN": "`{field}` 看起来不是有效的图片。请上传 PNG 或 JPEG。",
    },
    "policy.safety_checker": {
        "en-US": "`disable_safety_checker` only works in age-restricted channels where the"
        " moderators turned it on.",
        "zh-CN": "`disable_safety_checker` 只能在管理员已开启此功能的年龄限制频道中使用。",
    },
    "policy.channel": {
        "en-US": "Image generation is not enabled in this channel. Try {channels}.",
        "zh-CN": "此频道未开启图片生成。请到 {channels} 使用。",
    },
    "policy.blocked": {
        "en-US": "This prompt contains something the moderators of this server do not allow."
        " Rephrase it and try again; nothing was charged.",
        "zh-CN": "该提示词包含本服务器管理员不允许的内容。请修改后再试，本次未扣除额度。",
    },
    "review.held": {
        "en-US": "Your prompt was sent to the moderators for review. If they approve it, the"
        " images will appear in this channel and you will be pinged. Nothing was charged.",
        "zh-CN": "你的提示词已提交给管理员审核。审核通过后，图片会发到本频道并提醒你。"
        "本次未扣除额度。",
    },
    "review.modlog": {
        "en-US": "🔎 Held for review: {member} in {channel} (matched `{entry}`): {prompt}",
        "zh-CN": "🔎 待审核：{member} 在 {channel}（匹配 `{entry}`）：{prompt}",
    },
    "review.approve": {"en-US": "Approve", "zh-CN": "批准"},
    "review.deny": {"en-US": "Deny", "zh-CN": "拒绝"},
    "review.approved_by": {
        "en-US": "✅ Approved by {moderator}",
        "zh-CN": "✅ 已由 {moderator} 批准",
    },
    "review.denied_by": {
        "en-US": "❌ Denied by {moderator}",
        "zh-CN": "❌ 已由 {moderator} 拒绝",
    },
    "mod.needs_manage_server": {
        "en-US": "Only members with Manage Server can change who moderates, the mod-log channel"
        " or the safety-checker switch.",
        "zh-CN": "只有拥有“管理服务器”权限的成员才能更改管理员角色、审核日志频道或安全检查开关。",
    },
    "mod.role_everyone": {
        "en-US": "@everyone cannot be the moderator role: every member would moderate. Pick a"
        " role only moderators have.",
        "zh-CN": "@everyone 不能作为管理员角色：那样每个成员都会成为管理员。"
        "请选择只有管理员拥有的角色。",
    },
    "mod.role_managed": {
        "en-US": "That role is managed by a bot or an integration, so nobody here chooses its"
        " members. Pick a role of your own.",
        "zh-CN": "该角色由机器人或集成管理，成员不由这里决定。请选择服务器自己的角色。",
    },
    "review.too_many": {
        "en-US": "You already have {count} requests waiting for a moderator. Wait for their"
        " decision before sending another one like them.",
        "zh-CN": "你已有 {count} 个请求在等待管理员审核。请等审核结果出来后再发送类似请求。",
    },
    "review.cooldown": {
        "en-US": "A request of yours was just sent to the moderators. Try again in {seconds}s.",
        "zh-CN": "你的一个请求刚刚提交给管理员审核。请 {seconds} 秒后再试。",
    },
    "review.already_decided": {
        "en-US": "Another moderator has already decided on this request.",
        "zh-CN": "其他管理员已经处理了这个请求。",
    },
    "review.approved_note": {
        "en-US": "{member} a moderator approved your image request; here it comes.",
        "zh-CN": "{member} 管理员已批准你的图片请求，正在生成。",
    },
    "review.denied_note": {
        "en-US": "{member} a moderator declined your image request. Nothing was charged.",
        "zh-CN": "{member} 管理员拒绝了你的图片请求，未扣除额度。",
    },
    "modlog.matched": {"en-US": " (matched `{entry}`)", "zh-CN": "（匹配 `{entry}`）"},
    "modlog.gate_refused": {
        "en-US": "🚫 Refused a prompt from {member} in {channel}: {reason} Prompt: {prompt}",
        "zh-CN": "🚫 已拒绝 {member} 在 {channel} 的请求：{reason} 提示词：{prompt}",
    },
    # --- the live status message (cogs/status.py) ---
    "status.queued": {
        "en-US": "⏳ Queued: position {position}",
        "zh-CN": "⏳ 排队中：第 {position} 位",
    },
    "status.queued_long": {
        "en-US": "⏳ The queue is busy: you are number {position}, about {minutes} min to go."
        " Nothing is charged if you cancel.",
        "zh-CN": "⏳ 队列繁忙：你排在第 {position} 位，大约还需 {minutes} 分钟。取消不会扣除额度。",
    },
    "status.submitting": {"en-US": "📨 Sending to the model…", "zh-CN": "📨 正在提交给模型…"},
    "status.starting": {
        "en-US": "🚀 Starting (the model is warming up) · {elapsed}",
        "zh-CN": "🚀 启动中（模型正在预热）· {elapsed}",
    },
    "status.processing": {
        "en-US": "🎨 {phase} {bar} {percent}% · step {step}/{total} · {elapsed}{eta}",
        "zh-CN": "🎨 {phase} {bar} {percent}% · 第 {step}/{total} 步 · {elapsed}{eta}",
    },
    "status.eta": {"en-US": " · about {seconds}s left", "zh-CN": " · 约剩 {seconds} 秒"},
    "status.phase.base": {"en-US": "Base model", "zh-CN": "基础模型"},
    "status.phase.refiner": {"en-US": "Refiner", "zh-CN": "精修"},
    "status.finishing": {
        "en-US": "✨ Finishing: decoding and checking the images · {elapsed}",
        "zh-CN": "✨ 收尾中：解码并检查图片 · {elapsed}",
    },
    "status.paused": {
        "en-US": "⏸ The bot is restarting. This request is kept and will continue in this"
        " channel when it is back.",
        "zh-CN": "⏸ 机器人正在重启。此请求已保留，恢复后会在本频道继续。",
    },
    "status.upload_failed": {
        "en-US": "❌ The images could not be uploaded to Discord here. Nothing was charged;"
        " try fewer or smaller images.",
        "zh-CN": "❌ 图片无法上传到这里。未扣除额度，请减少图片数量或尺寸后再试。",
    },
    "status.moved": {
        "en-US": "{mention} your request continues here (Discord's reply window closed).",
        "zh-CN": "{mention} 你的请求在这里继续（Discord 的回复时限已到）。",
    },
    "status.continued": {
        "en-US": "➡️ Continued in a new message: {link}",
        "zh-CN": "➡️ 已在新消息中继续：{link}",
    },
    "status.resumed": {
        "en-US": "{mention} the bot restarted; your request continues here.",
        "zh-CN": "{mention} 机器人已重启，你的请求在这里继续。",
    },
    "jobs.shutting_down": {
        "en-US": "The bot is restarting and takes no new requests right now. Nothing was"
        " charged; try again in a minute.",
        "zh-CN": "机器人正在重启，暂不接受新请求。未扣除额度，请稍后再试。",
    },
    "status.delivering": {"en-US": "📦 Uploading the images…", "zh-CN": "📦 正在上传图片…"},
    "status.canceling": {
        "en-US": "🛑 Canceling… Nothing is charged unless the images are already made.",
        "zh-CN": "🛑 正在取消…除非图片已经生成，否则不会扣除额度。",
    },
    "status.queued_expiring": {
        "en-US": "⏳ Still queued at position {position}. Discord's reply window is closing:"
        " the images will be posted in this channel when your turn comes.",
        "zh-CN": "⏳ 仍在排队，第 {position} 位。Discord 的回复时限将到："
        "轮到你时，图片会发在本频道。",
    },
    "status.failed": {"en-US": "❌ No images: {reason}", "zh-CN": "❌ 未生成图片：{reason}"},
    "status.canceled": {
        "en-US": "🛑 Canceled. Nothing was charged.",
        "zh-CN": "🛑 已取消，未扣除额度。",
    },
    # --- the result (cogs/status.py) ---
    "result.title": {"en-US": "Done in {seconds}s", "zh-CN": "完成，用时 {seconds} 秒"},
    "result.for": {"en-US": "for {mention}", "zh-CN": "来自 {mention} 的请求"},
    "result.negative_prompt": {"en-US": "Negative prompt", "zh-CN": "反向提示词"},
    "result.seed": {"en-US": "Seed", "zh-CN": "种子"},
    "result.size": {"en-US": "Size", "zh-CN": "尺寸"},
    "result.size_from_image": {"en-US": "from the image", "zh-CN": "同原图"},
    "result.steps": {"en-US": "Steps", "zh-CN": "步数"},
    "result.scheduler": {"en-US": "Scheduler", "zh-CN": "调度器"},
    "result.guidance": {"en-US": "Guidance", "zh-CN": "引导系数"},
    "result.refine": {"en-US": "Refiner", "zh-CN": "精修"},
    "result.mode": {"en-US": "Mode", "zh-CN": "模式"},
    "result.dropped": {
        "en-US": "{dropped} of {requested} images were held back by the safety checker.",
        "zh-CN": "{requested} 张图片中有 {dropped} 张被安全检查拦截。",
    },
    "result.too_late_to_cancel": {
        "en-US": "The images were finished before the cancel arrived, so they were delivered"
        " and charged.",
        "zh-CN": "取消请求到达前图片已经生成，因此已送达并扣除额度。",
    },
    "result.missing": {
        "en-US": "{missing} of {requested} images could not be downloaded and were refunded.",
        "zh-CN": "{requested} 张图片中有 {missing} 张无法下载，已退还额度。",
    },
    "errors.reply_unavailable": {
        "en-US": "The request's message and channel are gone; it was ended and refunded.",
        "zh-CN": "请求的消息和频道已不存在；请求已结束并退还额度。",
    },
    "result.reencoded": {
        "en-US": "Some images were re-encoded as JPEG to fit Discord's upload limit.",
        "zh-CN": "部分图片已转为 JPEG 以符合 Discord 的上传限制。",
    },
    "button.cancel": {"en-US": "Cancel", "zh-CN": "取消"},
    "button.reroll": {"en-US": "Reroll", "zh-CN": "重新生成"},
    "button.vary": {"en-US": "Vary {index}", "zh-CN": "变体 {index}"},
    "button.delete": {"en-US": "Delete", "zh-CN": "删除"},
    "button.not_yours": {
        "en-US": "Only the member who asked for this, or a moderator, can do that.",
        "zh-CN": "只有发起者或管理员可以这样做。",
    },
    "button.canceling": {"en-US": "Canceling…", "zh-CN": "正在取消…"},
    "button.already_canceling": {
        "en-US": "This request is already being canceled.",
        "zh-CN": "这个请求已经在取消中了。",
    },
    "button.already_finished": {
        "en-US": "This request has already finished; there is nothing to cancel.",
        "zh-CN": "这个请求已经结束，无需取消。",
    },
    "button.no_image": {
        "en-US": "That image is no longer attached to the message.",
        "zh-CN": "该图片已不在消息中。",
    },
    "delivery.fallback": {
        "en-US": "{mention} your images are ready (the original reply could no longer be edited).",
        "zh-CN": "{mention} 你的图片已生成（原回复已无法编辑）。",
    },
    # --- errors at the Discord edge (cogs/errors.py) ---
    "errors.unexpected": {
        "en-US": "Something went wrong on our side. It was logged; mention reference {reference}"
        " if you report it.",
        "zh-CN": "机器人内部出错，已记录。反馈时请附上编号 {reference}。",
    },
    "errors.not_allowed": {
        "en-US": "You don't have permission to use this command here.",
        "zh-CN": "你没有在这里使用此命令的权限。",
    },
    "errors.guild_only": {
        "en-US": "This command works only in a server.",
        "zh-CN": "此命令只能在服务器中使用。",
    },
    # --- usage report (bot/usage.py, cogs/usage.py) ---
    "usage.command": {"en-US": "usage", "zh-CN": "用量"},
    "usage.command.description": {
        "en-US": "This server's image usage: top members, failures, GPU time and cost",
        "zh-CN": "本服务器的图片用量：用量最多的成员、失败次数、GPU 时间与费用",
    },
    "usage.option_name.days": {"en-US": "days", "zh-CN": "天数"},
    "usage.option.days": {
        "en-US": "How many UTC days to cover, today included (default 7)",
        "zh-CN": "统计多少个 UTC 日，含今天（默认 7 天）",
    },
    "usage.title": {"en-US": "Image usage in this server", "zh-CN": "本服务器的图片用量"},
    "usage.period": {
        "en-US": "UTC days {first} to {last}",
        "zh-CN": "UTC 日期 {first} 至 {last}",
    },
    "usage.today": {"en-US": "Today: {value}", "zh-CN": "今天：{value}"},
    "usage.period_total": {
        "en-US": "{days}-day total: {value}",
        "zh-CN": "{days} 天合计：{value}",
    },
    "usage.images": {"en-US": "Images delivered", "zh-CN": "已交付图片"},
    "usage.failures": {"en-US": "Failed and canceled", "zh-CN": "失败与取消"},
    "usage.failures.count": {
        "en-US": "{failed} failed · {canceled} canceled · {jobs} in all",
        "zh-CN": "失败 {failed} · 取消 {canceled} · 共 {jobs} 个任务",
    },
    "usage.gpu": {"en-US": "GPU time and estimated cost", "zh-CN": "GPU 时间与估算费用"},
    "usage.gpu.value": {
        "en-US": "{seconds} s ≈ US${cost}",
        "zh-CN": "{seconds} 秒 ≈ {cost} 美元",
    },
    "usage.top_today": {
        "en-US": "Top members today (images)",
        "zh-CN": "今天用量最多的成员（图片数）",
    },
    "usage.top_period": {
        "en-US": "Top members, {days}-day total (images)",
        "zh-CN": "{days} 天合计用量最多的成员（图片数）",
    },
    "usage.top.entry": {
        "en-US": "{rank}. {member}: {images}",
        "zh-CN": "{rank}. {member}：{images}",
    },
    "usage.top.none": {"en-US": "Nobody yet", "zh-CN": "暂无"},
    "usage.footer": {
        "en-US": "Cost estimated at US${price} per GPU second (PRICE_PER_GPU_SECOND)."
        " Days are UTC.",
        "zh-CN": "费用按每 GPU 秒 {price} 美元估算（PRICE_PER_GPU_SECOND）。日期按 UTC 计算。",
    },
    # --- quota and moderator commands (cogs/quota.py, cogs/moderation.py) ---
    "command.quota.description": {
        "en-US": "See how many images you have left today",
        "zh-CN": "查看你今天还能生成多少张图片",
    },
    "command.history.description": {
        "en-US": "Your last 10 generations in this server and what they cost",
        "zh-CN": "查看你在本服务器最近 10 次生成及其额度消耗",
    },
    "quota.view.title": {"en-US": "**Your images today**", "zh-CN": "**你今天的图片额度**"},
    "quota.view.counts": {
        "en-US": "Used: **{used}** · In progress: **{in_progress}** · Left: **{left}** of {limit}",
        "zh-CN": "已用：**{used}** · 进行中：**{in_progress}** · 剩余：**{left}** / {limit}",
    },
    "quota.view.allowance": {
        "en-US": "Daily allowance: {allowance} images ({source})",
        "zh-CN": "每日额度：{allowance} 张（{source}）",
    },
    "quota.view.granted": {
        "en-US": "Extra granted by moderators today: +{granted}",
        "zh-CN": "管理员今天额外赠送：+{granted} 张",
    },
    "quota.view.forgiven": {
        "en-US": "Forgiven by a moderator today: {reset}",
        "zh-CN": "管理员今天已为你免除：{reset} 张",
    },
    "quota.view.resets": {
        "en-US": "Resets <t:{resets}:R> (midnight UTC)",
        "zh-CN": "将于 <t:{resets}:R> 重置（UTC 零点）",
    },
    "quota.source.member": {"en-US": "set for you by a moderator", "zh-CN": "管理员为你单独设置"},
    "quota.source.role": {"en-US": "from your role", "zh-CN": "来自你的身份组"},
    "quota.source.guild": {"en-US": "this server's default", "zh-CN": "本服务器默认"},
    "quota.source.default": {"en-US": "the bot's default", "zh-CN": "机器人默认"},
    "history.title": {
        "en-US": "Your last generations in this server",
        "zh-CN": "你在本服务器最近的生成记录",
    },
    "history.empty": {
        "en-US": "You have not generated any images in this server yet. Try `/imagine`.",
        "zh-CN": "你还没有在本服务器生成过图片。试试 `/imagine`。",
    },
    "history.entry": {
        "en-US": "**{number}.** <t:{when}:R> · {state} · {images}\n{prompt}\nQuota: {quota}",
        "zh-CN": "**{number}.** <t:{when}:R> · {state} · {images}\n{prompt}\n额度：{quota}",
    },
    "history.no_prompt": {"en-US": "(no prompt)", "zh-CN": "（无提示词）"},
    "history.images.one": {"en-US": "1 image", "zh-CN": "1 张图片"},
    "history.images.many": {"en-US": "{count} images", "zh-CN": "{count} 张图片"},
    "history.state.running": {"en-US": "⏳ in progress", "zh-CN": "⏳ 进行中"},
    "history.state.done": {"en-US": "✅ done", "zh-CN": "✅ 完成"},
    "history.state.failed": {"en-US": "❌ failed", "zh-CN": "❌ 失败"},
    "history.state.canceled": {"en-US": "🛑 canceled", "zh-CN": "🛑 已取消"},
    "history.quota.none": {"en-US": "nothing charged", "zh-CN": "未扣除额度"},
    "history.quota.separator": {"en-US": ", ", "zh-CN": "，"},
    "history.quota.reserved": {"en-US": "{count} reserved", "zh-CN": "预留 {count} 张"},
    "history.quota.charged": {"en-US": "{count} charged", "zh-CN": "扣除 {count} 张"},
    "history.quota.refunded": {
        "en-US": "{count} refunded ({causes})",
        "zh-CN": "退还 {count} 张（{causes}）",
    },
    "history.quota.held": {"en-US": "{count} still held", "zh-CN": "仍预留 {count} 张"},
    "history.cause.safety": {"en-US": "safety checker", "zh-CN": "安全检查拦截"},
    "history.cause.canceled": {"en-US": "canceled", "zh-CN": "已取消"},
    "history.cause.timeout": {"en-US": "timed out", "zh-CN": "超时"},
    "history.cause.not_delivered": {"en-US": "not delivered", "zh-CN": "未送达"},
    "history.cause.failed": {"en-US": "failed", "zh-CN": "生成失败"},
    "command.mod.description": {
        "en-US": "Moderator tools: allowances, bans, blocklist, channels",
        "zh-CN": "管理员工具：额度、封禁、屏蔽词、频道",
    },
    "command.mod.allowance.description": {
        "en-US": "Set daily image allowances",
        "zh-CN": "设置每日图片额度",
    },
    "command.mod.allowance.member.description": {
        "en-US": "Set or remove a member's own daily allowance",
        "zh-CN": "设置或移除某位成员的每日额度",
    },
    "command.mod.allowance.role.description": {
        "en-US": "Set or remove the daily allowance of a role",
        "zh-CN": "设置或移除某个身份组的每日额度",
    },
    "command.mod.allowance.server.description": {
        "en-US": "Set or remove this server's default daily allowance",
        "zh-CN": "设置或移除本服务器的默认每日额度",
    },
    "command.mod.grant.description": {
        "en-US": "Give a member extra images for today",
        "zh-CN": "今天额外赠送某位成员图片额度",
    },
    "command.mod.reset.description": {
        "en-US": "Forgive what a member used today",
        "zh-CN": "免除某位成员今天已用的额度",
    },
    "command.mod.ban.description": {
        "en-US": "Stop a member from generating images here",
        "zh-CN": "禁止某位成员在本服务器生成图片",
    },
    "command.mod.unban.description": {
        "en-US": "Let a banned member generate images again",
        "zh-CN": "允许被禁止的成员重新生成图片",
    },
    "command.mod.blocklist.description": {
        "en-US": "Words and patterns refused in prompts",
        "zh-CN": "提示词屏蔽词与正则表达式",
    },
    "command.mod.blocklist.add.description": {
        "en-US": "Add a word, a phrase or a regular expression",
        "zh-CN": "添加屏蔽词、短语或正则表达式",
    },
    "command.mod.blocklist.remove.description": {
        "en-US": "Remove an entry from the blocklist",
        "zh-CN": "从屏蔽列表中删除一条",
    },
    "command.mod.blocklist.list.description": {
        "en-US": "Show every blocklist entry",
        "zh-CN": "显示所有屏蔽条目",
    },
    "command.mod.blocklist.mode.description": {
        "en-US": "Refuse matching prompts, or hold them for review",
        "zh-CN": "直接拒绝匹配的提示词，或交给管理员审核",
    },
    "command.mod.channels.description": {
        "en-US": "Where /imagine may be used",
        "zh-CN": "设置可以使用 /imagine 的频道",
    },
    "command.mod.channels.allow.description": {
        "en-US": "Allow /imagine in a channel",
        "zh-CN": "允许在某个频道使用 /imagine",
    },
    "command.mod.channels.remove.description": {
        "en-US": "Stop allowing /imagine in a channel",
        "zh-CN": "不再允许在某个频道使用 /imagine",
    },
    "command.mod.channels.all.description": {
        "en-US": "Allow /imagine in every channel",
        "zh-CN": "允许在所有频道使用 /imagine",
    },
    "command.mod.channels.list.description": {
        "en-US": "Show where /imagine may be used",
        "zh-CN": "显示可以使用 /imagine 的频道",
    },
    "command.mod.safety_checker.description": {
        "en-US": "Let members turn off the safety checker in age-restricted channels",
        "zh-CN": "允许成员在年龄限制频道关闭安全检查",
    },
    "command.mod.modlog.description": {
        "en-US": "Set the mod-log channel (leave empty to turn it off)",
        "zh-CN": "设置管理日志频道（留空则关闭）",
    },
    "command.mod.role.description": {
        "en-US": "Set the moderator role (leave empty for none)",
        "zh-CN": "设置管理员身份组（留空则不设）",
    },
    "command.mod.cap.description": {
        "en-US": "Set a server-wide daily image cap (leave empty for none)",
        "zh-CN": "设置全服务器每日图片上限（留空则不限）",
    },
    "mod.option.member": {"en-US": "The member", "zh-CN": "成员"},
    "mod.option.role": {"en-US": "The role", "zh-CN": "身份组"},
    "mod.option.allowance": {
        "en-US": "Images per day (leave empty to remove the setting)",
        "zh-CN": "每天的图片数（留空则移除该设置）",
    },
    "mod.option.grant": {"en-US": "Extra images for today", "zh-CN": "今天额外赠送的图片数"},
    "mod.option.reason": {"en-US": "Why (shown in the mod-log)", "zh-CN": "原因（会记入管理日志）"},
    "mod.option.pattern": {
        "en-US": "A word or phrase, or a regular expression",
        "zh-CN": "词语、短语或正则表达式",
    },
    "mod.option.regex": {
        "en-US": "Treat the pattern as a regular expression",
        "zh-CN": "按正则表达式处理",
    },
    "mod.option.pattern_remove": {
        "en-US": "The entry, exactly as /mod blocklist list shows it",
        "zh-CN": "要删除的条目，须与 /mod blocklist list 显示的完全一致",
    },
    "mod.option.mode": {
        "en-US": "What happens to a prompt that matches",
        "zh-CN": "匹配到的提示词如何处理",
    },
    "mod.option.channel": {"en-US": "A text channel", "zh-CN": "文字频道"},
    "mod.option.enabled": {
        "en-US": "Allow turning off the safety checker",
        "zh-CN": "是否允许关闭安全检查",
    },
    "mod.option.modlog_channel": {
        "en-US": "Where moderator actions are logged (empty: off)",
        "zh-CN": "记录管理操作的频道（留空：关闭）",
    },
    "mod.option.moderator_role": {
        "en-US": "Members with this role may use /mod (empty: none)",
        "zh-CN": "拥有此身份组的成员可使用 /mod（留空：无）",
    },
    "mod.option.cap": {
        "en-US": "Images per day for the whole server (empty: no cap)",
        "zh-CN": "全服务器每天的图片数（留空：不限）",
    },
    "mod.choice.refuse": {"en-US": "Refuse the prompt", "zh-CN": "直接拒绝"},
    "mod.choice.review": {
        "en-US": "Hold it for review in the mod-log",
        "zh-CN": "在管理日志中等待审核",
    },
    "mod.mode.refuse": {"en-US": "refuse", "zh-CN": "拒绝"},
    "mod.mode.review": {"en-US": "hold for review", "zh-CN": "审核"},
    "mod.done.allowance_member": {
        "en-US": "{member}'s daily allowance is now {images} images.",
        "zh-CN": "{member} 的每日额度现为 {images} 张。",
    },
    "mod.done.allowance_member_removed": {
        "en-US": "{member} no longer has an allowance of their own; their roles or the server"
        " default apply.",
        "zh-CN": "已移除 {member} 的个人额度，改按身份组或服务器默认额度计算。",
    },
    "mod.done.allowance_role": {
        "en-US": "Members with {role} now get {images} images a day (unless a moderator set"
        " their own allowance).",
        "zh-CN": "拥有 {role} 的成员现在每天可生成 {images} 张（单独设置了额度的成员除外）。",
    },
    "mod.done.allowance_role_removed": {
        "en-US": "{role} no longer gives a daily allowance.",
        "zh-CN": "{role} 不再提供每日额度。",
    },
    "mod.done.allowance_guild": {
        "en-US": "This server's default daily allowance is now {images} images.",
        "zh-CN": "本服务器的默认每日额度现为 {images} 张。",
    },
    "mod.done.allowance_guild_removed": {
        "en-US": "This server's default daily allowance was removed; the bot's default of"
        " {images} images applies.",
        "zh-CN": "已移除本服务器的默认每日额度，改用机器人默认的 {images} 张。",
    },
    "mod.done.grant": {
        "en-US": "Granted {member} {images} extra images for today.",
        "zh-CN": "已为 {member} 今天额外赠送 {images} 张。",
    },
    "mod.done.grant_reason": {
        "en-US": "Granted {member} {images} extra images for today. Reason: {reason}",
        "zh-CN": "已为 {member} 今天额外赠送 {images} 张。原因：{reason}",
    },
    "mod.done.reset": {
        "en-US": "Reset {member}'s usage for today: {images} images forgiven.",
        "zh-CN": "已清零 {member} 今天的用量：免除 {images} 张。",
    },
    "mod.done.ban": {
        "en-US": "{member} may no longer generate images in this server. Reason: {reason}",
        "zh-CN": "{member} 已被禁止在本服务器生成图片。原因：{reason}",
    },
    "mod.done.unban": {
        "en-US": "{member} may generate images again.",
        "zh-CN": "{member} 已可以重新生成图片。",
    },
    "mod.done.block_added": {
        "en-US": "Added the word {pattern} to the blocklist.",
        "zh-CN": "已将词语 {pattern} 加入屏蔽列表。",
    },
    "mod.done.block_added_regex": {
        "en-US": "Added the regular expression {pattern} to the blocklist.",
        "zh-CN": "已将正则表达式 {pattern} 加入屏蔽列表。",
    },
    "mod.done.block_removed": {
        "en-US": "Removed {pattern} from the blocklist.",
        "zh-CN": "已从屏蔽列表删除 {pattern}。",
    },
    "mod.done.block_mode_refuse": {
        "en-US": "Prompts that match the blocklist are now refused.",
        "zh-CN": "匹配屏蔽列表的提示词现在会被直接拒绝。",
    },
    "mod.done.block_mode_review": {
        "en-US": "Prompts that match the blocklist are now held for review in the mod-log"
        " channel (without a mod-log channel they are refused).",
        "zh-CN": "匹配屏蔽列表的提示词现在会在管理日志频道等待审核"
        "（未设置管理日志频道时直接拒绝）。",
    },
    "mod.done.channel_allowed": {
        "en-US": "/imagine may now be used in {channel}. Allowed channels: {channels}.",
        "zh-CN": "现在可以在 {channel} 使用 /imagine。允许的频道：{channels}。",
    },
    "mod.done.channel_removed": {
        "en-US": "/imagine may no longer be used in {channel}. Allowed channels: {channels}.",
        "zh-CN": "不再允许在 {channel} 使用 /imagine。允许的频道：{channels}。",
    },
    "mod.done.channel_removed_last": {
        "en-US": "{channel} was the last allowed channel, so the restriction is lifted:"
        " /imagine may now be used in every channel.",
        "zh-CN": "{channel} 是最后一个允许的频道，频道限制已取消："
        "现在所有频道都可以使用 /imagine。",
    },
    "mod.done.channels_all": {
        "en-US": "/imagine may now be used in every channel.",
        "zh-CN": "现在所有频道都可以使用 /imagine。",
    },
    "mod.done.safety_on": {
        "en-US": "Members may now turn off the safety checker in age-restricted channels.",
        "zh-CN": "成员现在可以在年龄限制频道关闭安全检查。",
    },
    "mod.done.safety_off": {
        "en-US": "Members may no longer turn off the safety checker.",
        "zh-CN": "成员不能再关闭安全检查。",
    },
    "mod.done.modlog_set": {
        "en-US": "Moderator actions and refused prompts are now posted in {channel}.",
        "zh-CN": "管理操作和被拒绝的提示词现在会发到 {channel}。",
    },
    "mod.done.modlog_off": {
        "en-US": "The mod-log is now off.",
        "zh-CN": "管理日志已关闭。",
    },
    "mod.done.role_set": {
        "en-US": "Members with {role} may now use the moderator commands.",
        "zh-CN": "拥有 {role} 的成员现在可以使用管理员命令。",
    },
    "mod.done.role_none": {
        "en-US": "There is no moderator role any more; only Manage Server grants the moderator"
        " commands.",
        "zh-CN": "已取消管理员身份组；现在只有拥有“管理服务器”权限的成员可以使用管理员命令。",
    },
    "mod.done.cap_set": {
        "en-US": "This server may now make at most {images} images a day (UTC).",
        "zh-CN": "本服务器现在每天（UTC）最多生成 {images} 张图片。",
    },
    "mod.done.cap_none": {
        "en-US": "This server no longer has a daily cap.",
        "zh-CN": "本服务器已取消每日上限。",
    },
    "mod.blocklist.empty": {
        "en-US": "The blocklist is empty. Add entries with `/mod blocklist add`.",
        "zh-CN": "屏蔽列表是空的。可用 `/mod blocklist add` 添加。",
    },
    "mod.blocklist.title": {
        "en-US": "**Blocklist** ({count} entries; matching prompts: {mode})",
        "zh-CN": "**屏蔽列表**（{count} 条；匹配的提示词：{mode}）",
    },
    "mod.blocklist.regex": {"en-US": "(regular expression)", "zh-CN": "（正则表达式）"},
    "mod.blocklist.more": {"en-US": "… and {count} more", "zh-CN": "……另有 {count} 条"},
    "mod.channels.everywhere": {
        "en-US": "/imagine may be used in every channel.",
        "zh-CN": "所有频道都可以使用 /imagine。",
    },
    "mod.channels.listed": {
        "en-US": "/imagine may be used only in: {channels}",
        "zh-CN": "只能在以下频道使用 /imagine：{channels}",
    },
    "mod.refused.not_banned": {
        "en-US": "{member} is not banned; nothing changed.",
        "zh-CN": "{member} 并未被禁止，未做任何更改。",
    },
    "mod.refused.duplicate": {
        "en-US": "{pattern} is already in the blocklist; nothing changed.",
        "zh-CN": "{pattern} 已在屏蔽列表中，未做任何更改。",
    },
    "mod.refused.not_listed": {
        "en-US": "{pattern} is not in the blocklist; nothing changed. `/mod blocklist list`"
        " shows the entries.",
        "zh-CN": "{pattern} 不在屏蔽列表中，未做任何更改。可用 `/mod blocklist list` 查看。",
    },
    "mod.refused.no_restriction": {
        "en-US": "/imagine is not limited to any channels, so {channel} cannot be removed;"
        " nothing changed. Use `/mod channels allow` to choose the channels.",
        "zh-CN": "/imagine 目前没有频道限制，无法移除 {channel}，未做任何更改。"
        "请用 `/mod channels allow` 指定频道。",
    },
    "mod.refused.channel_not_listed": {
        "en-US": "{channel} is not an allowed channel; nothing changed. Allowed: {channels}.",
        "zh-CN": "{channel} 不在允许的频道中，未做任何更改。允许的频道：{channels}。",
    },
    "modlog.action": {"en-US": "🛡️ {moderator}: {action}", "zh-CN": "🛡️ {moderator}：{action}"},
    # --- operator-facing (config, CLI) ---
    "config.invalid": {
        "en-US": "The configuration is not valid:\n{problems}",
        "zh-CN": "配置无效：\n{problems}",
    },
}


def resolve_locale(locale: str | None) -> str:
    """Map any Discord or POSIX locale onto a shipped one ("zh-TW" -> "zh-CN", "fr" -> "en-US")."""
    if not locale:
        return DEFAULT_LOCALE
    normalized = locale.replace("_", "-")
    for supported in SUPPORTED_LOCALES:
        if normalized.lower() == supported.lower():
            return supported
    return _FALLBACKS.get(normalized.split("-")[0].lower(), DEFAULT_LOCALE)


def t(key: str, locale: str | None = None, /, **params: Any) -> str:
    """The text for `key` in `locale` (or the closest shipped one), with `params` filled in."""
    entry = CATALOG[key]
    template = entry.get(resolve_locale(locale)) or entry[DEFAULT_LOCALE]
    return template.format(**params)


def placeholders(template: str) -> set[str]:
    """The `{names}` a template expects; the tests use it to keep the catalogues in step."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
