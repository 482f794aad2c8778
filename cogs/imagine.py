"""/imagine and the buttons under its results: interactions in, core calls out.

The command's options are built at load time from ImagineRequest and the configured Limits,
so Discord's own min/max checks and the core's validator never disagree. Options are
validated before anything else (no I/O, well within Discord's 3 s); a refusal is ephemeral
and costs nothing, an accepted request is deferred publicly and followed by a StatusMessage.
"""

from __future__ import annotations

import inspect
import json
import logging
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.attachments import AttachedImage, check_attached
from bot.errors import (
    InputRejected,
    JobNotFound,
    QueueFull,
    SdxlBotError,
    ShuttingDown,
    TooManyJobs,
)
from bot.gate import Asker, Hold, Pass
from bot.jobs import CancelOutcome, JobSpec, ReplyRef
from bot.sdxl import ImagineRequest, Limits, Refine, Scheduler
from bot.services import Services
from bot.tasks import TaskSet
from cogs import resume, review
from cogs.buttons import JobButton, ReviewButton
from cogs.catalogue import render, t
from cogs.errors import report_error, send_ephemeral
from cogs.guards import age_restricted, is_moderator, place_of, post_modlog, role_ids
from cogs.ports import IMAGINE_COG
from cogs.replies import InteractionReply
from cogs.status import StatusMessage, safe_text

log = logging.getLogger(__name__)

# Not offered to members (DESIGN.md §2): it would let anyone make the operator's account
# fetch arbitrary LoRA weights. The CLI keeps it.
OPERATOR_ONLY_INPUTS = frozenset({"replicate_weights"})
# img2img strength of a Variation: keeps the composition, changes the details.
VARIATION_STRENGTH = 0.65
_ATTACHMENT_OPTIONS = ("image", "mask")
_CANCEL_ANSWERS = {
    CancelOutcome.canceling: "button.canceling",
    CancelOutcome.already_canceling: "button.already_canceling",
    CancelOutcome.finished: "button.already_finished",
}
FLOAT_OPTIONS = ("guidance_scale", "prompt_strength", "high_noise_frac", "lora_scale")
# Refusals that say the bot is busy, not that a rule was broken: not for the mod-log (a member
# retrying at their limit would flood it).
CAPACITY_ERRORS = (TooManyJobs, QueueFull, ShuttingDown)


def _option_annotation(name: str, bounds: dict[str, tuple[float, float]]) -> Any:
    if name in _ATTACHMENT_OPTIONS:
        return discord.Attachment | None
    if name == "scheduler":
        return Scheduler | None
    if name == "refine":
        return str | None  # choices with localized names, set by the decorator below
    if name in ("apply_watermark", "disable_safety_checker"):
        return bool | None
    if name in bounds:
        low, high = bounds[name]
        if name in FLOAT_OPTIONS:
            return app_commands.Range[float, float(low), float(high)] | None
        return app_commands.Range[int, int(low), int(high)] | None
    if name == "prompt":
        return str
    return str | None


def build_imagine_command(cog: ImagineCog) -> app_commands.Command[Any, Any, None]:
    """/imagine with an option per SDXL input, typed and bounded from the core's limits."""
    bounds = ImagineRequest.numeric_bounds(cog.services.settings.limits)
    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    member_inputs = [
        name for name in ImagineRequest.model_fields if name not in OPERATOR_ONLY_INPUTS
    ]
    for name in member_inputs:
        required = name == "prompt"
        parameters.append(
            inspect.Parameter(
                name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=_option_annotation(name, bounds),
                default=inspect.Parameter.empty if required else None,
            )
        )

    async def imagine(interaction: discord.Interaction[Any], /, **options: Any) -> None:
        await cog.imagine(interaction, options)

    imagine.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    descriptions = {
        name: locale_str(t(f"option.{name}"), key=f"option.{name}") for name in member_inputs
    }
    app_commands.describe(**descriptions)(imagine)
    renames = {name: locale_str(name, key=f"option_name.{name}") for name in member_inputs}
    app_commands.rename(**renames)(imagine)
    # Quotas and policies are per server; DMs have neither.
    app_commands.guild_only()(imagine)
    refine_choices = [
        app_commands.Choice(
            name=locale_str(t(f"choice.{member.value}"), key=f"choice.{member.value}"),
            value=member.value,
        )
        for member in Refine
    ]
    app_commands.choices(refine=refine_choices)(imagine)
    return app_commands.Command(
        name=locale_str("imagine", key="command.imagine"),
        description=locale_str(t("command.imagine.description"), key="command.imagine.description"),
        callback=imagine,
    )


