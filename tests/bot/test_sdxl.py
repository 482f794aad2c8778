"""ImagineRequest: the SDXL inputs, their bounds, the rules between them and the messages."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import InputRejected
from bot.sdxl import (
    DEFAULT_LIMITS,
    MODEL_DEFAULT_SIDE,
    SEED_MAX,
    ImagineRequest,
    Limits,
    Refine,
    Scheduler,
    normalize_prompt,
)
from cogs.catalogue import LOCALES, catalogue, render, t

FIXTURE = Path(__file__).parents[1] / "fixtures" / "replicate" / "sdxl-version-7762fd07.json"
SCHEMAS: dict[str, Any] = json.loads(FIXTURE.read_text())["openapi_schema"]["components"]["schemas"]
INPUT: dict[str, Any] = SCHEMAS["Input"]["properties"]

HTTPS_IMAGE = "https://cdn.discordapp.com/attachments/1/2/cat.png"
BOUNDS = ImagineRequest.numeric_bounds()
INT_FIELDS = sorted(name for name in BOUNDS if INPUT[name]["type"] == "integer")
FLOAT_FIELDS = sorted(name for name in BOUNDS if INPUT[name]["type"] == "number")
# What each field needs beside it to be accepted at all.
CONTEXT: dict[str, dict[str, Any]] = {
    "prompt_strength": {"image": HTTPS_IMAGE},
    "high_noise_frac": {"refine": "expert_ensemble_refiner"},
    "refine_steps": {"refine": "base_image_refiner"},
}


def resolved(prop: dict[str, Any]) -> dict[str, Any]:
    """A schema property with its allOf/$ref (the enums) followed."""
    if "allOf" in prop:
        return dict(SCHEMAS[prop["allOf"][0]["$ref"].rsplit("/", 1)[1]])
    return prop


TYPE_CHECKS = {
    "string": lambda value: type(value) is str,
    "integer": lambda value: type(value) is int,
    "number": lambda value: type(value) in (int, float) and math.isfinite(value),
    "boolean": lambda value: type(value) is bool,
}


def schema_violations(payload: dict[str, Any]) -> list[str]:
    """Every way `payload` breaks the real Input schema's type/enum/minimum/maximum/format."""
    problems = []
    for key, value in payload.items():
        if key not in INPUT:
            problems.append(f"{key}: not an input")
            continue
        prop = resolved(INPUT[key])
        if not TYPE_CHECKS[prop["type"]](value):
            problems.append(f"{key}: {value!r} is not {prop['type']}")
            continue
        if "enum" in prop and value not in prop["enum"]:
            problems.append(f"{key}: {value!r} not in enum")
        if "minimum" in prop and value < prop["minimum"]:
            problems.append(f"{key}: {value!r} below minimum")
        if "maximum" in prop and value > prop["maximum"]:
            problems.append(f"{key}: {value!r} above maximum")
        if prop.get("format") == "uri" and not re.match(r"[a-z][a-z0-9+.-]*:", value):
            problems.append(f"{key}: {value!r} is not a uri")
    return problems


def rejected(data: dict[str, Any], limits: Limits = DEFAULT_LIMITS) -> InputRejected:
    """The InputRejected that parse raises for `data`."""
    with pytest.raises(InputRejected) as caught:
        ImagineRequest.parse(data, limits)
    return caught.value


def assert_message(error: InputRejected, key: str, field: str, english: str) -> None:
    """The error has this key and field, this English text, and a different Chinese text."""
    assert (error.key, error.field) == (key, field)
    assert render(error, "en-US") == english
    chinese = render(error, "zh-CN")
    assert chinese != english
    assert re.search(r"[\u4e00-\u9fff]", chinese)


# --- the model mirrors the schema ---


def test_fields_are_the_schema_inputs_in_x_order() -> None:
    """The model's fields are exactly the schema's inputs, in x-order."""
    assert list(ImagineRequest.model_fields) == sorted(INPUT, key=lambda n: INPUT[n]["x-order"])


