"""usage_chart: a valid PNG of the stated size whose bar heights follow the values."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PIL import Image

from bot.charts import BACKGROUND, BAR, HEIGHT, WIDTH, usage_chart
from bot.usage import DayImages, UsageReport, Window

LAST_DAY = date(2026, 11, 20)


def report(counts: list[int]) -> UsageReport:
    """A report whose days (ending LAST_DAY) carry `counts`; other figures do not matter."""
    first = LAST_DAY - timedelta(days=len(counts) - 1)
    daily = tuple(DayImages(first + timedelta(days=i), n) for i, n in enumerate(counts))
    window = Window(
        images=sum(counts), jobs=0, failed=0, canceled=0, gpu_seconds=0.0, cost=0.0, top=()
    )
    return UsageReport(
        guild_id=1,
        days=len(counts),
        first_day=first,
        last_day=LAST_DAY,
        daily=daily,
        today=window,
        period=window,
        price_per_gpu_second=0.000725,
    )


def decode(data: bytes) -> Image.Image:
    """The PNG, fully decoded (a truncated or corrupt file raises here)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def bar_heights(image: Image.Image) -> list[int]:
    """Each bar's height in pixels, left to right: runs of columns holding the bar colour."""
    pixels = image.load()
    assert pixels is not None
    columns = [
        sum(1 for y in range(image.height) if pixels[x, y] == BAR) for x in range(image.width)
    ]
    bars: list[int] = []
    previous = 0
    for count in columns:
        if count and not previous:
            bars.append(count)
        elif count:
            bars[-1] = max(bars[-1], count)
        previous = count
    return bars


@pytest.mark.parametrize(
    "counts",
    [[3, 0, 12, 7, 1, 25, 9], [0] * 7, [5], [i % 6 for i in range(30)]],
    ids=["week", "all-zero", "one-day", "thirty-days"],
)
def test_the_chart_is_a_valid_png_of_the_stated_size(counts: list[int]) -> None:
    """Normal, empty, single-day and month-long reports all give an 800×400 PNG."""
    image = decode(usage_chart(report(counts)))
    assert image.size == (WIDTH, HEIGHT) == (800, 400)


def test_larger_values_draw_taller_bars() -> None:
    """Bar heights are ordered like the values, the largest roughly twice a half-size one."""
    counts = [2, 10, 5, 1, 20, 0, 15]
    heights = bar_heights(decode(usage_chart(report(counts))))
    drawn = [n for n in counts if n > 0]  # a day with 0 images draws no bar
    assert len(heights) == len(drawn)
    by_value = [height for _, height in sorted(zip(drawn, heights, strict=True))]
    assert by_value == sorted(by_value) and len(set(by_value)) == len(by_value)
    tallest, half = heights[drawn.index(20)], heights[drawn.index(10)]
    assert abs(tallest - 2 * half) <= 2


def test_an_all_zero_report_draws_no_bars_on_a_dark_background() -> None:
    """With nothing to show there are no bars, and the background is the dark theme's."""
    image = decode(usage_chart(report([0] * 7)))
    assert bar_heights(image) == []
    assert image.getpixel((WIDTH // 2, 5)) == BACKGROUND


def test_the_chart_is_a_pure_function_of_the_report() -> None:
    """The same report gives the same bytes."""
    same = report([4, 1, 0, 9, 2, 2, 7])
    assert usage_chart(same) == usage_chart(same)
