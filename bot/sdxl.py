"""The SDXL request a member can make, checked before anything is sent or charged.

`ImagineRequest.parse` turns untrusted slash-command options into a frozen request, or raises
`InputRejected` naming the first offending field and what it accepts, in the member's language.
Inputs, defaults and bounds mirror stability-ai/sdxl version 7762fd07 (its OpenAPI schema is in
tests/fixtures/replicate); the operator's own limits live in `Limits`, and the Discord command
derives its option ranges from `ImagineRequest.numeric_bounds`.
"""

from __future__ import annotations

import ipaddress
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Literal, get_args
from urllib.parse import urlsplit

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import InputRejected

SEED_MAX: Final = 2**32 - 1
# What the model renders when width/height are not sent.
MODEL_DEFAULT_SIDE: Final = 1024

Mode = Literal["txt2img", "img2img", "inpaint"]


class Scheduler(StrEnum):
    """The model's `scheduler` choices."""

    DDIM = "DDIM"
    DPMSolverMultistep = "DPMSolverMultistep"
    HeunDiscrete = "HeunDiscrete"
    KarrasDPM = "KarrasDPM"
    K_EULER_ANCESTRAL = "K_EULER_ANCESTRAL"
    K_EULER = "K_EULER"
    PNDM = "PNDM"


class Refine(StrEnum):
    """The model's `refine` choices."""

    no_refiner = "no_refiner"
    expert_ensemble_refiner = "expert_ensemble_refiner"
    base_image_refiner = "base_image_refiner"


@dataclass(frozen=True, slots=True)
class Limits:
    """The operator's limits on what members may ask for; every bound not fixed by the model."""

    min_side: int = 256
    max_side: int = 1536
    side_step: int = 8
    max_pixels: int = 1536 * 1024
    prompt_max_chars: int = 1000
    negative_prompt_max_chars: int = 1000

    def __post_init__(self) -> None:
        # Checked once here so every request has at least one valid size (min_side × min_side).
        if self.side_step < 1 or self.min_side < self.side_step:
            raise ValueError("side_step must be at least 1 and at most min_side")
        if self.min_side % self.side_step or self.max_side % self.side_step:
            raise ValueError("min_side and max_side must be multiples of side_step")
        if self.min_side > self.max_side:
            raise ValueError("min_side must not exceed max_side")
        if self.min_side * self.min_side > self.max_pixels:
            raise ValueError("max_pixels must allow at least min_side × min_side")
        if self.prompt_max_chars < 1 or self.negative_prompt_max_chars < 0:
            raise ValueError("prompt_max_chars must be positive and negative_prompt_max_chars >= 0")


DEFAULT_LIMITS: Final = Limits()