def test_defaults_match_the_schema() -> None:
    """Every default equals the schema's; inputs without one default to None (prompt is ours)."""
    for name, info in ImagineRequest.model_fields.items():
        if name == "prompt":
            assert info.is_required()
        else:
            assert info.default == INPUT[name].get("default"), name


def test_enums_match_the_schema() -> None:
    """Scheduler and Refine hold exactly the schema's values, member names equal to values."""
    for enum, schema_name in ((Scheduler, "scheduler"), (Refine, "refine")):
        assert [member.value for member in enum] == SCHEMAS[schema_name]["enum"]
        assert all(member.name == member.value for member in enum)


def test_numeric_bounds_agree_with_the_schema() -> None:
    """Every numeric input has bounds, equal to the schema's minimum/maximum where it has them."""
    numeric = {name for name, prop in INPUT.items() if prop.get("type") in ("integer", "number")}
    assert set(BOUNDS) == numeric
    for name, (low, high) in BOUNDS.items():
        assert low == INPUT[name].get("minimum", low) and high == INPUT[name].get("maximum", high)
    assert BOUNDS["seed"] == (0, SEED_MAX) == (0, 2**32 - 1)
    assert BOUNDS["refine_steps"] == (1, 500)


def test_numeric_bounds_take_width_and_height_from_limits() -> None:
    """width/height bounds are the operator's limits, as ints for Discord integer options."""
    assert BOUNDS["width"] == BOUNDS["height"] == (256, 1536)
    small = ImagineRequest.numeric_bounds(Limits(min_side=512, max_side=768, max_pixels=768**2))
    assert small["width"] == (512, 768)
    assert all(type(bound) is int for name in INT_FIELDS for bound in BOUNDS[name])


def test_the_schema_checker_notices_violations() -> None:
    """schema_violations is not vacuous: it flags bad types, ranges, enums and keys."""
    bad = {"num_outputs": 5, "seed": True, "scheduler": "X", "nope": 1, "lora_scale": -0.1}
    assert len(schema_violations(bad)) == 5
    assert schema_violations({"prompt": "a", "num_outputs": 4, "scheduler": "DDIM"}) == []


# --- defaults and what is sent ---


def test_a_bare_prompt_gets_every_default_and_sends_only_the_prompt() -> None:
    """parse({"prompt"}) fills the model's defaults and to_replicate_input sends only the prompt."""
    request = ImagineRequest.parse({"prompt": "a lighthouse at dawn"})
    assert (request.width, request.height, request.num_outputs) == (1024, 1024, 1)
    assert request.scheduler is Scheduler.K_EULER and request.refine is Refine.no_refiner
    assert (request.num_inference_steps, request.guidance_scale) == (50, 7.5)
    assert (request.prompt_strength, request.high_noise_frac, request.lora_scale) == (0.8, 0.8, 0.6)
    assert request.seed is None and request.refine_steps is None and request.image is None
    assert request.apply_watermark is True and request.disable_safety_checker is False
    assert request.mode == "txt2img" and request.expected_progress_bars() == 1
    assert request.to_replicate_input() == {"prompt": "a lighthouse at dawn"}


def test_none_values_count_as_not_given() -> None:
    """Options Discord passes as None are ignored, as if the member left them out."""
    options: dict[str, Any] = dict.fromkeys(ImagineRequest.model_fields)
    request = ImagineRequest.parse({**options, "prompt": "a cat"})
    assert request.model_fields_set == {"prompt"}
    assert request == ImagineRequest.parse({"prompt": "a cat"})


def test_to_replicate_input_sends_set_fields_with_enums_as_plain_strings() -> None:
    """Explicit choices are sent (even when equal to the default), enums as str, in field order."""
    request = ImagineRequest.parse(
        {"prompt": "a cat", "scheduler": "DDIM", "num_outputs": 1, "seed": 7, "negative_prompt": ""}
    )
    payload = request.to_replicate_input()
    assert payload == {
        "prompt": "a cat",
        "negative_prompt": "",
        "num_outputs": 1,
        "scheduler": "DDIM",
        "seed": 7,
    }
    assert type(payload["scheduler"]) is str
    assert json.loads(json.dumps(payload)) == payload


