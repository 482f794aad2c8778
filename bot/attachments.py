"""Rules for images members attach (`image`, `mask`), checked from metadata before any request.

Discord tells each attachment's type, size and pixel dimensions, so nothing is downloaded to
refuse a wrong file: the member hears why at once, and nothing is sent or charged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.errors import InputRejected

ACCEPTED_TYPES: Final = frozenset({"image/png", "image/jpeg", "image/webp"})
MAX_BYTES: Final = 10 * 1024 * 1024
MIN_SIDE: Final = 64
MAX_SIDE: Final = 4096


@dataclass(frozen=True, slots=True)
class AttachedImage:
    """What Discord says of an attached file."""

    field: str
    url: str
    content_type: str | None
    size: int
    width: int | None
    height: int | None


def check_attached(image: AttachedImage | None, mask: AttachedImage | None) -> None:
    """Raise InputRejected for the first attachment that cannot be used as given."""
    for attached in (image, mask):
        if attached is not None:
            _check_one(attached)
    if (
        image is not None
        and mask is not None
        and (image.width, image.height)
        != (
            mask.width,
            mask.height,
        )
    ):
        raise InputRejected(
            "mask",
            "attachment.mask_size",
            width=image.width,
            height=image.height,
            mask_width=mask.width,
            mask_height=mask.height,
        )


def _check_one(attached: AttachedImage) -> None:
    content_type = (attached.content_type or "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise InputRejected(attached.field, "attachment.type", content_type=content_type or "?")
    if attached.size > MAX_BYTES:
        raise InputRejected(
            attached.field,
            "attachment.too_large",
            size_mib=round(attached.size / 2**20, 1),
            limit_mib=MAX_BYTES // 2**20,
        )
    if not attached.width or not attached.height:
        raise InputRejected(attached.field, "attachment.unreadable")
    if not (MIN_SIDE <= attached.width <= MAX_SIDE and MIN_SIDE <= attached.height <= MAX_SIDE):
        raise InputRejected(
            attached.field,
            "attachment.dimensions",
            width=attached.width,
            height=attached.height,
            min=MIN_SIDE,
            max=MAX_SIDE,
        )
