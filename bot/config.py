"""Settings from the environment and `.env`, validated once at start-up.

The variable names are a contract (DESIGN.md §2): outside tests and deployments set them.
Settings are built by the composition root (or the CLI) and passed down; never a module global.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.errors import ConfigError
from bot.sdxl import DEFAULT_LIMITS, Limits

DEFAULT_MODEL = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
_VERSION_ID = r"[0-9a-f]{64}"
_MODEL_PATTERN = re.compile(rf"(?:[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*:)?{_VERSION_ID}")
_HOST_PATTERN = re.compile(
    r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
)

# What to tell an operator for each variable when it is missing or malformed.
_HINTS: dict[str, str] = {
    "DISCORD_TOKEN": "the bot token from the Discord developer portal (Bot > Reset Token)",
    "REPLICATE_API_TOKEN": "your Replicate API token (r8_...) or your relay's API key",
    "REPLICATE_API_BASE": "an https URL such as https://api.replicate.com/v1"
    " or https://api.quickrouter.ai/replicate/v1",
    "SDXL_MODEL": "owner/name:<64-hex version id> or a bare 64-hex version id",
    "DATABASE_PATH": "a file path such as data/sdxl-bot.sqlite3",
    "DISCORD_API_BASE": "an https URL such as https://discord.com/api/v10",
    "DISCORD_GATEWAY_URL": "a wss:// URL of a gateway proxy, or leave it unset",
    "DEV_GUILD_ID": "the numeric id of your test server, or leave it unset",
    "QUOTA_IMAGES_PER_DAY": "a whole number of images, 0 or more",
    "OUTPUT_HOSTS": "comma-separated host names, * allowed as the first label:"
    " replicate.delivery,*.replicate.delivery",
    "PREDICTION_TIMEOUT": "seconds, between 10 and 3600",
    "OUTPUT_MAX_BYTES": "bytes, between 1 MiB and 200 MiB",
    "PRICE_PER_GPU_SECOND": "US dollars per GPU second, e.g. 0.000725",
    "MAX_CONCURRENT_PREDICTIONS": "a whole number from 1 to 100",
    "MAX_JOBS_PER_MEMBER": "a whole number from 1 to 50",
    "MAX_QUEUE": "a whole number from 1 to 10000",
    "REPLICATE_CREATES_PER_MINUTE": "a whole number from 1 to 600",
    "INTERACTION_TOKEN_LIFETIME": "seconds, at most 900 (Discord's 15 minutes)",
    "WEBHOOK_PUBLIC_URL": "the https URL Replicate posts prediction updates to, routed to"
    " WEBHOOK_LISTEN (e.g. https://bot.example.org/replicate/webhook), or leave it unset to poll",
    "WEBHOOK_LISTEN": "host:port for the webhook receiver, e.g. 127.0.0.1:8080 or [::1]:8080",
    "SHARD_COUNT": "the total number of Discord shards, a whole number of 1 or more, or leave"
    " it unset to use Discord's recommendation",
    "SHARD_IDS": "comma-separated shard ids below SHARD_COUNT, e.g. 0,1 (needs SHARD_COUNT),"
    " or leave it unset for all of them",
    "DATABASE_URL": "postgresql://user:password@host:5432/dbname (or postgresql+asyncpg://...)"
    " or sqlite:///path/to/file.sqlite3, or leave it unset to use DATABASE_PATH",
    "JOB_LEASE_SECONDS": "seconds a silent process keeps its jobs, more than 0 (e.g. 30)",
    "TOKEN_KEY": "a long random string (python -c 'import secrets;"
    " print(secrets.token_urlsafe(32))'), or leave it unset to derive the key from DISCORD_TOKEN",
}

# What DATABASE_URL may start with (DESIGN.md §2): PostgreSQL for a cluster, or SQLite.
DATABASE_SCHEMES = ("postgresql", "postgresql+asyncpg", "sqlite")

_LOOPBACK_NAMES = {"localhost"}
# TOKEN_KEY is a secret that keys derive from: refuse one short enough to guess.
_MIN_KEY_CHARS = 32


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts allowed over plain http."""
    if not host:
        return False
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_url(value: str, *, schemes: tuple[str, str], what: str) -> str:
    secure, plain = schemes
    parts = urlsplit(value.strip())
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(f"{what} must be a {secure}:// URL, got {value!r}")
    if parts.scheme == plain and not is_loopback(parts.hostname):
        raise ValueError(f"{what} must use {secure}:// (plain {plain} only to this machine)")
    if parts.query or parts.fragment:
        raise ValueError(f"{what} must not carry a query or fragment")
    return value.strip().rstrip("/")