def test_to_replicate_input_drops_width_and_height_with_an_image() -> None:
    """In img2img/inpaint mode width/height are never sent, even if set on the model directly."""
    request = ImagineRequest(prompt="a cat", image=HTTPS_IMAGE, width=512, height=768)
    assert request.mode == "img2img"
    assert request.to_replicate_input() == {"prompt": "a cat", "image": HTTPS_IMAGE}


def test_modes_follow_image_and_mask() -> None:
    """No image: txt2img; image: img2img; image and mask: inpaint."""
    image = {"prompt": "a cat", "image": HTTPS_IMAGE}
    assert ImagineRequest.parse(image).mode == "img2img"
    inpaint = ImagineRequest.parse({**image, "mask": HTTPS_IMAGE, "prompt_strength": 0.5})
    assert inpaint.mode == "inpaint"
    assert inpaint.to_replicate_input() == {**image, "mask": HTTPS_IMAGE, "prompt_strength": 0.5}


@pytest.mark.parametrize(
    ("refine", "bars"),
    [("no_refiner", 1), ("expert_ensemble_refiner", 2), ("base_image_refiner", 2)],
)
def test_a_refiner_adds_a_progress_bar(refine: str, bars: int) -> None:
    """expected_progress_bars is 2 with either refiner, else 1."""
    assert ImagineRequest.parse({"prompt": "a", "refine": refine}).expected_progress_bars() == bars


def test_with_seed_returns_a_copy_with_the_seed_set() -> None:
    """with_seed leaves the original alone and marks seed as set; None keeps it random."""
    original = ImagineRequest.parse({"prompt": "a cat", "num_outputs": 2})
    seeded = original.with_seed(SEED_MAX)
    assert seeded.seed == SEED_MAX and original.seed is None
    assert seeded.to_replicate_input() == {"prompt": "a cat", "num_outputs": 2, "seed": SEED_MAX}
    unseeded = seeded.with_seed(None)
    assert "seed" in unseeded.model_fields_set
    assert unseeded.to_replicate_input() == {"prompt": "a cat", "num_outputs": 2}
    with pytest.raises(InputRejected) as caught:
        original.with_seed(SEED_MAX + 1)
    assert (caught.value.key, caught.value.field) == ("input.range", "seed")


def test_the_request_is_frozen() -> None:
    """A parsed request cannot be changed in place."""
    request = ImagineRequest.parse({"prompt": "a cat"})
    with pytest.raises(ValueError, match="frozen"):
        request.seed = 1  # type: ignore[misc]


# --- prompts ---


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("a cat\non a mat", "a cat on a mat"),
        ("  a\t\tcat \r\n ", "a cat"),
        ("a\x00b\x1bc\x7fd", "a b c d"),
        ("cafe\u0301", "café"),
        ("星空\u3000下的\u00a0猫", "星空 下的 猫"),
        ("line\u2028break", "line break"),
    ],
)
def test_prompts_are_normalized(raw: str, normalized: str) -> None:
    """NFC, control characters become spaces, whitespace runs collapse, ends are stripped."""
    assert ImagineRequest.parse({"prompt": raw, "negative_prompt": raw}).prompt == normalized
    assert ImagineRequest.parse({"prompt": "x", "negative_prompt": raw}).negative_prompt == (
        normalized
    )


@given(st.text())
def test_normalizing_is_idempotent_and_leaves_no_control_characters(text: str) -> None:
    """A normalized prompt has no control characters, doubled or edge whitespace; it is stable."""
    normalized = normalize_prompt(text)
    assert normalize_prompt(normalized) == normalized
    assert normalized == normalized.strip() and "  " not in normalized
    assert not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in normalized)


@pytest.mark.parametrize("prompt", [None, "", "   ", "\n\t\r", "\x00"])
def test_an_empty_prompt_is_rejected(prompt: str | None) -> None:
    """A missing prompt, or one with nothing left after normalizing, asks for a description."""
    assert_message(
        rejected({"prompt": prompt}),
        "input.empty",
        "prompt",
        "`prompt` is empty: describe the picture you want, for example"
        " `a lighthouse at dawn, oil painting`.",
    )


