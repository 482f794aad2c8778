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
