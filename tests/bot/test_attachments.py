"""Attached images are checked from Discord's metadata before anything is sent."""

from __future__ import annotations

import pytest

from bot.attachments import MAX_BYTES, AttachedImage, check_attached
from bot.errors import InputRejected
from cogs.catalogue import render


def attached(field: str = "image", **changes: object) -> AttachedImage:
    """A valid 1024x1024 PNG attachment, with `changes` applied."""
    values: dict[str, object] = {
        "field": field,
        "url": "https://cdn.discordapp.com/attachments/1/2/a.png",
        "content_type": "image/png",
        "size": 1_000_000,
        "width": 1024,
        "height": 1024,
    }
    values.update(changes)
    return AttachedImage(**values)  # type: ignore[arg-type]


def test_a_good_image_and_mask_pass() -> None:
    """PNG/JPEG/WebP of sane size and dimensions, mask the same size as the image."""
    check_attached(attached(), attached("mask", content_type="image/jpeg"))
    check_attached(attached(content_type="image/webp; charset=binary"), None)
    check_attached(None, None)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"content_type": "image/gif"}, "attachment.type"),
        ({"content_type": None}, "attachment.type"),
        ({"content_type": "text/html"}, "attachment.type"),
        ({"size": MAX_BYTES + 1}, "attachment.too_large"),
        ({"width": None}, "attachment.unreadable"),
        ({"width": 32}, "attachment.dimensions"),
        ({"height": 5000}, "attachment.dimensions"),
    ],
)
def test_bad_attachments_name_the_problem(changes: dict[str, object], key: str) -> None:
    """Each wrong file is refused with its own message naming the option."""
    with pytest.raises(InputRejected) as caught:
        check_attached(attached(**changes), None)
    assert caught.value.key == key and caught.value.field == "image"
    assert "`image`" in render(caught.value)


def test_a_mask_of_another_size_is_refused() -> None:
    """The mask must match the image pixel for pixel."""
    with pytest.raises(InputRejected) as caught:
        check_attached(attached(), attached("mask", width=512, height=512))
    assert caught.value.field == "mask"
    assert "512×512" in render(caught.value) and "1024×1024" in render(caught.value)