def test_an_empty_negative_prompt_is_fine() -> None:
    """negative_prompt may be blank."""
    assert ImagineRequest.parse({"prompt": "a", "negative_prompt": " \n"}).negative_prompt == ""


def test_long_prompts_are_rejected_after_normalizing() -> None:
    """Length counts normalized characters, against the limit of each prompt field."""
    assert ImagineRequest.parse({"prompt": "a" + " \n" * 2000 + "b"}).prompt == "a b"
    assert_message(
        rejected({"prompt": "x" * 1001}),
        "input.too_long",
        "prompt",
        "`prompt` is 1001 characters long; the limit is 1000. Shorten it and try again.",
    )
    error = rejected(
        {"prompt": "x", "negative_prompt": "y" * 11}, Limits(negative_prompt_max_chars=10)
    )
    assert (error.key, error.field, error.params["length"]) == (
        "input.too_long",
        "negative_prompt",
        11,
    )


def test_text_fields_reject_non_text() -> None:
    """prompt, negative_prompt and replicate_weights must be strings."""
    assert_message(
        rejected({"prompt": 42}), "input.text", "prompt", "`prompt` must be text (you gave 42)."
    )
    assert rejected({"prompt": "a", "replicate_weights": 1}).field == "replicate_weights"


def test_blank_replicate_weights_mean_the_default_weights() -> None:
    """A blank replicate_weights is left out; others are sent stripped."""
    assert ImagineRequest.parse(
        {"prompt": "a", "replicate_weights": "  "}
    ).to_replicate_input() == {"prompt": "a"}
    weights = "https://replicate.delivery/pbxt/abc/trained_model.tar"
    request = ImagineRequest.parse({"prompt": "a", "replicate_weights": f" {weights} "})
    assert request.replicate_weights == weights


# --- numbers ---


def test_out_of_range_numbers_name_the_field_and_the_range() -> None:
    """input.range gives min, max and the value, floats without a trailing .0."""
    assert_message(
        rejected({"prompt": "a", "num_outputs": 5}),
        "input.range",
        "num_outputs",
        "`num_outputs` must be between 1 and 4 (you gave 5).",
    )
    assert_message(
        rejected({"prompt": "a", "guidance_scale": 50.5}),
        "input.range",
        "guidance_scale",
        "`guidance_scale` must be between 1 and 50 (you gave 50.5).",
    )


@pytest.mark.parametrize("value", [5.5, "5.5", "4", [4]])
def test_integers_reject_fractions_and_text(value: Any) -> None:
    """num_outputs refuses 5.5, "5.5" and "4" alike with input.type listing the valid values."""
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    assert_message(
        rejected({"prompt": "a", "num_outputs": value}),
        "input.type",
        "num_outputs",
        f"`num_outputs` must be 1, 2, 3, 4 (you gave {shown}).",
    )


def test_integral_floats_are_accepted_as_ints() -> None:
    """4.0 for num_outputs becomes the int 4."""
    request = ImagineRequest.parse({"prompt": "a", "num_outputs": 4.0, "seed": 0.0})
    assert (request.num_outputs, request.seed) == (4, 0)
    assert type(request.to_replicate_input()["num_outputs"]) is int


@pytest.mark.parametrize("field", INT_FIELDS + FLOAT_FIELDS)
@pytest.mark.parametrize("value", [True, False])
def test_bools_are_rejected_for_numbers(field: str, value: bool) -> None:
    """True/False are not numbers, although Python says bool is an int."""
    error = rejected({"prompt": "a", **CONTEXT.get(field, {}), field: value})
    assert (error.key, error.field) == ("input.type", field)
    assert f"you gave {value}" in render(error, "en-US")