class ImagineCog(commands.Cog, name=IMAGINE_COG):
    """Translates /imagine and its buttons into JobRunner calls.

    Provides cogs.ports' JobHost (to review.py and resume.py) and ButtonHandler (to the
    buttons), which name it only through those Protocols.
    """

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.services = services
        self.tasks = TaskSet("imagine")
        self.command = build_imagine_command(self)

    async def cog_load(self) -> None:
        """Register /imagine; pick up what an earlier run left unfinished once the gateway is
        ready, in the background, so no leftover job can hold or fail the start-up."""
        self.bot.tree.add_command(self.command)
        if getattr(self.bot, "resume_jobs", False):
            self.tasks.spawn(resume.resume_when_ready(self), name="recovery")

    async def cog_unload(self) -> None:
        """Remove /imagine; stop the recovery (if still going) and the status messages."""
        self.bot.tree.remove_command(self.command.name)
        await self.tasks.close()

    async def imagine(self, interaction: discord.Interaction[Any], options: dict[str, Any]) -> None:
        """Validate, ask the gate, then defer and queue; a refusal is ephemeral, costs nothing."""
        locale = str(interaction.locale)
        try:
            request = self._request_from(interaction, options)
        except SdxlBotError as error:
            await interaction.response.send_message(render(error, locale), ephemeral=True)
            return
        answer = await self._ask_gate(interaction, request)
        if answer is None:
            return
        if isinstance(answer, Hold):
            await review.hold(self, interaction, answer, request)
            return
        await interaction.response.defer(thinking=True)
        await self._submit(interaction, answer, parent_id=None)

    async def _ask_gate(
        self, interaction: discord.Interaction[Any], request: ImagineRequest
    ) -> Pass | Hold | None:
        """The gate's answer for this member here; a refusal is answered privately (and
        logged to the mod-log when it is the server's policy speaking), then None."""
        locale = str(interaction.locale)
        policy = self.services.moderation.policy_now(interaction.guild_id or 0)
        asker = Asker(
            interaction.user.id,
            tuple(role_ids(interaction)),
            may_moderate=is_moderator(interaction, policy),
        )
        try:
            return await self.services.gate.check(asker, place_of(interaction), request)
        except SdxlBotError as error:
            if not isinstance(error, CAPACITY_ERRORS):
                self._log_refusal(interaction, request, error)
            await send_ephemeral(interaction, render(error, locale))
            return None

    def _log_refusal(
        self, interaction: discord.Interaction[Any], request: ImagineRequest, error: SdxlBotError
    ) -> None:
        """Every refusal by the server's policy goes to its mod-log (never pinging anyone)."""
        policy = self.services.moderation.policy_now(interaction.guild_id or 0)
        text = t(
            "modlog.gate_refused",
            review.MODLOG_LOCALE,
            member=f"<@{interaction.user.id}>",
            channel=f"<#{interaction.channel_id}>",
            reason=render(error, review.MODLOG_LOCALE),
            prompt=safe_text(request.prompt, 1200),
        )
        if "entry" in error.params:
            entry = review.matched_entry(
                error.params["entry"], unfinished=bool(error.params.get("unfinished"))
            )
            text += t("modlog.matched", review.MODLOG_LOCALE, entry=entry)
        self.tasks.spawn(post_modlog(self.bot, policy, text), name=f"modlog-{interaction.id}")

    def _request_from(
        self, interaction: discord.Interaction[Any], options: dict[str, Any]
    ) -> ImagineRequest:
        attached = {name: _attached(name, options.get(name)) for name in _ATTACHMENT_OPTIONS}
        return request_from_options(
            options,
            attached,
            limits=self.services.settings.limits,
            age_restricted=age_restricted(interaction.channel),
        )

    async def _submit(
        self,
        interaction: discord.Interaction[Any],
        allowed: Pass,
        *,
        parent_id: str | None,
    ) -> None:
        locale = str(interaction.locale)
        lifetime = self.services.settings.interaction_token_lifetime
        reply = InteractionReply(interaction, lifetime)
        status = StatusMessage(
            reply,
            locale,
            self.tasks,
            on_message=self.services.runner.note_reply,
            token_lifetime=lifetime,
        )
        spec = JobSpec(
            request=allowed.request,
            requester_id=interaction.user.id,
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            locale=locale,
            parent_id=parent_id,
            role_ids=tuple(role_ids(interaction)),
            reply=ReplyRef(
                application_id=interaction.application_id,
                token=interaction.token,
                expires_at=reply.expires_at or 0.0,
            ),
        )
        try:
            await self.services.gate.submit(allowed, spec, status)
        except SdxlBotError as error:
            status.abandon()
            await _replace_with_ephemeral(interaction, render(error, locale))
        except BaseException:
            status.abandon()
            raise

    async def on_review_button(
        self, interaction: discord.Interaction[Any], action: str, review_id: str
    ) -> None:
        """Approve or Deny on a held request (see cogs/review.py)."""
        try:
            await review.decide(self, interaction, action, review_id)
        except Exception as error:  # every failure becomes an ephemeral message
            await report_error(interaction, error)

    async def on_job_button(
        self, interaction: discord.Interaction[Any], action: str, job_id: str, index: int | None
    ) -> None:
        """A click on one of a job's buttons (see cogs/buttons.py)."""
        try:
            await self._on_job_button(interaction, action, job_id, index)
        except Exception as error:  # every failure becomes an ephemeral message
            await report_error(interaction, error)

    async def _on_job_button(
        self, interaction: discord.Interaction[Any], action: str, job_id: str, index: int | None
    ) -> None:
        locale = str(interaction.locale)
        row = await self.services.store.job(job_id)
        if row is None:
            raise JobNotFound()
        policy = self.services.moderation.policy_now(interaction.guild_id or 0)
        owns = interaction.user.id == row.requester_id or is_moderator(interaction, policy)
        if action in ("cancel", "delete") and not owns:
            await send_ephemeral(interaction, t("button.not_yours", locale))
            return
        if action == "cancel":
            # Recorded before answering (one write, well within the 3 s): a repeated click,
            # or the requester and a moderator at once, learn the cancel is under way.
            outcome = await self.services.runner.request_cancel(job_id, interaction.user.id)
            await interaction.response.send_message(
                t(_CANCEL_ANSWERS[outcome], locale), ephemeral=True
            )
            return
        if action == "delete":
            await interaction.response.defer()
            await self.services.runner.request_cancel(job_id, interaction.user.id)
            if interaction.message is not None:
                await interaction.message.delete()
            return
        stored = json.loads(row.request_json)
        stored.pop("seed", None)
        if action == "vary":
            attachments = interaction.message.attachments if interaction.message else []
            if index is None or index >= len(attachments):
                await send_ephemeral(interaction, t("button.no_image", locale))
                return
            for name in ("width", "height", "mask", "prompt_strength"):
                stored.pop(name, None)
            stored["image"] = attachments[index].url
            stored["prompt_strength"] = VARIATION_STRENGTH
        try:
            request = ImagineRequest.parse(stored, self.services.settings.limits)
        except SdxlBotError as error:
            await send_ephemeral(interaction, render(error, locale))
            return
        # A new job of the presser's own: the same gate as /imagine, whatever the original
        # went through (the blocklist, the channel or a ban may have changed since).
        answer = await self._ask_gate(interaction, request)
        if answer is None:
            return
        if isinstance(answer, Hold):
            await review.hold(self, interaction, answer, request)
            return
        await interaction.response.defer(thinking=True)
        await self._submit(interaction, answer, parent_id=job_id)


