"""`sdxl-bot`: the command line (`run`, `generate`, `sync`, `db upgrade`, `db copy`).

`generate` runs one prediction through the same core the Discord bot uses: the same validator,
client, tracker and output checks. Exit codes: 0 done, 1 the generation failed, 2 bad input or
configuration (nothing was sent), 130 interrupted (the prediction was canceled).

`run` holds its database for its whole life (bot.dblock); while another process holds it, `run`
exits 1 with one line naming that process, having opened nothing. `sync` and `generate` run no
jobs and take no lock. `db upgrade` migrates only a database no other sdxl-bot uses (the
SQLite lock; on PostgreSQL, no other sdxl-bot connected) and exits 1 naming the reason
otherwise. `db copy` fills an empty PostgreSQL database from a SQLite file.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import mimetypes
import sys
import types
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import aiohttp
import discord
from pydantic import SecretStr
from sqlalchemy.exc import SQLAlchemyError

from bot import __version__, dbcopy, dblock, logs
from bot.config import Settings
from bot.errors import ConfigError, InputRejected, SdxlBotError
from bot.images import OutputFetcher
from bot.replicate import ReplicateClient
from bot.sdxl import ImagineRequest
from bot.store import Store
from bot.terminal import ProgressLine
from bot.tracking import PredictionTracker, outputs_or_raise
from cogs.catalogue import render, t
from sdxl_bot import app

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# Local files given to --image/--mask travel inline as data: URIs; keep them modest.
MAX_LOCAL_IMAGE_BYTES = 10 * 1024 * 1024
_FILE_INPUTS = ("image", "mask")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sdxl-bot` console script and of `python -m bot`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "generate":
        return _run_async(_generate(args))
    if args.command == "sync":
        return _run_async(_sync(args.guild))
    if args.command == "db":
        if args.db_command == "copy":
            return _run_async(_db_copy(args.source, args.destination))
        return _run_async(_db_upgrade())
    return _run_async(_serve())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; `generate` gets one flag per SDXL input, derived from ImagineRequest."""
    parser = argparse.ArgumentParser(
        prog="sdxl-bot", description="Stable Diffusion XL on Replicate, for Discord."
    )
    parser.add_argument("--version", action="version", version=f"sdxl-bot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("run", help="start the Discord bot")
    sync = commands.add_parser("sync", help="sync the slash commands with Discord")
    sync.add_argument("--guild", type=int, help="sync to this server only (instant)")
    database = commands.add_parser("db", help="the database: upgrade, copy to PostgreSQL")
    actions = database.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    actions.add_parser(
        "upgrade", help="migrate the database to this version (stop every bot using it first)"
    )
    copy = actions.add_parser("copy", help="copy a SQLite database into an empty PostgreSQL one")
    copy.add_argument(
        "--from", dest="source", help="the SQLite file (default: DATABASE_PATH)", default=None
    )
    copy.add_argument(
        "--to", dest="destination", help="postgresql://... (default: DATABASE_URL)", default=None
    )
    generate = commands.add_parser(
        "generate",
        help="make images from the terminal",
        description="Run one SDXL prediction and save the images. Every SDXL input has a flag;"
        " options left out keep the model's defaults.",
    )
    generate.add_argument("prompt", help=t("option.prompt"))
    _add_input_flags(generate)
    generate.add_argument(
        "--out", type=Path, default=Path("out"), help="folder for the images (default: ./out)"
    )
    generate.add_argument(
        "--timeout", type=float, help="give up (and cancel) after this many seconds"
    )
    generate.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def _add_input_flags(parser: argparse.ArgumentParser) -> None:
    bounds = ImagineRequest.numeric_bounds()
    for name, info in ImagineRequest.model_fields.items():
        if name == "prompt":
            continue
        flag = "--" + name.replace("_", "-")
        kind = _plain_type(info.annotation)
        help_text = t(f"option.{name}")
        if name in bounds:
            low, high = bounds[name]
            help_text += f" ({_number(low)}..{_number(high)})"
        if name in _FILE_INPUTS:
            parser.add_argument(flag, dest=name, metavar="FILE_OR_URL", help=help_text)
        elif kind is bool:
            parser.add_argument(
                flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=help_text
            )
        elif isinstance(kind, type) and issubclass(kind, Enum):
            choices = [member.value for member in kind]
            parser.add_argument(flag, dest=name, choices=choices, help=help_text)
        elif kind in (int, float):
            parser.add_argument(flag, dest=name, type=kind, help=help_text)
        else:
            parser.add_argument(flag, dest=name, help=help_text)


def _plain_type(annotation: Any) -> Any:
    """`int | None` -> int: the type a flag converts to."""
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else str
    return annotation


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _run_async(coroutine: Any) -> int:
    try:
        result: int = asyncio.run(coroutine)
    except KeyboardInterrupt:
        print("sdxl-bot: interrupted; the prediction was canceled.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result


def _fail(message: str, code: int) -> int:
    print(f"sdxl-bot: error: {message}", file=sys.stderr)
    return code


async def _serve() -> int:
    try:
        settings = Settings.load()
        settings.require_discord_token()
    except ConfigError as error:
        return _fail("; ".join(error.problems), EXIT_USAGE)
    logs.configure(settings.log_level, default=logging.INFO, secrets=_secrets(settings))
    try:
        await app.run(settings)
    except discord.LoginFailure:
        return _fail("Discord rejected DISCORD_TOKEN; copy the bot token again", EXIT_USAGE)
    except SdxlBotError as error:
        return _fail(render(error), EXIT_FAILED)
    return EXIT_OK


def _database_settings() -> Settings:
    # The db commands never call Replicate: its token is not needed to reach the database.
    return Settings.load(replicate_api_token=SecretStr("not-used-by-db-commands"))


async def _db_upgrade() -> int:
    try:
        settings = _database_settings()
    except ConfigError as error:
        return _fail("; ".join(error.problems), EXIT_USAGE)
    logs.configure(settings.log_level, default=logging.INFO, secrets=_secrets(settings))
    try:
        async with app.hold_database(settings):
            store = await Store.open(settings.database_target(), migrate=True)
            revision = await store.schema_revision()
            await store.close()
    except SdxlBotError as error:
        return _fail(render(error), EXIT_FAILED)
    except (OSError, SQLAlchemyError) as error:
        return _fail(f"cannot open the database: {_reason(error)}", EXIT_FAILED)
    print(f"sdxl-bot: the database is at schema revision {revision} (the newest)")
    return EXIT_OK


async def _db_copy(source: str | None, destination: str | None) -> int:
    try:
        settings = _database_settings()
    except ConfigError as error:
        return _fail("; ".join(error.problems), EXIT_USAGE)
    logs.configure(settings.log_level, default=logging.INFO, secrets=_secrets(settings))
    source = source or str(settings.database_path)
    destination = destination or (
        settings.database_url.get_secret_value() if settings.database_url else None
    )
    if destination is None or not destination.startswith("postgresql"):
        return _fail("give the PostgreSQL database: --to postgresql://user@host/db", EXIT_USAGE)
    try:
        async with dblock.hold(source):
            origin = await Store.open(source, migrate=True)
            try:
                target = await Store.open(destination, migrate=True)
                try:
                    copied = await dbcopy.copy(origin, target)
                finally:
                    await target.close()
            finally:
                await origin.close()
    except SdxlBotError as error:
        return _fail(render(error), EXIT_FAILED)
    except (OSError, SQLAlchemyError) as error:
        return _fail(f"cannot copy: {_reason(error)}", EXIT_FAILED)
    rows = ", ".join(f"{table} {count}" for table, count in copied.rows.items())
    print(f"sdxl-bot: copied into PostgreSQL: {rows}")
    return EXIT_OK


def _reason(error: BaseException) -> str:
    """The driver's own sentence (SQLAlchemy's text would carry the statement too)."""
    original = getattr(error, "orig", None)
    return str(original if original is not None else error).splitlines()[0]


async def _sync(guild_id: int | None) -> int:
    try:
        settings = Settings.load()
        settings.require_discord_token()
    except ConfigError as error:
        return _fail("; ".join(error.problems), EXIT_USAGE)
    logs.configure(settings.log_level, default=logging.WARNING, secrets=_secrets(settings))
    try:
        names = await app.sync(settings, guild_id)
    except discord.LoginFailure:
        return _fail("Discord rejected DISCORD_TOKEN; copy the bot token again", EXIT_USAGE)
    where = f"server {guild_id}" if guild_id else "every server (may take up to an hour to show)"
    print(f"synced {', '.join('/' + name for name in names)} to {where}")
    return EXIT_OK


async def _generate(args: argparse.Namespace) -> int:
    try:
        settings = Settings.load()
        options = {name: getattr(args, name) for name in ImagineRequest.model_fields}
        for name in _FILE_INPUTS:
            if options.get(name):
                options[name] = _as_uri(options[name], name)
        request = ImagineRequest.parse(options, settings.limits)
    except ConfigError as error:
        return _fail("; ".join(error.problems), EXIT_USAGE)
    except InputRejected as error:
        return _fail(render(error), EXIT_USAGE)
    # The CLI talks to people: only warnings unless LOG_LEVEL asks for more.
    logs.configure(settings.log_level, default=logging.WARNING, secrets=_secrets(settings))
    try:
        paths = await _produce(request, settings, args)
    except SdxlBotError as error:
        return _fail(render(error), EXIT_FAILED)
    for path in paths:
        print(path)
    return EXIT_OK


def _as_uri(value: str, field: str) -> str:
    """A URL stays as it is; a local file becomes a data: URI."""
    if value.startswith(("https://", "http://", "data:")):
        return value
    path = Path(value).expanduser()
    if not path.is_file():
        raise InputRejected(field, "input.uri")
    data = path.read_bytes()
    if len(data) > MAX_LOCAL_IMAGE_BYTES:
        raise InputRejected(field, "input.too_long", length=len(data), max=MAX_LOCAL_IMAGE_BYTES)
    media_type = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


async def _produce(
    request: ImagineRequest, settings: Settings, args: argparse.Namespace
) -> list[Path]:
    progress = ProgressLine(sys.stderr, quiet=args.quiet)
    async with aiohttp.ClientSession() as session:
        client = ReplicateClient(
            session, base_url=settings.replicate_api_base, token=settings.replicate_api_token
        )
        prediction = await client.create(settings.sdxl_model, request.to_replicate_input())
        log.info("Prediction %s created", prediction.id)
        tracker = PredictionTracker(
            client,
            prediction,
            timeout=args.timeout or settings.prediction_timeout,
            expected_bars=request.expected_progress_bars(),
        )
        async for update in tracker.updates():
            progress.show(update)
            prediction = update.prediction
        progress.finish(prediction)
        urls = outputs_or_raise(prediction)
        fetcher = OutputFetcher(
            session,
            allowed_hosts=settings.output_hosts,
            api_host=settings.api_host,
            max_bytes=settings.output_max_bytes,
        )
        images = await fetcher.fetch_all(urls)
    seed = update.progress.seed if update.progress.seed is not None else request.seed
    args.out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, image in enumerate(images):
        seed_part = f"seed{seed}" if seed is not None else "seed-unknown"
        path = args.out / f"{prediction.id}-{index}-{seed_part}.{image.extension}"
        path.write_bytes(image.data)
        paths.append(path)
    return paths


def _secrets(settings: Settings) -> list[str]:
    tokens = [settings.replicate_api_token.get_secret_value()]
    if settings.discord_token is not None:
        tokens.append(settings.discord_token.get_secret_value())
    return tokens
