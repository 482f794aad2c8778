"""The composition root: builds Settings, the HTTP session, the store, the runner and the bot.

It lives outside the core (`bot`) because it knows discord.py and the cogs; nothing imports it
(import-linter, pyproject.toml). The cogs name what it builds through `bot.services.Services`.

Everything long-lived is made here, once, and passed down; nothing is created at import time.
`run()` owns their lifetimes: a SIGINT or SIGTERM closes the bot, detaches running jobs (their
predictions keep running on Replicate so they can be resumed) and closes the store last.
With WEBHOOK_PUBLIC_URL set, the webhook receiver is started here too, before any prediction
is created with it; if the API has no webhook secret (some relays) the bot polls instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable

import aiohttp
import discord
import discord.gateway
import discord.http
import yarl

from bot import dblock, metrics
from bot.config import Settings
from bot.errors import OperatorError, ReplicateError
from bot.gate import Gate
from bot.images import OutputFetcher
from bot.jobs import JobRunner, RunnerLimits
from bot.leases import Leases
from bot.moderation import Moderation
from bot.quota import Quotas
from bot.replicate import Prediction, ReplicateClient
from bot.reviews import Reviews
from bot.sealing import TokenSealer
from bot.services import Services
from bot.store import Store
from bot.tracking import PollPolicy
from bot.webhooks import WebhookReceiver, WebhookTarget, WebhookVerifier

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def services(
    settings: Settings,
    *,
    poll_policy: PollPolicy | None = None,
    webhooks: bool = True,
    migrate: bool = True,
) -> AsyncIterator[Services]:
    """Open the session and the store, build the core on them, and close all on exit.

    `webhooks=False` never starts the receiver (`sync`, which must not take the port of a
    running bot); `migrate=False` refuses an existing database behind this code instead of
    migrating it (a command that may run beside a bot using it).
    """
    secret = settings.token_sealing_secret()
    # Without a secret, interaction tokens stored now cannot be read by a later process.
    sealer = (
        TokenSealer.from_secret(secret.get_secret_value())
        if secret is not None
        else TokenSealer.ephemeral()
    )
    store = await Store.open(settings.database_target(), sealer=sealer, migrate=migrate)
    quotas = Quotas(store, default_per_day=settings.quota_images_per_day)
    moderation = Moderation(store)
    try:
        await moderation.load()
        async with aiohttp.ClientSession() as session:
            client = ReplicateClient(
                session,
                base_url=settings.replicate_api_base,
                token=settings.replicate_api_token,
            )
            fetcher = OutputFetcher(
                session,
                allowed_hosts=settings.output_hosts,
                api_host=settings.api_host,
                max_bytes=settings.output_max_bytes,
            )
            runner: JobRunner | None = None

            def route(prediction: Prediction) -> None:
                if runner is not None:
                    runner.push(prediction)

            async with _webhook_receiver(settings, client, route, enabled=webhooks) as receiver:
                runner = JobRunner(
                    client=client,
                    fetcher=fetcher,
                    store=store,
                    model_version=settings.sdxl_model,
                    limits=RunnerLimits(
                        max_concurrent=settings.max_concurrent_predictions,
                        per_member=settings.max_jobs_per_member,
                        max_queue=settings.max_queue,
                        timeout=settings.prediction_timeout,
                        creates_per_minute=settings.replicate_creates_per_minute,
                    ),
                    poll_policy=poll_policy,
                    quotas=quotas,
                    moderation=moderation,
                    webhook=WebhookTarget(receiver.public_url) if receiver is not None else None,
                    leases=Leases(
                        store,
                        seconds=settings.job_lease_seconds,
                        # One process per SQLite file (bot.dblock): its leases are all its own.
                        exclusive=store.backend == "sqlite",
                    ),
                )
                reviews = Reviews(store)
                gate = Gate(runner=runner, moderation=moderation, quotas=quotas, reviews=reviews)
                try:
                    yield Services(
                        settings,
                        session,
                        store,
                        client,
                        fetcher,
                        runner,
                        quotas,
                        moderation,
                        reviews,
                        gate,
                        receiver,
                    )
                finally:
                    await runner.close()
    finally:
        await store.close()


@contextlib.asynccontextmanager
async def _webhook_receiver(
    settings: Settings,
    client: ReplicateClient,
    push: Callable[[Prediction], None],
    *,
    enabled: bool,
) -> AsyncIterator[WebhookReceiver | None]:
    """The started receiver (closed on exit), or None when the bot polls instead."""
    receiver = await _start_receiver(settings, client, push) if enabled else None
    try:
        yield receiver
    finally:
        if receiver is not None:
            await receiver.close()


async def _start_receiver(
    settings: Settings, client: ReplicateClient, push: Callable[[Prediction], None]
) -> WebhookReceiver | None:
    """The started receiver, or None (and a logged reason) when the bot must poll instead."""
    if settings.webhook_public_url is None:
        return None
    try:
        secret = await client.webhook_secret()
        verifier = WebhookVerifier(secret)
    except ReplicateError as error:
        log.warning(
            "Webhook mode is off: %s has no usable webhook secret (%s); polling instead",
            client.base_url,
            error.status or error.detail,
        )
        return None
    except ValueError as error:
        log.warning("Webhook mode is off: %s; polling instead", error)
        return None
    receiver = WebhookReceiver(
        verifier, push, public_url=settings.webhook_public_url, listen=settings.webhook_listen
    )
    try:
        await receiver.start()
    except OSError as error:
        # Predictions must not name a URL nobody answers: they would only be polled at
        # the safety-net pace.
        log.warning(
            "Webhook mode is off: cannot listen on %s (%s); polling instead",
            settings.webhook_listen,
            error.strerror or error,
        )
        return None
    log.info("Webhook mode: predictions push to %s", settings.webhook_public_url)
    return receiver


# Gateway close codes that end the bot, each with what the operator should change.
CLOSE_INVALID_SHARD = 4010
CLOSE_SHARDING_REQUIRED = 4011


class GatewayRefused(OperatorError):
    """Discord closed the gateway with a code no reconnect can fix (invalid or missing shards)."""


def gateway_refusal(error: BaseException, settings: Settings) -> GatewayRefused | None:
    """The operator's one-line sentence for a gateway close code about sharding, or None."""
    if not isinstance(error, discord.ConnectionClosed):
        return None
    shard = "?" if error.shard_id is None else str(error.shard_id)
    count = settings.shard_count
    if error.code == CLOSE_SHARDING_REQUIRED:
        return GatewayRefused(
            f"Discord requires more shards (gateway close code 4011): shard {shard} would hold"
            " more servers than one session may (2,500). Raise SHARD_COUNT"
            + (f" (now {count})" if count is not None else "")
            + ", or unset it to use Discord's recommendation"
        )
    if error.code == CLOSE_INVALID_SHARD:
        return GatewayRefused(
            f"Discord refused shard {shard} (gateway close code 4010, invalid shard):"
            " SHARD_IDS must be below SHARD_COUNT, and SHARD_COUNT"
            + (f" (now {count})" if count is not None else "")
            + " must be one Discord accepts for this bot (with large bot sharding, a multiple"
            " of its max_concurrency); unset SHARD_COUNT to use Discord's recommendation"
        )
    return None


