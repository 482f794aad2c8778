"""The /usage chart: images per UTC day as a bar chart, drawn with Pillow alone.

A pure function of the report: no I/O, no state, a few milliseconds of drawing. Colours are
chosen for Discord's dark theme (the image sits on an embed's #2b2d31); the bars use one
colour that no text or line shares, so a bar's height can be read back from its pixels.
Text is ASCII only: Pillow's built-in font has no CJK glyphs, and day labels and numbers
need none.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from bot.usage import UsageReport

WIDTH: Final = 800
HEIGHT: Final = 400
BACKGROUND: Final = (43, 45, 49)
BAR: Final = (88, 101, 242)
TEXT: Final = (242, 243, 245)
MUTED: Final = (181, 186, 193)
LINE: Final = (78, 80, 88)

# The plot area; the margins hold the title and the tallest bar's value above, the day
# labels below.
_LEFT, _RIGHT = 32, WIDTH - 32
_TOP, _BASELINE = 84, HEIGHT - 48
_MAX_BAR_WIDTH: Final = 64
_MIN_BAR_HEIGHT: Final = 2  # a day with one image among hundreds still shows a bar
_GAP: Final = 6  # minimum space between neighbouring labels

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def _font(size: int) -> Font:
    # Pillow's embedded font; the bitmap fallback (no FreeType) ignores the size but works.
    return ImageFont.load_default(size=size)


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    return draw.textlength(text, font=font)


def usage_chart(report: UsageReport) -> bytes:
    """A WIDTH×HEIGHT PNG of the report's images per day, with a title, values and day labels."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    title_font, label_font, value_font = _font(22), _font(14), _font(15)

    title = f"Images per day (UTC), last {report.days} day{'s' if report.days != 1 else ''}"
    draw.text((_LEFT, 20), title, fill=TEXT, font=title_font)
    summary = f"{report.period.images} images, {report.today.images} today"
    draw.text(
        (_RIGHT - _text_width(draw, summary, label_font), 28),
        summary,
        fill=MUTED,
        font=label_font,
    )
    draw.line([(_LEFT, _BASELINE), (_RIGHT, _BASELINE)], fill=LINE, width=1)

    values = [entry.images for entry in report.daily]
    count = max(1, len(values))
    slot = (_RIGHT - _LEFT) / count
    bar_width = max(2, min(_MAX_BAR_WIDTH, math.floor(slot * 0.6)))
    top_value = max(values, default=0)
    plot_height = _BASELINE - _TOP
    widest_label = max(
        (_text_width(draw, entry.label, label_font) for entry in report.daily), default=0.0
    )
    label_every = max(1, math.ceil((widest_label + _GAP) / slot))

    for index, entry in enumerate(report.daily):
        center = _LEFT + slot * (index + 0.5)
        left = round(center - bar_width / 2)
        height = _bar_height(entry.images, top_value, plot_height)
        if height:
            draw.rectangle(
                [(left, _BASELINE - height), (left + bar_width - 1, _BASELINE - 1)], fill=BAR
            )
        value = str(entry.images)
        value_width = _text_width(draw, value, value_font)
        if value_width + 2 <= slot:
            draw.text(
                (center - value_width / 2, _BASELINE - height - 22),
                value,
                fill=TEXT if entry.images else MUTED,
                font=value_font,
            )
        # The newest day is always labelled; older ones as often as they fit.
        if (len(values) - 1 - index) % label_every == 0:
            label_width = _text_width(draw, entry.label, label_font)
            draw.text(
                (center - label_width / 2, _BASELINE + 10),
                entry.label,
                fill=MUTED,
                font=label_font,
            )

    if top_value == 0:
        empty = "No images in this period"
        width = _text_width(draw, empty, title_font)
        draw.text(
            ((WIDTH - width) / 2, (_TOP + _BASELINE) / 2 - 12), empty, fill=MUTED, font=title_font
        )

    buffer = io.BytesIO()
    # compress_level 1: the flat colours compress well anyway, and it keeps encoding cheap.
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _bar_height(value: int, top_value: int, plot_height: int) -> int:
    """Pixels for `value` when `top_value` fills the plot; monotonic in `value`."""
    if value <= 0 or top_value <= 0:
        return 0
    return max(_MIN_BAR_HEIGHT, round(plot_height * value / top_value))
