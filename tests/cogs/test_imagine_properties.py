"""Every /imagine option combination Discord lets through: a valid request or a clean refusal."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.attachments import AttachedImage
from bot.errors import InputRejected
from bot.sdxl import DEFAULT_LIMITS, ImagineRequest, Refine, Scheduler
from cogs.catalogue import render
from cogs.imagine import FLOAT_OPTIONS, OPERATOR_ONLY_INPUTS, request_from_options
from tests.bot.test_sdxl import schema_violations

BOUNDS = ImagineRequest.numeric_bounds(DEFAULT_LIMITS)
CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "text/html", None, ""]


def option_value(name: str) -> st.SearchStrategy[Any]:
    """What Discord itself can deliver for an option: its type, within its min/max."""
    if name in BOUNDS:
        low, high = BOUNDS[name]
        if name in FLOAT_OPTIONS:
            return st.floats(min_value=low, max_value=high, allow_nan=False)
        return st.integers(min_value=int(low), max_value=int(high))
    if name == "scheduler":
        return st.sampled_from(list(Scheduler))
    if name == "refine":
        return st.sampled_from([member.value for member in Refine])
    if name in ("apply_watermark", "disable_safety_checker"):
        return st.booleans()
    # Discord string options: any text up to its 6000-character limit.
    return st.text(max_size=1500)


def attachment(field: str) -> st.SearchStrategy[AttachedImage | None]:
    """Attachments of every kind: wrong type, huge, unreadable (no size), odd dimensions."""
    dimension = st.one_of(st.none(), st.integers(min_value=0, max_value=6000))
    return st.one_of(
        st.none(),
        st.builds(
            AttachedImage,
            field=st.just(field),
            url=st.just(f"https://cdn.discordapp.com/attachments/1/2/{field}.png"),
            content_type=st.sampled_from(CONTENT_TYPES),
            size=st.integers(min_value=0, max_value=30 * 1024 * 1024),
            width=dimension,
            height=dimension,
        ),
    )


MEMBER_OPTIONS = [
    name
    for name in ImagineRequest.model_fields
    if name not in OPERATOR_ONLY_INPUTS and name not in ("image", "mask", "prompt")
]


@st.composite
def imagine_options(draw: st.DrawFn) -> dict[str, Any]:
    """A random subset of the optional options, plus the required prompt."""
    chosen = draw(st.lists(st.sampled_from(MEMBER_OPTIONS), unique=True))
    options = {name: draw(option_value(name)) for name in chosen}
    options["prompt"] = draw(st.text(max_size=1500))
    return options


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    options=imagine_options(),
    image=attachment("image"),
    mask=attachment("mask"),
    age_restricted=st.booleans(),
)
def test_any_combination_is_a_valid_request_or_a_clean_refusal(
    options: dict[str, Any],
    image: AttachedImage | None,
    mask: AttachedImage | None,
    age_restricted: bool,
) -> None:
    """No other exception, and whatever is accepted is something the model accepts."""
    try:
        request = request_from_options(
            options,
            {"image": image, "mask": mask},
            limits=DEFAULT_LIMITS,
            age_restricted=age_restricted,
        )
    except InputRejected as refusal:
        # A refusal names the option at fault, in both languages.
        assert refusal.field
        assert render(refusal, "en-US") and render(refusal, "zh-CN")
        return
    assert schema_violations(request.to_replicate_input()) == []
    if request.disable_safety_checker:
        assert age_restricted
    if mask is not None:
        assert image is not None
        assert (mask.width, mask.height) == (image.width, image.height)
    for attached in (image, mask):
        if attached is not None:
            assert attached.content_type in ("image/png", "image/jpeg", "image/webp")
            assert attached.size <= 10 * 1024 * 1024