class ImagineRequest(BaseModel):
    """One SDXL prediction's input, fields in the schema's x-order.

    Build it with `parse`: direct construction checks only the model's own bounds, not the
    operator's limits nor the rules that combine fields.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    prompt: str = Field(min_length=1)
    negative_prompt: str = ""
    image: str | None = None
    mask: str | None = None
    # The model accepts any size; the member-facing bounds come from `Limits`.
    width: int = Field(MODEL_DEFAULT_SIDE, ge=1)
    height: int = Field(MODEL_DEFAULT_SIDE, ge=1)
    num_outputs: int = Field(1, ge=1, le=4)
    scheduler: Scheduler = Scheduler.K_EULER
    num_inference_steps: int = Field(50, ge=1, le=500)
    guidance_scale: float = Field(7.5, ge=1, le=50)
    prompt_strength: float = Field(0.8, ge=0, le=1)
    seed: int | None = Field(None, ge=0, le=SEED_MAX)
    refine: Refine = Refine.no_refiner
    high_noise_frac: float = Field(0.8, ge=0, le=1)
    refine_steps: int | None = Field(None, ge=1, le=500)
    apply_watermark: bool = True
    lora_scale: float = Field(0.6, ge=0, le=1)
    replicate_weights: str | None = None
    disable_safety_checker: bool = False

    @classmethod
    def parse(cls, data: Mapping[str, Any], limits: Limits = DEFAULT_LIMITS) -> ImagineRequest:
        """Validate untrusted options; raise InputRejected (never pydantic.ValidationError) on
        the first problem, in field order, then the rules that combine fields."""
        # Discord passes omitted options as None.
        given = {key: value for key, value in data.items() if value is not None}
        for key in given:
            if key not in cls.model_fields:
                raise InputRejected(str(key)[:_SHOWN_MAX_CHARS], "input.unknown")
        if "prompt" not in given:
            raise InputRejected("prompt", "input.empty")
        bounds = cls.numeric_bounds(limits)
        chosen: dict[str, Any] = {}
        for name in cls.model_fields:
            if name in given:
                value = _clean_value(name, given[name], limits, bounds)
                if value is not None:
                    chosen[name] = value
        _check_combinations(chosen, limits)
        try:
            return cls.model_validate(chosen)
        except ValidationError as error:  # unreachable while the checks above cover the Fields
            location = error.errors()[0]["loc"]
            raise InputRejected(
                str(location[0]) if location else "prompt", "input.invalid"
            ) from None

    def to_replicate_input(self) -> dict[str, Any]:
        """What the member chose plus what the model needs: `prompt` always, every field set
        explicitly (model_fields_set), never None, enums as plain strings; width/height dropped
        in img2img/inpaint mode (the model ignores them there)."""
        chosen = self.model_fields_set | {"prompt"}
        if self.mode != "txt2img":
            chosen -= {"width", "height"}
        payload: dict[str, Any] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name in chosen and value is not None:
                payload[name] = value.value if isinstance(value, StrEnum) else value
        return payload

    @property
    def mode(self) -> Mode:
        """txt2img without an image, img2img with one, inpaint with an image and a mask."""
        if self.image is None:
            return "txt2img"
        return "img2img" if self.mask is None else "inpaint"

    def expected_progress_bars(self) -> int:
        """How many progress bars the model's logs will show: the refiner runs as a second pass."""
        return 1 if self.refine is Refine.no_refiner else 2

    def with_seed(self, seed: int | None) -> ImagineRequest:
        """A copy with a new seed (None: random), the field counted as set."""
        if seed is not None:
            seed = _clean_value("seed", seed, DEFAULT_LIMITS, self.numeric_bounds())
        return self.model_copy(update={"seed": seed})

    @staticmethod
    def numeric_bounds(limits: Limits = DEFAULT_LIMITS) -> dict[str, tuple[float, float]]:
        """field -> (min, max) for every numeric input, width/height from limits.

        The Discord command uses it; integer fields get int bounds, usable as option limits as-is.
        """
        bounds: dict[str, tuple[float, float]] = {}
        for name, info in ImagineRequest.model_fields.items():
            kind = _value_type(name)
            if name in _SIDES:
                bounds[name] = (limits.min_side, limits.max_side)
            elif kind is int or kind is float:
                low: Any = next(item.ge for item in info.metadata if isinstance(item, Ge))
                high: Any = next(item.le for item in info.metadata if isinstance(item, Le))
                bounds[name] = (kind(low), kind(high))
        return bounds


_SIDES: Final = ("width", "height")
_REQUIRES_IMAGE: Final = "`image`"
# Control characters break Discord embeds and logs; lone surrogates cannot be encoded as UTF-8.
_INVISIBLE_CATEGORIES: Final = frozenset({"Cc", "Cs"})
_WHITESPACE_RUN: Final = re.compile(r"\s+")
_DATA_IMAGE_URI: Final = re.compile(
    r"data:image/[\w.+-]+(?:;[\w.+=-]+)*;base64,[A-Za-z0-9+/]+={0,2}", re.ASCII | re.IGNORECASE
)
# Values echoed back in a message are cut so a pasted essay cannot flood the reply.
_SHOWN_MAX_CHARS: Final = 40


