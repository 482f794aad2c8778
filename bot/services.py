"""Services: the long-lived objects the cogs use, built once by the composition root.

A plain record of core objects, Discord-free, so the cogs can name it without importing the
composition root (sdxl_bot.app builds it; import-linter forbids the reverse).
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp

from bot.config import Settings
from bot.gate import Gate
from bot.images import OutputFetcher
from bot.jobs import JobRunner
from bot.moderation import Moderation
from bot.quota import Quotas
from bot.replicate import ReplicateClient
from bot.reviews import Reviews
from bot.store import Store
from bot.webhooks import WebhookReceiver


@dataclass(frozen=True, slots=True)
class Services:
    """The long-lived objects the cogs use; built once by `sdxl_bot.app.services()`."""

    settings: Settings
    session: aiohttp.ClientSession
    store: Store
    client: ReplicateClient
    fetcher: OutputFetcher
    runner: JobRunner
    quotas: Quotas
    moderation: Moderation
    reviews: Reviews
    gate: Gate
    webhooks: WebhookReceiver | None = None