def parse_listen(value: str) -> tuple[str, int]:
    """`host:port` (IPv6 as `[::1]:8080`) as (host, port); ValueError if malformed."""
    host, sep, port_text = value.strip().rpartition(":")
    if not sep or not host or not port_text.isdigit():
        raise ValueError(f"{value!r} is not host:port")
    port = int(port_text)
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is out of range")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host or "[" in host or "]" in host:
        raise ValueError(f"{value!r} is not host:port (write IPv6 hosts in brackets)")
    if not host or any(ch.isspace() or ch in "/@?#[]" for ch in host):
        raise ValueError(f"{host!r} is not a host")
    return host, port


class Settings(BaseSettings):
    """Every setting of the bot. Build with `Settings.load()` to get operator-friendly errors."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        case_sensitive=False,
        frozen=True,
    )

    discord_token: SecretStr | None = None
    replicate_api_token: SecretStr
    replicate_api_base: str = "https://api.replicate.com/v1"
    sdxl_model: str = DEFAULT_MODEL
    database_path: Path = Path("data/sdxl-bot.sqlite3")
    discord_api_base: str = "https://discord.com/api/v10"
    discord_gateway_url: str | None = None
    dev_guild_id: int | None = Field(default=None, gt=0)
    quota_images_per_day: int = Field(default=25, ge=0)
    output_hosts: Annotated[tuple[str, ...], NoDecode] = (
        "replicate.delivery",
        "*.replicate.delivery",
    )
    # Beyond the contract: operational knobs with safe defaults.
    prediction_timeout: float = Field(default=600.0, ge=10, le=3600)
    output_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1024 * 1024, le=200 * 1024 * 1024)
    sdxl_min_side: int = Field(default=DEFAULT_LIMITS.min_side, ge=64, le=4096)
    sdxl_max_side: int = Field(default=DEFAULT_LIMITS.max_side, ge=64, le=4096)
    sdxl_max_pixels: int = Field(default=DEFAULT_LIMITS.max_pixels, ge=64 * 64, le=4096 * 4096)
    prompt_max_chars: int = Field(default=DEFAULT_LIMITS.prompt_max_chars, ge=1, le=6000)
    # The job queue.
    max_concurrent_predictions: int = Field(default=4, ge=1, le=100)
    max_jobs_per_member: int = Field(default=2, ge=1, le=50)
    max_queue: int = Field(default=200, ge=1, le=10000)
    # Replicate allows 600 creates a minute; stay under it with room for other clients.
    replicate_creates_per_minute: int = Field(default=500, ge=1, le=600)
    # Discord invalidates interaction tokens 15 minutes after the command; tests shorten it.
    interaction_token_lifetime: float = Field(default=900.0, ge=2, le=900)
    # An estimate for /usage: what one second of the model's GPU costs, in US dollars.
    price_per_gpu_second: float = Field(default=0.000725, ge=0, le=1)
    # DEBUG, INFO, WARNING...; unset: INFO for the bot, WARNING for the CLI.
    log_level: str | None = None
    # Webhook mode: set, predictions push their states here and polling is a safety net.
    webhook_public_url: str | None = None
    # Where the receiver listens; a reverse proxy forwards WEBHOOK_PUBLIC_URL to it.
    webhook_listen: str = "127.0.0.1:8080"
    # Set: the bot samples its event-loop lag and rewrites this JSON file with the figures.
    sdxl_bot_metrics_path: Path | None = None
    sdxl_bot_metrics_every: float = Field(default=5.0, ge=0.1, le=3600)
    # Seals the interaction tokens of unfinished jobs in the database; unset: DISCORD_TOKEN.
    token_key: SecretStr | None = None
    # Sharding (DESIGN.md §8): unset SHARD_COUNT is Discord's recommendation (GET /gateway/bot).
    shard_count: int | None = Field(default=None, ge=1)
    # This process's shards; unset: every shard of SHARD_COUNT.
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None
    # PostgreSQL for a cluster, or sqlite:///path; unset: SQLite at DATABASE_PATH.
    database_url: SecretStr | None = None
    # In a cluster: how long a silent process keeps its jobs before another takes them over.
    job_lease_seconds: float = Field(default=30.0, gt=0)

    @field_validator("replicate_api_token", "discord_token")
    @classmethod
    def _token_has_no_spaces(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        if secret.lower().startswith("bearer "):
            raise ValueError("must be the bare token, without the word 'Bearer'")
        if not secret or any(ch.isspace() for ch in secret):
            raise ValueError("must be a single token with no spaces")
        return SecretStr(secret)

    @field_validator("token_key")
    @classmethod
    def _key_is_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        if any(ch.isspace() for ch in secret):
            raise ValueError("must be a single string with no spaces")
        if len(secret) < _MIN_KEY_CHARS:
            raise ValueError(f"must be at least {_MIN_KEY_CHARS} characters")
        return SecretStr(secret)

    @field_validator("replicate_api_base")
    @classmethod
    def _api_base(cls, value: str) -> str:
        return _check_url(value, schemes=("https", "http"), what="the API base")

    @field_validator("discord_api_base")
    @classmethod
    def _discord_base(cls, value: str) -> str:
        return _check_url(value, schemes=("https", "http"), what="the REST base")

    @field_validator("discord_gateway_url")
    @classmethod
    def _gateway(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return _check_url(value, schemes=("wss", "ws"), what="the gateway URL")

    @field_validator("webhook_public_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        # Replicate only posts to https; plain http is for tests and this machine.
        return _check_url(value, schemes=("https", "http"), what="the webhook URL")

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        parse_listen(value)
        return value.strip()

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ids(cls, value: Any) -> tuple[int, ...] | None:
        if value is None:
            return None
        items = value.split(",") if isinstance(value, str) else list(value)
        texts = [str(item).strip() for item in items if str(item).strip()]
        if not texts:
            raise ValueError("names no shard id")
        ids: list[int] = []
        for text in texts:
            if not text.isdigit():
                raise ValueError(f"{text!r} is not a shard id")
            ids.append(int(text))
        if len(set(ids)) != len(ids):
            raise ValueError("names a shard id twice")
        return tuple(ids)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        url = value.get_secret_value().strip()
        scheme, sep, rest = url.partition("://")
        if not sep or scheme.lower() not in DATABASE_SCHEMES:
            # The scheme only: the rest may carry a password.
            shown = f"{scheme}://" if sep else "no scheme"
            raise ValueError(f"{shown} is not one of {', '.join(DATABASE_SCHEMES)}")
        if scheme.lower() == "sqlite":
            if not rest.startswith("/") or rest == "/":
                raise ValueError("a SQLite URL names its file after three slashes")
        elif not urlsplit(url).hostname:
            raise ValueError(f"a {scheme} URL names its host")
        return SecretStr(url)

    @field_validator("sdxl_model")
    @classmethod
    def _model(cls, value: str) -> str:
        value = value.strip()
        if not _MODEL_PATTERN.fullmatch(value):
            raise ValueError(f"{value!r} is neither owner/name:<version id> nor a version id")
        return value

    @field_validator("output_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> tuple[str, ...]:
        items = value.split(",") if isinstance(value, str) else list(value)
        hosts = tuple(str(item).strip().lower() for item in items if str(item).strip())
        for host in hosts:
            if not _HOST_PATTERN.fullmatch(host):
                raise ValueError(f"{host!r} is not a host name")
        return hosts

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Read the environment and `.env`; raise ConfigError naming every bad variable."""
        try:
            settings = cls(**overrides)
        except ValidationError as error:
            raise ConfigError(_describe(error)) from None
        problems = settings._cross_checks()
        if problems:
            raise ConfigError(problems)
        return settings

    def _cross_checks(self) -> list[str]:
        return self._shard_checks() + self._size_checks()

    def _shard_checks(self) -> list[str]:
        if self.shard_ids is None:
            return []
        if self.shard_count is None:
            return [
                "SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the total number of shards"
                " (every process of the bot uses the same), or unset SHARD_IDS"
            ]
        beyond = [str(shard) for shard in self.shard_ids if shard >= self.shard_count]
        if beyond:
            return [
                f"SHARD_IDS is not valid ({', '.join(beyond)} not below SHARD_COUNT"
                f" {self.shard_count}); expected {_HINTS['SHARD_IDS']}"
            ]
        return []

    def _size_checks(self) -> list[str]:
        if self.sdxl_min_side > self.sdxl_max_side:
            return ["SDXL_MIN_SIDE is larger than SDXL_MAX_SIDE"]
        if self.sdxl_max_pixels < self.sdxl_min_side**2:
            return ["SDXL_MAX_PIXELS is smaller than SDXL_MIN_SIDE squared"]
        try:
            self.limits  # noqa: B018 - Limits checks the rest on construction
        except ValueError as error:
            return [f"SDXL_MIN_SIDE, SDXL_MAX_SIDE and SDXL_MAX_PIXELS do not fit: {error}"]
        return []

    def require_discord_token(self) -> SecretStr:
        """The bot token, or a ConfigError saying how to get one (only `run` and `sync` need it)."""
        if self.discord_token is None:
            raise ConfigError([f"DISCORD_TOKEN is required: set it to {_HINTS['DISCORD_TOKEN']}"])
        return self.discord_token

    def database_target(self) -> str:
        """Where the store is: DATABASE_URL if set, else the SQLite file at DATABASE_PATH."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return str(self.database_path)

    def sqlite_file(self) -> Path | None:
        """The SQLite file in use (one process at a time: bot.dblock); None on PostgreSQL."""
        target = self.database_target()
        if target.startswith("sqlite:///"):
            return Path(target.removeprefix("sqlite:///"))
        if "://" in target:
            return None
        return Path(target)

    def token_sealing_secret(self) -> SecretStr | None:
        """What the interaction tokens' key is derived from: TOKEN_KEY, else DISCORD_TOKEN.

        None without either (`generate`, tests): tokens are then sealed with a random key.
        """
        return self.token_key if self.token_key is not None else self.discord_token

    @property
    def limits(self) -> Limits:
        """The request limits, in the form the validator and the slash command both read."""
        return Limits(
            min_side=self.sdxl_min_side,
            max_side=self.sdxl_max_side,
            max_pixels=self.sdxl_max_pixels,
            prompt_max_chars=self.prompt_max_chars,
        )

    @property
    def api_host(self) -> str:
        """The host of REPLICATE_API_BASE: outputs served from it are always allowed."""
        return urlsplit(self.replicate_api_base).hostname or ""


def _describe(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        name = str(item["loc"][0]).upper() if item["loc"] else "?"
        hint = _HINTS.get(name, "")
        if item["type"] == "missing":
            problems.append(f"{name} is required: set it to {hint}")
        else:
            # pydantic's message never includes a secret's value; only the reason.
            reason = str(item["msg"]).removeprefix("Value error, ")
            problems.append(f"{name} is not valid ({reason}); expected {hint}")
    return problems