def request_from_options(
    options: dict[str, Any],
    attached: dict[str, AttachedImage | None],
    *,
    limits: Limits,
    age_restricted: bool,
) -> ImagineRequest:
    """/imagine's options, as Discord delivered them, made into a request or InputRejected.

    Pure (no Discord objects, no I/O): it runs before the defer, and the property tests
    drive it with every combination Discord's own checks let through.
    """
    check_attached(attached.get("image"), attached.get("mask"))
    values = dict(options)
    for name in _ATTACHMENT_OPTIONS:
        image = attached.get(name)
        values[name] = image.url if image is not None else None
    if values.get("disable_safety_checker") and not age_restricted:
        raise InputRejected("disable_safety_checker", "policy.safety_checker")
    return ImagineRequest.parse(values, limits)


def _attached(field: str, attachment: discord.Attachment | None) -> AttachedImage | None:
    if attachment is None:
        return None
    return AttachedImage(
        field=field,
        url=attachment.url,
        content_type=attachment.content_type,
        size=attachment.size,
        width=attachment.width,
        height=attachment.height,
    )


async def _replace_with_ephemeral(interaction: discord.Interaction[Any], text: str) -> None:
    """The public 'thinking' reply turns out to be a refusal: remove it, answer privately."""
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        log.info("Could not delete the reply of interaction %s", interaction.id)
    await send_ephemeral(interaction, text)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the cog, then the persistent buttons (none without the cog)."""
    services: Services = bot.services  # type: ignore[attr-defined]
    await bot.add_cog(ImagineCog(bot, services))
    bot.add_dynamic_items(JobButton, ReviewButton)
