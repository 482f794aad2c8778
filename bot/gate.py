"""The one policy gate every generation passes: the command, every button, an approved review.

Given who asks, where and what, it answers: allowed (a Pass the runner's door takes), held
for a moderator's review, or refused (a typed error carrying the reason and the fix). The
checks, in order: a ban; the channel policy (a thread follows its parent channel); the
safety-checker switch (only where moderators allow it, in age-restricted channels); the
member's and the queue's room; the blocklist (refuse mode, or review mode with a mod-log),
with a per-member limit on requests waiting for review and a cooldown between them.

Nothing here knows Discord: the cogs build the Asker and the Place from an interaction and
turn the answer into a reply and a mod-log line. No module but this one hands a job to the
runner (a test checks), so there is no second way in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Final

from bot.errors import (
    Banned,
    ChannelNotAllowed,
    InputRejected,
    PromptBlocked,
    SdxlBotError,
)
from bot.jobs import Job, JobObserver, JobRunner, JobSpec
from bot.moderation import BlockEntry, Moderation
from bot.quota import Quotas
from bot.reviews import HeldRequest, Reviews
from bot.sdxl import ImagineRequest

log = logging.getLogger(__name__)

# Requests of one member waiting for a moderator at once, and the pause between two holds:
# a held request costs a moderator's attention, so it is rationed like generations are.
MAX_PENDING_REVIEWS: Final = 2
REVIEW_COOLDOWN: Final = 60.0


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asks: the member, their roles, and whether they may moderate this server."""

    user_id: int
    role_ids: tuple[int, ...] = ()
    may_moderate: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """Where: the server, the channel, the channel a thread belongs to, age restriction."""

    guild_id: int | None
    channel_id: int | None
    parent_id: int | None = None
    age_restricted: bool = False


@dataclass(frozen=True, slots=True)
class Pass:
    """The gate's yes for one request of one member; the only way to a job."""

    asker: Asker
    place: Place
    request: ImagineRequest
    _issued: object = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Hold:
    """The request waits for a moderator: the blocklist entry it matched."""

    entry: BlockEntry


Answer = Pass | Hold

_ISSUED: Final = object()


class Gate:
    """Policy for every path that makes a job; see the module docstring."""

    def __init__(
        self,
        *,
        runner: JobRunner,
        moderation: Moderation,
        quotas: Quotas,
        reviews: Reviews,
    ) -> None:
        self._runner = runner
        self._moderation = moderation
        self._quotas = quotas
        self._reviews = reviews

    async def check(
        self, asker: Asker, place: Place, request: ImagineRequest, *, approved: bool = False
    ) -> Answer:
        """Allow, hold or refuse (raises the SdxlBotError to show the member).

        `approved`: a moderator approved this exact request after a hold; every rule is
        checked again except the blocklist it was held for.
        """
        guild_id = place.guild_id
        if guild_id is not None:
            if await self._quotas.is_banned(guild_id, asker.user_id):
                raise Banned()
            policy = self._moderation.policy_now(guild_id)
            if not (
                policy.channel_allowed(place.channel_id)
                or (place.parent_id is not None and policy.channel_allowed(place.parent_id))
            ):
                channels = sorted(policy.allowed_channels or ())
                raise ChannelNotAllowed(channels=", ".join(f"<#{c}>" for c in channels))
        if request.disable_safety_checker:
            allowed = guild_id is not None and self._moderation.policy_now(guild_id)
            if not (place.age_restricted and allowed and allowed.safety_checker_off_ok):
                raise InputRejected("disable_safety_checker", "policy.safety_checker")
        self._runner.admit(asker.user_id)
        if guild_id is not None and not approved:
            entry = await self._moderation.blocked(
                guild_id, request.prompt, request.negative_prompt
            )
            if entry is not None:
                return await self._hold_or_refuse(guild_id, entry)
        return Pass(asker, place, request, _ISSUED)

    async def _hold_or_refuse(self, guild_id: int, entry: BlockEntry) -> Hold:
        policy = self._moderation.policy_now(guild_id)
        if policy.blocklist_mode != "review" or policy.mod_log_channel_id is None:
            # The entry is for the mod-log; the member is not told.
            raise PromptBlocked(entry=entry.pattern, unfinished=entry.unfinished)
        return Hold(entry)

    async def hold(
        self, asker: Asker, place: Place, request: ImagineRequest, held: Hold, locale: str
    ) -> HeldRequest:
        """Keep a held request for the moderators, within the member's limits."""
        assert place.guild_id is not None and place.channel_id is not None
        return await self._reviews.hold(
            guild_id=place.guild_id,
            channel_id=place.channel_id,
            requester_id=asker.user_id,
            role_ids=list(asker.role_ids),
            locale=locale,
            request=request,
            matched=held.entry.pattern,
            max_pending=MAX_PENDING_REVIEWS,
            cooldown=REVIEW_COOLDOWN,
        )

    async def submit(self, allowed: Pass, spec: JobSpec, observer: JobObserver) -> Job:
        """Hand the allowed request to the runner as the member's job."""
        if allowed._issued is not _ISSUED:
            raise SdxlBotError("errors.not_allowed")
        if spec.requester_id != allowed.asker.user_id or spec.request != allowed.request:
            raise ValueError("a Pass is for the request and member it was issued for")
        return await self._runner.submit(spec, observer)