def hold_database(settings: Settings) -> contextlib.AbstractAsyncContextManager[object]:
    """The SQLite file's one-process lock (bot.dblock); nothing to hold on PostgreSQL."""
    path = settings.sqlite_file()
    return dblock.hold(path) if path is not None else contextlib.nullcontext()


def point_discord_py_at(settings: Settings) -> None:
    """Honour DISCORD_API_BASE and DISCORD_GATEWAY_URL (REST and gateway proxies, tests)."""
    discord.http.Route.BASE = settings.discord_api_base
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


async def run(settings: Settings) -> None:
    """`sdxl-bot run`: serve until SIGINT or SIGTERM, then shut down cleanly.

    On SQLite, holds the database's lock (bot.dblock) from before the store opens until it
    ends; raises DatabaseInUse, having opened nothing, while another process holds it. On
    PostgreSQL any number of processes share the database (DESIGN §8).
    """
    from cogs.client import SdxlBot  # the Discord glue; the root is the one place that knows it

    token = settings.require_discord_token()
    point_discord_py_at(settings)
    async with (
        hold_database(settings),
        metrics.lag_probe(settings.sdxl_bot_metrics_path, settings.sdxl_bot_metrics_every),
        services(settings) as built,
    ):
        bot = SdxlBot(built, shard_count=settings.shard_count, shard_ids=settings.shard_ids)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        async with bot:
            serving = asyncio.create_task(bot.start(token.get_secret_value()), name="discord")
            stopping = asyncio.create_task(stop.wait(), name="signals")
            done, _ = await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stopping in done:
                log.info("Shutting down: unfinished jobs are kept and picked up on the next start")
            await built.runner.close()
            await bot.close()
            stopping.cancel()
            failure = serving.exception() if serving in done else None
            if failure is not None:
                refused = gateway_refusal(failure, settings)
                if refused is not None:
                    raise refused from None
                raise failure
            await asyncio.gather(serving, return_exceptions=True)


async def sync(settings: Settings, guild_id: int | None) -> list[str]:
    """`sdxl-bot sync`: log in over REST only, push the slash commands, return their names."""
    from cogs.client import SdxlBot

    token = settings.require_discord_token()
    point_discord_py_at(settings)
    async with (
        services(settings, webhooks=False, migrate=False) as built,
        SdxlBot(built, sync_on_start=False, resume_jobs=False) as bot,
    ):
        await bot.login(token.get_secret_value())
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild is not None:
            bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
        return [command.name for command in synced]