def test_large_integer_ranges_are_described_compactly() -> None:
    """input.type for a wide int range reads "1, 2, …, 500"; floats read "1–50"."""
    assert render(rejected({"prompt": "a", "num_inference_steps": 2.5}), "en-US") == (
        "`num_inference_steps` must be 1, 2, …, 500 (you gave 2.5)."
    )
    assert render(rejected({"prompt": "a", "guidance_scale": "high"}), "en-US") == (
        '`guidance_scale` must be 1–50 (you gave "high").'
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_rejected(value: float) -> None:
    """NaN and infinities never pass a range check by accident."""
    assert rejected({"prompt": "a", "lora_scale": value}).key == "input.type"


@pytest.mark.parametrize("field", ["apply_watermark", "disable_safety_checker"])
@pytest.mark.parametrize("value", [1, "true", "yes"])
def test_booleans_must_be_booleans(field: str, value: Any) -> None:
    """Boolean options accept only True/False."""
    error = rejected({"prompt": "a", field: value})
    assert (error.key, error.field) == ("input.type", field)
    assert "True / False" in render(error, "en-US")


def number_candidates(low: float, high: float) -> st.SearchStrategy[Any]:
    """Numbers around and far beyond [low, high], ints and floats, finite or not."""
    return st.one_of(
        st.integers(min_value=int(low) - 20, max_value=int(high) + 20),
        st.integers(),
        st.floats(min_value=low - 20, max_value=high + 20),
        st.floats(),
        st.sampled_from([low, high, low - 1, high + 1]),
    )


@pytest.mark.parametrize("field", INT_FIELDS + FLOAT_FIELDS)
@settings(max_examples=150)
@given(data=st.data())
def test_each_number_is_accepted_iff_in_bounds(field: str, data: st.DataObject) -> None:
    """parse accepts a numeric option exactly when it is in bounds; rejections name the field."""
    low, high = BOUNDS[field]
    value = data.draw(number_candidates(low, high))
    is_number = isinstance(value, int | float) and math.isfinite(value)
    valid = is_number and low <= value <= high
    if field in INT_FIELDS:
        valid = valid and float(value).is_integer()
    if field in ("width", "height"):
        valid = valid and value % DEFAULT_LIMITS.side_step == 0
    options = {"prompt": "a", **CONTEXT.get(field, {}), field: value}
    if valid:
        assert getattr(ImagineRequest.parse(options), field) == value
    else:
        error = rejected(options)
        assert error.field == field
        assert f"`{field}`" in render(error, "en-US") and f"`{field}`" in render(error, "zh-CN")


# --- width, height and the pixel budget ---


@pytest.mark.parametrize(
    ("value", "suggestion"), [(1001, 1000), (1005, 1008), (100, 256), (2000, 1536), (-8, 256)]
)
def test_sides_must_be_multiples_of_the_step_within_limits(value: int, suggestion: int) -> None:
    """input.multiple_of suggests the nearest valid side, clamped to the limits."""
    assert_message(
        rejected({"prompt": "a", "height": value}),
        "input.multiple_of",
        "height",
        f"`height` must be a multiple of 8 between 256 and 1536 (you gave {value};"
        f" try {suggestion}).",
    )


def test_the_pixel_budget_suggests_a_size_with_the_same_aspect_ratio() -> None:
    """Too many pixels: the suggestion keeps the aspect ratio, rounded down to multiples of 8."""
    assert_message(
        rejected({"prompt": "a", "width": 1920, "height": 1280}, Limits(max_side=2048)),
        "input.pixel_budget",
        "height",
        "1920×1280 is 2457600 pixels, more than the 1572864 allowed: make `width` or `height`"
        " smaller (for example 1536×1024).",
    )
    error = rejected({"prompt": "a", "width": 1536, "height": 1536})
    assert error.params["suggestion"] == "1248×1248"
    assert ImagineRequest.parse({"prompt": "a", "width": 1536, "height": 1024}).height == 1024


@given(
    width=st.integers(min_value=32, max_value=256).map(lambda n: n * 8),
    height=st.integers(min_value=32, max_value=256).map(lambda n: n * 8),
)
def test_pixel_budget_suggestions_are_always_acceptable(width: int, height: int) -> None:
    """Whatever size is refused for its pixels, the suggested size is accepted."""
    limits = Limits(max_side=2048)
    if width * height <= limits.max_pixels:
        return
    error = rejected({"prompt": "a", "width": width, "height": height}, limits)
    suggested = [int(side) for side in error.params["suggestion"].split("×")]
    request = ImagineRequest.parse(
        {"prompt": "a", "width": suggested[0], "height": suggested[1]}, limits
    )
    assert request.width * request.height <= limits.max_pixels
    assert abs(suggested[0] / suggested[1] - width / height) < 0.2 * width / height


def test_defaults_outside_the_limits_are_replaced_and_sent() -> None:
    """Limits that exclude 1024×1024 make parse send a size that fits, not blame the member."""
    limits = Limits(max_side=768, max_pixels=768 * 512)
    assert ImagineRequest.parse({"prompt": "a"}, limits).to_replicate_input() == {
        "prompt": "a",
        "width": 624,
        "height": 624,
    }
    request = ImagineRequest.parse({"prompt": "a", "width": 512}, limits)
    assert request.to_replicate_input() == {"prompt": "a", "width": 512, "height": 768}


@pytest.mark.parametrize(
    "limits",
    [
        {"side_step": 0},
        {"min_side": 260},
        {"min_side": 1024, "max_side": 512},
        {"max_pixels": 256 * 255},
        {"prompt_max_chars": 0},
    ],
)
def test_inconsistent_limits_are_refused(limits: dict[str, int]) -> None:
    """Limits that leave no valid size or prompt raise ValueError at configuration time."""
    with pytest.raises(ValueError):
        Limits(**limits)


# --- choices, links, unknown options ---


def test_unknown_choices_list_every_value() -> None:
    """An unknown scheduler or refine names all the allowed values."""
    assert_message(
        rejected({"prompt": "a", "scheduler": "euler"}),
        "input.choice",
        "scheduler",
        "`scheduler` must be one of: DDIM, DPMSolverMultistep, HeunDiscrete, KarrasDPM,"
        ' K_EULER_ANCESTRAL, K_EULER, PNDM (you gave "euler").',
    )
    error = rejected({"prompt": "a", "refine": 1})
    assert error.params["choices"] == "no_refiner, expert_ensemble_refiner, base_image_refiner"


def test_enum_members_and_their_strings_are_both_accepted() -> None:
    """scheduler may be given as the enum member or its value."""
    for value in (Scheduler.PNDM, "PNDM"):
        assert ImagineRequest.parse({"prompt": "a", "scheduler": value}).scheduler is Scheduler.PNDM


@pytest.mark.parametrize(
    "uri",
    [
        HTTPS_IMAGE,
        "HTTPS://Example.com/a.png?x=1",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/jpeg;name=cat.jpg;base64,/9j/4AAQ",
        "http://127.0.0.1:8765/files/cat.png",
        "http://localhost/cat.png",
        "http://[::1]:8765/cat.png",
    ],
)
def test_https_data_and_loopback_links_are_accepted(uri: str) -> None:
    """image/mask take https links, base64 image data URIs, and http only to loopback."""
    request = ImagineRequest.parse({"prompt": "a", "image": f" {uri} ", "mask": uri})
    assert request.image == uri and request.mask == uri


@pytest.mark.parametrize(
    "uri",
    [
        "http://example.com/cat.png",
        "http://10.0.0.1/cat.png",
        "ftp://example.com/cat.png",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/plain;base64,aGVsbG8=",
        "data:image/png,rawbytes",
        "data:image/png;base64,",
        "https://",
        "https://user:secret@example.com/cat.png",
        "https://exa mple.com/cat.png",
        "https://example.com:99999/cat.png",
        "cat.png",
        "",
        42,
    ],
)
def test_other_links_are_rejected(uri: Any) -> None:
    """Anything but https, an image data URI or loopback http is input.uri."""
    assert_message(
        rejected({"prompt": "a", "image": uri}),
        "input.uri",
        "image",
        "`image` must be an https link or an uploaded image.",
    )


def test_unknown_options_are_rejected() -> None:
    """An option the model does not have is input.unknown, before anything else."""
    assert_message(
        rejected({"prompt": "", "steps": 30}),
        "input.unknown",
        "steps",
        "`steps` is not an option of this command.",
    )


# --- rules between fields ---


@pytest.mark.parametrize(
    ("options", "field", "requirement"),
    [
        ({"mask": HTTPS_IMAGE}, "mask", "`image`"),
        ({"prompt_strength": 0.5}, "prompt_strength", "`image`"),
        ({"refine_steps": 10}, "refine_steps", "`refine: base_image_refiner`"),
        (
            {"refine_steps": 10, "refine": "expert_ensemble_refiner"},
            "refine_steps",
            "`refine: base_image_refiner`",
        ),
        ({"high_noise_frac": 0.7}, "high_noise_frac", "`refine: expert_ensemble_refiner`"),
        (
            {"high_noise_frac": 0.7, "refine": "base_image_refiner"},
            "high_noise_frac",
            "`refine: expert_ensemble_refiner`",
        ),
    ],
)
def test_options_that_need_another_option(
    options: dict[str, Any], field: str, requirement: str
) -> None:
    """mask and prompt_strength need image; refine_steps and high_noise_frac need their refiner."""
    assert_message(
        rejected({"prompt": "a", **options}),
        "input.requires",
        field,
        f"`{field}` only works together with {requirement}.",
    )


def test_refiner_options_are_accepted_with_their_refiner() -> None:
    """refine_steps with base_image_refiner, high_noise_frac with expert_ensemble_refiner pass."""
    base = ImagineRequest.parse({"prompt": "a", "refine": "base_image_refiner", "refine_steps": 9})
    assert base.to_replicate_input()["refine_steps"] == 9
    expert = {"prompt": "a", "refine": Refine.expert_ensemble_refiner, "high_noise_frac": 0.7}
    assert ImagineRequest.parse(expert).high_noise_frac == 0.7


@pytest.mark.parametrize("side", ["width", "height"])
def test_sizes_with_an_image_are_rejected(side: str) -> None:
    """width/height next to an image would be ignored by the model, so the member is told."""
    assert_message(
        rejected({"prompt": "a", "image": HTTPS_IMAGE, side: 512}),
        "input.ignored_with_image",
        side,
        f"`{side}` cannot be used together with `image`: the picture keeps the size of your"
        " image, so leave `width` and `height` out.",
    )


def test_the_first_problem_in_field_order_is_reported() -> None:
    """Field problems come in x-order (width before num_outputs before seed), then combinations."""
    messy = {"seed": -1, "num_outputs": 9, "width": 7, "prompt": "a", "mask": HTTPS_IMAGE}
    assert rejected(messy).field == "width"
    assert rejected({k: v for k, v in messy.items() if k != "width"}).field == "num_outputs"
    assert rejected({"prompt": "a", "seed": -1, "mask": HTTPS_IMAGE}).field == "seed"
    assert rejected({"prompt": "a", "mask": HTTPS_IMAGE, "refine_steps": 3}).field == "mask"


# --- the messages themselves ---


@pytest.mark.parametrize("key", ["input.text", "input.ignored_with_image", "input.invalid"])
def test_added_messages_exist_in_every_language(key: str) -> None:
    """Keys added for this module have a text in every shipped language with the same fields."""
    books = catalogue()
    assert t(key, "en-US", field="x") != t(key, "zh-CN", field="x")
    for locale in LOCALES:
        assert books.has(key, locale)
        assert books.variables(key, locale) == books.variables(key) >= {"field"}


# --- properties over whole requests ---


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=2),
)


