"""What the live status message says at each state, in both languages."""

from __future__ import annotations

import discord
import pytest

from bot.errors import NsfwDetected
from bot.images import OutputImage
from bot.jobs import Job, JobEvent, JobSpec, JobState
from bot.progress import Progress
from bot.replicate import Prediction, PredictionMetrics
from bot.sdxl import ImagineRequest
from cogs.catalogue import render
from cogs.status import render_status, result_embed, safe_text

pytestmark = pytest.mark.virtual_time


def job(**options: object) -> Job:
    """A job for a simple request, with `options` applied."""
    request = ImagineRequest.parse({"prompt": "a corgi", **options}).with_seed(42)
    return Job(id="0123456789abcdef", spec=JobSpec(request=request, requester_id=5))


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_each_state_has_its_line(locale: str) -> None:
    """Queued shows the position; processing shows phase, bar, percent, step and ETA."""
    queued = render_status(JobEvent(job(), JobState.queued, position=3), locale, 0)
    assert "3" in queued
    starting = render_status(JobEvent(job(), JobState.starting), locale, 4)
    assert "4s" in starting
    running = Progress(phase="base", bar=0, step=21, total=50, remaining=9.4)
    line = render_status(JobEvent(job(), JobState.processing, progress=running), locale, 12)
    assert "42%" in line and "21/50" in line and "12s" in line and "9" in line
    done_bar = Progress(phase="base", bar=0, step=50, total=50)
    finishing = render_status(JobEvent(job(), JobState.processing, progress=done_bar), locale, 30)
    assert finishing != line and "%" not in finishing


def test_a_finished_base_bar_with_a_refiner_to_come_is_not_finishing() -> None:
    """With a refiner, the end of the base bar is not the end."""
    refined = job(refine="expert_ensemble_refiner")
    base_done = Progress(phase="base", bar=0, step=40, total=40)
    line = render_status(JobEvent(refined, JobState.processing, progress=base_done), "en-US", 5)
    assert "100%" in line and "Base model" in line


def test_prompts_are_made_inert() -> None:
    """Markdown and mentions in member text cannot format or ping."""
    text = safe_text("**bold** @everyone <@123> `code`", 100)
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "\\*\\*bold\\*\\*" in text
    assert len(safe_text("x" * 5000, 4096)) == 4096


def test_the_result_embed_carries_every_setting() -> None:
    """Prompt, negative prompt, seed, size, steps, scheduler, guidance, time and dropped images."""
    finished = job(num_outputs=3, negative_prompt="blurry", width=768, height=512)
    finished.images = (OutputImage(b"png", "image/png", "png"),) * 2
    finished.prediction = Prediction(
        id="p", status="succeeded", metrics=PredictionMetrics(predict_time=7.25)
    )
    embed = result_embed(finished, "en-US", reencoded=True)
    fields = {field.name: field.value for field in embed.fields}
    assert embed.description == "a corgi"
    assert embed.title is not None and "7.2" in embed.title
    assert fields["Negative prompt"] == "blurry"
    assert fields["Seed"] == "42" and fields["Size"] == "768×512"
    assert (
        fields["Steps"] == "50" and fields["Scheduler"] == "K_EULER" and fields["Guidance"] == "7.5"
    )
    assert embed.footer.text is not None
    assert "1 of 3" in embed.footer.text and "JPEG" in embed.footer.text
    assert len(embed) <= 6000
    zh = result_embed(finished, "zh-CN", reencoded=False)
    assert {field.name for field in zh.fields} >= {"种子", "尺寸", "步数"}


def test_failure_reasons_come_from_the_catalogue() -> None:
    """A failed job's reason is the typed error's sentence in the member's language."""
    error = NsfwDetected("p", "NSFW content detected")
    assert "safety checker" in render(error, "en-US")
    assert "安全检查" in render(error, "zh-CN")
    assert isinstance(discord.utils.escape_markdown(render(error)), str)