def normalize_prompt(text: str) -> str:
    """Unicode NFC, control characters as spaces, whitespace runs collapsed, ends stripped."""
    composed = unicodedata.normalize("NFC", text)
    visible = "".join(
        " " if unicodedata.category(char) in _INVISIBLE_CATEGORIES else char for char in composed
    )
    return _WHITESPACE_RUN.sub(" ", visible).strip()


def _value_type(name: str) -> Any:
    """The declared type of a field without its `| None`."""
    annotation = ImagineRequest.model_fields[name].annotation
    members = [member for member in get_args(annotation) if member is not type(None)]
    return members[0] if members else annotation


def _shown(value: Any) -> str:
    """A member's value as it can be quoted back to them."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"±2^{value.bit_length()}"  # str() refuses ints this long
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # "50", not "50.0"
    text = f'"{value}"' if isinstance(value, str) else str(value)
    if len(text) > _SHOWN_MAX_CHARS:
        return text[: _SHOWN_MAX_CHARS - 1] + "…"
    return text


def _expected(kind: Any, low: float, high: float, step: int = 1) -> str:
    """The accepted values in a form that reads the same in every language ("1, 2, …, 500")."""
    if kind is float:
        return f"{_shown(low)}–{_shown(high)}"
    values = range(int(low), int(high) + 1, step)
    if len(values) <= 4:
        return ", ".join(map(str, values))
    return f"{values[0]}, {values[1]}, …, {values[-1]}"


def _clean_value(
    name: str, raw: Any, limits: Limits, bounds: Mapping[str, tuple[float, float]]
) -> Any:
    """The validated value of one field (None: treat as not given), or InputRejected."""
    kind = _value_type(name)
    if name in ("prompt", "negative_prompt"):
        limit = limits.prompt_max_chars if name == "prompt" else limits.negative_prompt_max_chars
        return _clean_text(name, raw, limit)
    if name in ("image", "mask"):
        return _clean_uri(name, raw)
    if kind is str:
        if not isinstance(raw, str):
            raise InputRejected(name, "input.text", value=_shown(raw))
        return raw.strip() or None  # blank means the model's default weights
    if kind is bool:
        if not isinstance(raw, bool):
            raise InputRejected(name, "input.type", expected="True / False", value=_shown(raw))
        return raw
    if kind is int or kind is float:
        low, high = bounds[name]
        step = limits.side_step if name in _SIDES else 1
        return _clean_number(name, raw, kind, low, high, step)
    try:
        return kind(raw)
    except (ValueError, TypeError):
        choices = ", ".join(member.value for member in kind)
        raise InputRejected(name, "input.choice", choices=choices, value=_shown(raw)) from None


def _clean_text(name: str, raw: Any, max_chars: int) -> str:
    if not isinstance(raw, str):
        raise InputRejected(name, "input.text", value=_shown(raw))
    text = normalize_prompt(raw)
    if name == "prompt" and not text:
        raise InputRejected(name, "input.empty")
    if len(text) > max_chars:
        raise InputRejected(name, "input.too_long", length=len(text), max=max_chars)
    return text


def _clean_number(name: str, raw: Any, kind: Any, low: float, high: float, step: int) -> Any:
    """An int or float field: bools, text, NaN, infinities and (for ints) fractions are refused."""
    acceptable = isinstance(raw, int | float) and not isinstance(raw, bool)
    if acceptable and isinstance(raw, float):
        acceptable = math.isfinite(raw) and (kind is float or raw.is_integer())
    if not acceptable:
        raise InputRejected(
            name, "input.type", expected=_expected(kind, low, high, step), value=_shown(raw)
        )
    number = int(raw) if kind is int else raw
    if step > 1:
        if not (low <= number <= high and number % step == 0):
            raise InputRejected(
                name,
                "input.multiple_of",
                step=step,
                min=low,
                max=high,
                value=_shown(raw),
                suggestion=_nearest_multiple(number, int(low), int(high), step),
            )
    elif not low <= number <= high:
        raise InputRejected(
            name, "input.range", min=_shown(low), max=_shown(high), value=_shown(raw)
        )
    return float(number) if kind is float else number


def _nearest_multiple(value: int, low: int, high: int, step: int) -> int:
    clamped = min(max(value, low), high)
    return (clamped + step // 2) // step * step


def _clean_uri(name: str, raw: Any) -> str:
    """https links, data: URIs of images, and http only to this machine (the tests' fake server)."""
    if isinstance(raw, str):
        uri = raw.strip()
        if _DATA_IMAGE_URI.fullmatch(uri) or _is_allowed_link(uri):
            return uri
    raise InputRejected(name, "input.uri")


def _is_allowed_link(uri: str) -> bool:
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in uri):
        return False
    try:
        parts = urlsplit(uri)
        host, _port = parts.hostname, parts.port  # .port raises on a malformed port
    except ValueError:
        return False
    # Credentials in a link would be forwarded to Replicate and stored with the prediction.
    if not host or parts.username is not None:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(host))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_combinations(chosen: dict[str, Any], limits: Limits) -> None:
    """The rules between fields, in the order of the field each one blames; may add width/height."""
    has_image = "image" in chosen
    if "mask" in chosen and not has_image:
        raise InputRejected("mask", "input.requires", requirement=_REQUIRES_IMAGE)
    if has_image:
        for side in _SIDES:
            if side in chosen:
                raise InputRejected(side, "input.ignored_with_image")
    else:
        _check_size(chosen, limits)
    if "prompt_strength" in chosen and not has_image:
        raise InputRejected("prompt_strength", "input.requires", requirement=_REQUIRES_IMAGE)
    refine = chosen.get("refine", Refine.no_refiner)
    for field, refiner in (
        ("high_noise_frac", Refine.expert_ensemble_refiner),
        ("refine_steps", Refine.base_image_refiner),
    ):
        if field in chosen and refine is not refiner:
            raise InputRejected(field, "input.requires", requirement=f"`refine: {refiner.value}`")