def in_bounds(name: str) -> st.SearchStrategy[Any]:
    """Numbers parse accepts for a numeric option (sides in steps of 8)."""
    low, high = BOUNDS[name]
    if name in ("width", "height"):
        return st.integers(int(low) // 8, int(high) // 8).map(lambda n: n * 8)
    if name in INT_FIELDS:
        return st.integers(int(low), int(high))
    return st.floats(low, high)


def option_values(name: str) -> st.SearchStrategy[Any]:
    """Values a Discord option of this type could carry, in bounds or not, or None."""
    prop = resolved(INPUT[name])
    if "enum" in prop:
        return st.one_of(st.none(), st.sampled_from(prop["enum"]))
    if name in ("image", "mask"):
        links = [HTTPS_IMAGE, "data:image/png;base64,AAAA", "http://example.com/y.png"]
        return st.one_of(st.none(), st.sampled_from(links))
    if name in BOUNDS:
        return st.one_of(st.none(), in_bounds(name), number_candidates(*BOUNDS[name]))
    if prop["type"] == "boolean":
        return st.one_of(st.none(), st.booleans())
    return st.one_of(st.none(), st.text(max_size=30))


OPTIONS = st.fixed_dictionaries(
    {"prompt": st.text(min_size=1, max_size=40)},
    optional={name: option_values(name) for name in INPUT if name != "prompt"},
)


@settings(max_examples=400)
@given(OPTIONS)
def test_accepted_requests_satisfy_the_real_schema(options: dict[str, Any]) -> None:
    """Whatever parse accepts becomes an input the model's OpenAPI schema accepts."""
    try:
        request = ImagineRequest.parse(options)
    except InputRejected as error:
        assert error.field in options or error.field == "prompt"
        assert f"`{error.field}`" in render(error, "en-US") or error.key == "input.pixel_budget"
        return
    payload = request.to_replicate_input()
    assert schema_violations(payload) == []
    assert payload["prompt"] == normalize_prompt(options["prompt"])
    chosen = {name for name, value in options.items() if value is not None}
    assert set(payload) <= chosen | {"prompt"}


@st.composite
def consistent_options(draw: st.DrawFn) -> dict[str, Any]:
    """In-bounds options that respect every rule between fields, each present or not."""
    options: dict[str, Any] = {
        "prompt": draw(st.text(min_size=1, max_size=40).filter(normalize_prompt))
    }
    optional = {
        "negative_prompt": st.text(max_size=40),
        "image": st.just(HTTPS_IMAGE),
        "mask": st.just(HTTPS_IMAGE),
        "scheduler": st.sampled_from(list(Scheduler)),
        "refine": st.sampled_from(list(Refine)),
        "apply_watermark": st.booleans(),
        "disable_safety_checker": st.booleans(),
        "replicate_weights": st.just("https://replicate.delivery/pbxt/w.tar"),
    }
    optional |= {name: in_bounds(name) for name in BOUNDS}
    for name, values in optional.items():
        if draw(st.booleans()):
            options[name] = draw(values)
    image, refine = options.get("image"), options.get("refine", Refine.no_refiner)
    if image or options.get("width", 1024) * options.get("height", 1024) > 1536 * 1024:
        options.pop("width", None), options.pop("height", None)
    if not image:
        options.pop("prompt_strength", None), options.pop("mask", None)
    if refine is not Refine.expert_ensemble_refiner:
        options.pop("high_noise_frac", None)
    if refine is not Refine.base_image_refiner:
        options.pop("refine_steps", None)
    return options


@settings(max_examples=300)
@given(consistent_options())
def test_consistent_requests_are_accepted_and_sent_as_chosen(options: dict[str, Any]) -> None:
    """Every in-bounds, consistent request is accepted and sends exactly the chosen options."""
    payload = ImagineRequest.parse(options).to_replicate_input()
    assert schema_violations(payload) == []
    chosen = {name for name, value in options.items() if value is not None}
    if options.get("replicate_weights") is None:
        chosen.discard("replicate_weights")
    assert set(payload) == chosen


@given(st.dictionaries(st.sampled_from([*INPUT, "steps"]), ANY_VALUE, max_size=6))
def test_parse_never_leaks_anything_but_input_rejected(options: dict[str, Any]) -> None:
    """Arbitrary junk gives a request or InputRejected, never a pydantic ValidationError."""
    try:
        ImagineRequest.parse({"prompt": "a", **options})
    except InputRejected as error:
        assert render(error, "zh-CN")


def test_model_default_side_is_the_schema_default() -> None:
    """MODEL_DEFAULT_SIDE is what the model renders when width/height are not sent."""
    assert INPUT["width"]["default"] == INPUT["height"]["default"] == MODEL_DEFAULT_SIDE
