"""The live status message of one job: progress edits, then the images or the reason why not.

Discord rate-limits each interaction token as its own bucket, so updates are coalesced: at
most one edit per EDIT_INTERVAL (QUEUED_EDIT_INTERVAL while the job only moves up the
queue), always showing the newest state, and the final state is always sent. If the reply
can no longer be edited (the token lives 15 minutes, or the message was deleted) the
result goes to the channel as a new message mentioning the requester, with only that
mention allowed.

Before the token expires: a running job moves to a message of the bot's own. A job still
queued is told once, in its reply, that its images will come in the channel, and then waits
without using the token or posting anything; the bot's own message (which pings the member)
is posted when the job leaves the queue or ends. Channel posts are paced per channel.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import discord

from bot.errors import SdxlBotError
from bot.images import Upload, fit_for_upload
from bot.jobs import FINAL_STATES, Job, JobEvent, JobState
from bot.progress import Progress
from bot.sdxl import ImagineRequest, Refine
from bot.tasks import TaskSet
from cogs.buttons import result_view, running_view
from cogs.catalogue import render, t
from cogs.replies import ChannelReply, Reply, expiring, post_in_channel, seconds_left

# Called with (job id, message id, whether that message is edited through a token).
MessageNoted = Callable[[str, int, bool], Awaitable[None]]

log = logging.getLogger(__name__)

EDIT_INTERVAL = 1.5
# A queue position is worth less than progress: with hundreds waiting, every start would
# otherwise move each waiting message (a 500-member burst cost ~24 edits a job).
QUEUED_EDIT_INTERVAL = 5.0
# The defer already shows "thinking...": the first line waits a moment, so the states a job
# passes through at once (queued, submitting) cost no edits and a burst's defers go first.
FIRST_EDIT_DELAY = 1.0
# Move off an interaction reply this long before its token dies (at most a third of its life).
TOKEN_MARGIN = 60.0
BAR_CELLS = 12
# Discord's limits on what one message may carry.
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
# Fractions of the upload limit tried in turn when Discord answers 40005 (too large).
UPLOAD_SHARES = (1.0, 0.5, 0.25)
TOO_LARGE = 40005
# Error codes meaning the reply is gone for good: use the channel instead.
_GONE_CODES = frozenset({10008, 10015, 50027})


async def _fit_all(job: Job, limit: int) -> list[Upload]:
    """Every image of the job within `limit` bytes each; CPU work, so off the event loop."""
    return await asyncio.to_thread(
        lambda: [
            fit_for_upload(image, f"{job.id}-{index}", limit)
            for index, image in enumerate(job.images)
        ]
    )


def _files(uploads: list[Upload]) -> list[discord.File]:
    """Fresh file objects (discord.py consumes them on every send)."""
    return [discord.File(io.BytesIO(u.data), filename=u.filename) for u in uploads]


def _seconds(value: float) -> str:
    return f"{value:.0f}s" if value < 60 else f"{int(value // 60)}m{int(value % 60):02d}s"


def _bar(percent: float) -> str:
    filled = round(BAR_CELLS * percent / 100)
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def render_status(event: JobEvent, locale: str, elapsed: float) -> str:
    """The one-line state shown while a job runs."""
    state = event.state
    if event.job.cancel_requested and state not in (JobState.delivering, *FINAL_STATES):
        return t("status.canceling", locale)
    if state == JobState.queued:
        if event.wait_estimate is not None:
            minutes = max(1, round(event.wait_estimate / 60))
            return t("status.queued_long", locale, position=event.position, minutes=minutes)
        return t("status.queued", locale, position=event.position)
    if state == JobState.submitting:
        return t("status.submitting", locale)
    if state == JobState.delivering:
        return t("status.delivering", locale)
    progress = event.progress or Progress()
    if state == JobState.starting or progress.total == 0:
        return t("status.starting", locale, elapsed=_seconds(elapsed))
    if progress.bar_done and progress.bar + 1 >= event.job.request.expected_progress_bars():
        return t("status.finishing", locale, elapsed=_seconds(elapsed))
    eta = ""
    if progress.remaining is not None:
        eta = t("status.eta", locale, seconds=round(progress.remaining))
    return t(
        "status.processing",
        locale,
        phase=t(f"status.phase.{progress.phase or 'base'}", locale),
        bar=_bar(progress.percent),
        percent=round(progress.percent),
        step=progress.step,
        total=progress.total,
        elapsed=_seconds(elapsed),
        eta=eta,
    )


def safe_text(text: str, limit: int) -> str:
    """Member text made inert (no markdown, no mentions) and cut to `limit` characters."""
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def result_embed(job: Job, locale: str, *, reencoded: bool) -> discord.Embed:
    """The embed under the images: prompt and every setting needed to make them again."""
    request: ImagineRequest = job.request
    seconds = (
        job.prediction.metrics.predict_time if job.prediction and job.prediction.metrics else None
    )
    if seconds is None and job.started_at is not None and job.finished_at is not None:
        seconds = job.finished_at - job.started_at
    embed = discord.Embed(
        title=t("result.title", locale, seconds=round(seconds or 0, 1)),
        description=safe_text(request.prompt, DESCRIPTION_LIMIT),
        colour=discord.Colour.blurple(),
    )
    if request.negative_prompt:
        embed.add_field(
            name=t("result.negative_prompt", locale),
            value=safe_text(request.negative_prompt, FIELD_LIMIT),
            inline=False,
        )
    size = (
        t("result.size_from_image", locale)
        if request.image
        else f"{request.width}×{request.height}"
    )
    embed.add_field(name=t("result.seed", locale), value=str(job.seed))
    embed.add_field(name=t("result.size", locale), value=size)
    embed.add_field(name=t("result.steps", locale), value=str(request.num_inference_steps))
    embed.add_field(name=t("result.scheduler", locale), value=request.scheduler.value)
    embed.add_field(name=t("result.guidance", locale), value=f"{request.guidance_scale:g}")
    if request.refine != Refine.no_refiner:
        embed.add_field(
            name=t("result.refine", locale), value=t(f"choice.{request.refine.value}", locale)
        )
    if request.mode != "txt2img":
        embed.add_field(name=t("result.mode", locale), value=request.mode)
    notes = []
    dropped = request.num_outputs - len(job.images) - job.missing
    if dropped > 0:
        notes.append(t("result.dropped", locale, dropped=dropped, requested=request.num_outputs))
    if job.missing:
        notes.append(
            t("result.missing", locale, missing=job.missing, requested=request.num_outputs)
        )
    if reencoded:
        notes.append(t("result.reencoded", locale))
    if job.cancel_requested:
        notes.append(t("result.too_late_to_cancel", locale))
    if notes:
        embed.set_footer(text=" ".join(notes))
    return embed


class StatusMessage:
    """Observer of one job that keeps the member's reply up to date (see module doc)."""

    def __init__(
        self,
        reply: Reply,
        job_locale: str,
        tasks: TaskSet,
        loop_time: Any = None,
        *,
        on_message: MessageNoted | None = None,
        token_lifetime: float = 900.0,
        parked: bool = False,
    ) -> None:
        """`parked`: the job is queued and its reply is not to be edited again; the bot's own
        channel message is posted when the job leaves the queue (see the module doc)."""
        self._reply = reply
        self._on_message = on_message
        self._margin = min(TOKEN_MARGIN, token_lifetime / 3)
        self._noted: int | None = None
        self._job: Job | None = None
        self._last_code = 0
        self._locale = job_locale
        self._latest: JobEvent | None = None
        self._dirty = asyncio.Event()
        self._lock = asyncio.Lock()
        self._clock = loop_time or asyncio.get_running_loop().time
        self._started = self._clock()
        self._last_edit: float | None = None
        self._final = False
        self._gone = False
        self._parked = parked
        # Set once the token's approaching end was acted on (parked, or a move tried).
        self._expiry_handled = False
        # The channel refused the bot's own message (403/404): a parked job has nowhere to go.
        self._channel_refused = False
        self._job_id: str | None = None
        self._task = tasks.spawn(self._edit_loop(), name=f"status-{reply.name}")

    async def paused(self, event: JobEvent) -> None:
        """The bot is shutting down: say so instead of freezing on the last progress line."""
        self._final = True
        self._task.cancel()
        async with self._lock:
            if self._parked:
                return  # the reply already says the images will come in the channel
            # No move at shutdown: the next run posts, paced, if the token is gone by then.
            await self._edit(content=t("status.paused", self._locale), view=None, move=False)

    def abandon(self) -> None:
        """The job was never accepted: stop without touching the reply."""
        self._final = True
        self._task.cancel()

    def on_update(self, event: JobEvent) -> None:
        """Take the newest state; the edit loop sends it when the interval allows."""
        self._latest = event
        self._job_id = event.job.id
        self._job = event.job
        self._dirty.set()

    async def _edit_loop(self) -> None:
        while not self._final:
            await self._news()
            await self._until_due()
            self._dirty.clear()
            event = self._latest
            if event is None or self._final or (self._gone and not self._parked):
                continue
            async with self._lock:
                if self._final:
                    return
                text = render_status(event, self._locale, self._clock() - self._started)
                await self._edit(content=text, view=running_view(event.job.id, self._locale))

    async def _news(self) -> None:
        """Until a new state, or until the reply's token is about to expire: a queue that does
        not move must still be noticed in time (once)."""
        wake_at = self._expiry_check_at()
        if wake_at is None:
            await self._dirty.wait()
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._dirty.wait(), max(0.0, seconds_left(wake_at)))
        self._dirty.set()

    def _expiry_check_at(self) -> float | None:
        """Unix time at which the token's end must be acted on; None: nothing to act on."""
        expires_at = self._reply.expires_at
        if expires_at is None or self._parked or self._expiry_handled or self._gone:
            return None
        if self._latest is None:
            return None
        return expires_at - self._margin

    def _waiting(self) -> bool:
        """Whether the state to show is a place in the queue (not a final or paused one)."""
        event = self._latest
        return not self._final and event is not None and event.state == JobState.queued

    async def _until_due(self) -> None:
        """Sleep until the newest state may be shown; a new state may shorten the wait."""
        while True:
            if (
                not self._expiry_handled
                and not self._parked
                and expiring(self._reply, self._margin)
            ):
                return  # the token is about to expire: act now, whatever the interval
            event = self._latest
            queued = event is not None and event.state == JobState.queued
            if self._last_edit is None:
                due = self._started + FIRST_EDIT_DELAY
            else:
                due = self._last_edit + (QUEUED_EDIT_INTERVAL if queued else EDIT_INTERVAL)
            wait = due - self._clock()
            if wait <= 0:
                return
            self._dirty.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._dirty.wait(), wait)
            self._dirty.set()  # the newest state is still to be shown

    async def _edit(self, *, move: bool = True, **fields: Any) -> bool:
        """Edit the reply; False (and `gone`) when it can no longer be edited.

        With `move`, the token's approaching end is acted on first: a queued job is parked
        (this edit, with the queued-expiring line, is the token's last), a running one moves
        to a message of the bot's own; a parked job moves once it is no longer queued.
        """
        job = self._job
        if move and job is not None:
            if self._parked:
                if self._waiting():
                    return True  # nothing is shown while it waits: the token is done with
                if self._channel_refused:
                    return False
                if not await self._move_to_channel(job, leave_note=False):
                    return False
            elif expiring(self._reply, self._margin) and not self._gone:
                self._expiry_handled = True
                if self._waiting():
                    self._parked = True
                    position = self._latest.position if self._latest is not None else 0
                    fields["content"] = t("status.queued_expiring", self._locale, position=position)
                elif not self._channel_refused:
                    await self._move_to_channel(job)
        self._last_edit = self._clock()
        if "content" in fields and self._reply.heading:
            fields["content"] = "\n".join(filter(None, (self._reply.heading, fields["content"])))
        try:
            await self._reply.edit(**fields)
        except discord.HTTPException as error:
            self._last_code = error.code
            if error.code in _GONE_CODES or error.status in (401, 404):
                self._gone = True
                log.info("The reply (%s) is gone (%s)", self._reply.name, error.code)
                return False
            log.warning("Editing the reply (%s) failed: %s", self._reply.name, error)
            return False
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("Editing the reply (%s) failed: %s", self._reply.name, type(error).__name__)
            return False
        await self._note_message()
        return True

    async def _note_message(self) -> None:
        """Tell the runner where the reply is, once per message, so a restart can find it."""
        message_id = self._reply.message_id
        if message_id is None or message_id == self._noted or self._on_message is None:
            return
        if self._job_id is None:
            return
        self._noted = message_id
        try:
            await self._on_message(self._job_id, message_id, self._reply.uses_token)
        except Exception:
            log.exception("Recording the reply of job %s failed", self._job_id)

    async def _move_to_channel(self, job: Job, *, leave_note: bool = True) -> bool:
        """Continue in a message of the bot's own (posted paced, pinging the requester only);
        True once moved. `leave_note`: point the old reply to the new message (its token
        still works); without it the old reply is not touched."""
        channel_id = job.spec.channel_id
        if channel_id is None:
            return False
        mention = f"<@{job.spec.requester_id}>"
        try:
            message = await post_in_channel(
                self._reply.client,
                channel_id,
                t("status.moved", self._locale, mention=mention),
                requester_id=job.spec.requester_id,
                guild_id=job.spec.guild_id,
            )
        except discord.HTTPException as error:
            log.warning("Job %s could not move to the channel: %s", job.id, error.status)
            if error.status in (403, 404):
                self._channel_refused = True
            return False
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("Job %s could not move to the channel: %s", job.id, type(error).__name__)
            return False
        old = self._reply
        if leave_note:
            with contextlib.suppress(discord.HTTPException, aiohttp.ClientError, OSError):
                await old.edit(
                    content=t("status.continued", self._locale, link=message.jump_url),
                    embed=None,
                    view=None,
                    attachments=[],
                )
        self._reply = ChannelReply(self._reply.client, message, heading=mention)
        self._parked = False
        self._gone = False
        log.info("Job %s moved from %s to %s", job.id, old.name, message.id)
        return True

    async def deliver(self, event: JobEvent) -> bool:
        """Send the final state: the images with their buttons, or why there are none.

        True once the member has it, in the reply or in the channel. Whatever breaks on the
        way, the member is told in plain text rather than left on the last progress line.
        """
        self._final = True
        self._job = event.job  # a parked reply moves on its first edit, even with no update
        self._dirty.set()
        async with self._lock:
            self._task.cancel()
            try:
                delivered = await self._deliver(event)
                if not delivered and event.state == JobState.done and not self._gone:
                    # Images that reach no one are refunded by the runner: say so, in text.
                    await self._edit(
                        content=t("status.upload_failed", self._locale),
                        embed=None,
                        attachments=[],
                        view=None,
                    )
                return delivered
            except Exception as error:
                log.exception("Delivering job %s failed; telling the member", event.job.id)
                reason = render(error, self._locale) if isinstance(error, SdxlBotError) else ""
                text = t(
                    "status.failed",
                    self._locale,
                    reason=reason or t("errors.unexpected", self._locale, reference=event.job.id),
                )
                await self._edit(content=text, embed=None, attachments=[], view=None)
                return False

    async def _deliver(self, event: JobEvent) -> bool:
        job = event.job
        if event.state == JobState.done:
            return await self._deliver_images(job)
        reason = render(job.error, self._locale) if job.error else ""
        key = "status.canceled" if event.state == JobState.canceled else "status.failed"
        text = t(key, self._locale, reason=reason)
        if await self._edit(content=text, view=None, embed=None):
            return True
        return await self._to_channel(job, text, files=[], embed=None, view=None)

    async def _deliver_images(self, job: Job) -> bool:
        # Discord may still refuse the upload (40005: a whole request has a size limit too):
        # try again with smaller files rather than leave the member without their images.
        for share in UPLOAD_SHARES:
            limit = int(self._reply.filesize_limit * share)
            uploads = await _fit_all(job, limit)
            embed = result_embed(job, self._locale, reencoded=any(u.reencoded for u in uploads))
            view = result_view(job.id, len(uploads), self._locale)
            if await self._edit(content="", embed=embed, attachments=_files(uploads), view=view):
                return True
            if self._last_code != TOO_LARGE:
                break
        return await self._to_channel(job, "", files=_files(uploads), embed=embed, view=view)

    async def _to_channel(
        self,
        job: Job,
        text: str,
        *,
        files: list[discord.File],
        embed: discord.Embed | None,
        view: discord.ui.View | None,
    ) -> bool:
        """The reply cannot be edited: post in the channel, mentioning the requester only."""
        channel_id = job.spec.channel_id
        if channel_id is None:
            log.warning("Job %s finished but has no channel to deliver to", job.id)
            return False
        mention = f"<@{job.spec.requester_id}>"
        content = (text + "\n" if text else "") + t(
            "delivery.fallback", self._locale, mention=mention
        )
        kwargs: dict[str, Any] = {"files": files}
        if embed is not None:
            kwargs["embed"] = embed
        if view is not None:
            kwargs["view"] = view
        try:
            await post_in_channel(
                self._reply.client,
                channel_id,
                content,
                requester_id=job.spec.requester_id,
                guild_id=job.spec.guild_id,
                **kwargs,
            )
        except discord.HTTPException as error:
            log.warning(
                "Job %s could not be delivered to channel %s: %s", job.id, channel_id, error
            )
            return False
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning(
                "Job %s could not be delivered to channel %s: %s",
                job.id,
                channel_id,
                type(error).__name__,
            )
            return False
        return True