def _check_size(chosen: dict[str, Any], limits: Limits) -> None:
    """The pixel budget; a default size the operator's limits exclude is replaced, not blamed."""
    default_side = _nearest_multiple(
        MODEL_DEFAULT_SIDE, limits.min_side, limits.max_side, limits.side_step
    )
    width = chosen.get("width", default_side)
    height = chosen.get("height", default_side)
    member_sized = any(side in chosen for side in _SIDES)
    if width * height > limits.max_pixels:
        suggestion = _fit_pixel_budget(width, height, limits)
        if member_sized:
            raise InputRejected(
                "height" if "height" in chosen else "width",
                "input.pixel_budget",
                width=width,
                height=height,
                pixels=width * height,
                max_pixels=limits.max_pixels,
                suggestion=f"{suggestion[0]}×{suggestion[1]}",
            )
        width, height = suggestion
    # The model renders MODEL_DEFAULT_SIDE for a side it is not sent.
    for side, value in zip(_SIDES, (width, height), strict=True):
        if value != MODEL_DEFAULT_SIDE:
            chosen.setdefault(side, value)


def _fit_pixel_budget(width: int, height: int, limits: Limits) -> tuple[int, int]:
    """The largest size within budget with about the same aspect ratio, in steps of side_step."""
    step = limits.side_step
    scale = math.sqrt(limits.max_pixels / (width * height))
    fitted = [max(limits.min_side, int(side * scale) // step * step) for side in (width, height)]
    # Float rounding, or a side raised to min_side, can leave the product just over the budget.
    while fitted[0] * fitted[1] > limits.max_pixels:
        fitted[0 if fitted[0] >= fitted[1] else 1] -= step
    return fitted[0], fitted[1]
