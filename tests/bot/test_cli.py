"""`sdxl-bot generate` as a user runs it, and `run`'s hold on its database: subprocesses
against the fakes."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from bot.dblock import Holder, lock_path
from bot.sdxl import ImagineRequest
from sdxl_bot.cli import EXIT_FAILED, build_parser
from tests.fakes.discord import FakeDiscord
from tests.fakes.process import bot_environment
from tests.fakes.replicate import FakeReplicate, Fault, Scenario

TOKEN = "r8_fake_test_token"


@dataclass
class Run:
    """What one CLI run left behind."""

    code: int
    stdout: str
    stderr: str
    out: Path


async def generate(
    fake: FakeReplicate,
    tmp_path: Path,
    *args: str,
    token: str | None = TOKEN,
    extra_env: dict[str, str] | None = None,
) -> Run:
    """Run `python -m bot generate ARGS` in a clean folder with only the variables given."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("REPLICATE", "SDXL"))
    }
    env["REPLICATE_API_BASE"] = fake.base_url
    if token is not None:
        env["REPLICATE_API_TOKEN"] = token
    env.update(extra_env or {})
    out = tmp_path / "out"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "generate",
        *args,
        "--out",
        str(out),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return Run(process.returncode, stdout.decode(), stderr.decode(), out)


def test_every_sdxl_input_has_a_flag() -> None:
    """Each field of ImagineRequest but the prompt is reachable as a --flag of generate."""
    parser = build_parser()
    generate_parser = parser._subparsers._group_actions[0].choices["generate"]  # type: ignore[union-attr]
    dests = {action.dest for action in generate_parser._actions}
    assert set(ImagineRequest.model_fields) <= dests
    parsed = parser.parse_args(
        ["generate", "x", "--num-outputs", "2", "--no-apply-watermark", "--scheduler", "DDIM"]
    )
    assert (parsed.num_outputs, parsed.apply_watermark, parsed.scheduler) == (2, False, "DDIM")


async def test_generate_saves_every_image_with_its_seed(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A run saves each PNG under --out with the seed in its name and prints the paths."""
    run = await generate(
        fake_replicate,
        tmp_path,
        "a lighthouse",
        "--num-outputs",
        "2",
        "--seed",
        "1234",
        "--width",
        "512",
        "--height",
        "768",
    )
    assert run.code == 0, run.stderr
    paths = [Path(line) for line in run.stdout.splitlines()]
    assert len(paths) == 2
    for path in paths:
        assert path.parent == run.out
        assert "seed1234" in path.name and path.suffix == ".png"
        assert Image.open(io.BytesIO(path.read_bytes())).size == (512, 768)
    assert "succeeded" in run.stderr
    body = fake_replicate.requests[0].json
    assert body is not None
    assert body["input"] == {
        "prompt": "a lighthouse",
        "num_outputs": 2,
        "seed": 1234,
        "width": 512,
        "height": 768,
    }


async def test_a_random_seed_is_read_back_from_the_logs(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Without --seed, the file name carries the seed the model drew and logged."""
    run = await generate(fake_replicate, tmp_path, "a lighthouse")
    assert run.code == 0, run.stderr
    [prediction] = fake_replicate.predictions.values()
    [line] = run.stdout.splitlines()
    assert f"seed{prediction.seed}" in line


async def test_invalid_input_sends_nothing(fake_replicate: FakeReplicate, tmp_path: Path) -> None:
    """A bad option exits 2 with a message naming the field and the bounds; no request leaves."""
    run = await generate(fake_replicate, tmp_path, "x", "--width", "1001")
    assert run.code == 2
    assert "`width` must be a multiple of 8" in run.stderr
    assert fake_replicate.requests == []
    assert not run.out.exists()


async def test_missing_token_names_the_variable(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Without REPLICATE_API_TOKEN the run exits 2 saying which variable to set."""
    run = await generate(fake_replicate, tmp_path, "x", token=None)
    assert run.code == 2
    assert "REPLICATE_API_TOKEN is required" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert fake_replicate.requests == []


async def test_a_rejected_token_is_named_but_never_printed(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A 401 exits 1 naming REPLICATE_API_TOKEN; the token appears nowhere in the output."""
    run = await generate(fake_replicate, tmp_path, "x", token="r8_canary_wrong_token")
    assert run.code == 1
    assert "REPLICATE_API_TOKEN" in run.stderr
    assert "r8_canary_wrong_token" not in run.stderr + run.stdout


async def test_nsfw_on_every_image_says_so(fake_replicate: FakeReplicate, tmp_path: Path) -> None:
    """When the safety checker drops every image the run fails with a message that says so."""
    fake_replicate.scenario = Scenario(nsfw="all")
    run = await generate(fake_replicate, tmp_path, "x", "--num-outputs", "2")
    assert run.code == 1
    assert "safety checker" in run.stderr
    assert run.stdout == ""


async def test_nsfw_on_some_images_saves_the_rest(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Images that survived the safety checker are saved; the run succeeds."""
    fake_replicate.scenario = Scenario(nsfw="some")
    run = await generate(fake_replicate, tmp_path, "x", "--num-outputs", "4")
    assert run.code == 0, run.stderr
    assert 1 <= len(run.stdout.splitlines()) < 4


async def test_a_model_failure_is_one_clear_line(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A failed prediction exits 1 with the model's last error line."""
    fake_replicate.scenario = Scenario(fail_with="CUDA out of memory")
    run = await generate(fake_replicate, tmp_path, "x")
    assert run.code == 1
    assert "CUDA out of memory" in run.stderr.splitlines()[-1]


async def test_data_uri_outputs_are_saved(fake_replicate: FakeReplicate, tmp_path: Path) -> None:
    """Outputs returned inline as data: URIs are decoded and saved."""
    fake_replicate.scenario = Scenario(output_kind="data")
    run = await generate(fake_replicate, tmp_path, "x")
    assert run.code == 0, run.stderr
    [line] = run.stdout.splitlines()
    assert Image.open(line).format == "PNG"


async def test_a_relay_openai_style_answer_is_saved(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A relay answering the create with {"data": [{"url"}]} still yields saved images."""
    fake_replicate.scenario = Scenario(openai_style=True)
    run = await generate(fake_replicate, tmp_path, "x", "--num-outputs", "2")
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) == 2
    assert fake_replicate.count("GET", r"/v1/predictions/.*") == 0


async def test_outputs_on_a_foreign_host_are_not_downloaded(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """An output URL outside OUTPUT_HOSTS fails the run with the host named."""
    fake_replicate.scenario = Scenario(output_base="https://evil.example")
    run = await generate(fake_replicate, tmp_path, "x")
    assert run.code == 1
    assert "evil.example" in run.stderr and "OUTPUT_HOSTS" in run.stderr


async def test_a_local_image_travels_as_a_data_uri(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """--image with a file path sends the file inline; img2img drops width and height."""
    source = tmp_path / "source.png"
    Image.new("RGB", (64, 64), (0, 90, 200)).save(source)
    run = await generate(
        fake_replicate, tmp_path, "x", "--image", str(source), "--prompt-strength", "0.5"
    )
    assert run.code == 0, run.stderr
    body = fake_replicate.requests[0].json
    assert body is not None
    assert body["input"]["image"].startswith("data:image/png;base64,")
    assert "width" not in body["input"]


async def test_a_missing_local_image_is_bad_input(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """--image naming no file exits 2 before anything is sent."""
    run = await generate(fake_replicate, tmp_path, "x", "--image", "nope.png")
    assert run.code == 2
    assert "`image`" in run.stderr
    assert fake_replicate.requests == []


async def test_an_outage_while_tracking_is_survived(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A burst of 503s and dropped connections on GET does not fail the run."""
    fake_replicate.add_fault(
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="status", status=503, times=2)
    )
    fake_replicate.add_fault(
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="drop", times=1)
    )
    run = await generate(fake_replicate, tmp_path, "x")
    assert run.code == 0, run.stderr


async def test_timeout_cancels_and_fails(fake_replicate: FakeReplicate, tmp_path: Path) -> None:
    """--timeout stops a slow prediction, cancels it on Replicate and exits 1."""
    fake_replicate.timing.step = 5.0
    run = await generate(fake_replicate, tmp_path, "x", "--timeout", "1")
    assert run.code == 1
    assert "took longer than" in run.stderr
    [prediction] = fake_replicate.predictions.values()
    assert prediction.status == "canceled"


@pytest.mark.parametrize("flag", ["--help"])
async def test_help_lists_the_bounds(
    flag: str, tmp_path: Path, fake_replicate: FakeReplicate
) -> None:
    """`generate --help` shows each numeric flag with its allowed range."""
    run = await generate(fake_replicate, tmp_path, flag)
    assert run.code == 0
    assert "--num-inference-steps" in run.stdout and "1..500" in run.stdout


async def start_run(
    env: dict[str, str], folder: Path, stderr: int | io.BufferedWriter
) -> asyncio.subprocess.Process:
    """`python -m bot run` in `folder`, its stderr to `stderr`."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=stderr,
    )


@pytest.mark.slow
async def test_a_second_run_on_one_database_refuses_and_names_the_first(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A second `run` on a held database exits 1 at once with one line naming the first's pid,
    without connecting; once the first is SIGKILLed a new `run` starts."""
    database = tmp_path / "data" / "bot.sqlite3"
    env = bot_environment(fake_discord, fake_replicate, database)
    started: list[asyncio.subprocess.Process] = []
    with (tmp_path / "first.log").open("wb") as first_log:
        try:
            first = await start_run(env, tmp_path, first_log)
            started.append(first)
            await fake_discord.wait_ready(timeout=30)
            await fake_discord.wait_until(
                lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id)), timeout=30
            )
            identifies = fake_discord.identifies
            command_syncs = fake_discord.count("PUT", r"/commands$")
            replicate_requests = len(fake_replicate.requests)

            second = await start_run(env, tmp_path, asyncio.subprocess.PIPE)
            started.append(second)
            try:
                _, stderr = await asyncio.wait_for(second.communicate(), timeout=10)
            except TimeoutError:
                pytest.fail("a second `run` on the same database kept running")
            [line] = stderr.decode().splitlines()
            assert second.returncode == EXIT_FAILED
            assert line.startswith("sdxl-bot: error: another sdxl-bot (pid ")
            assert f"(pid {first.pid} on " in line
            assert str(database) in line and "DATABASE_PATH" in line
            assert fake_discord.identifies == identifies
            assert fake_discord.count("PUT", r"/commands$") == command_syncs
            assert len(fake_replicate.requests) == replicate_requests
            assert first.returncode is None

            first.send_signal(signal.SIGKILL)
            await first.wait()
            # The dead bot's label is still in the lock file; only the kernel let go of it.
            stale = Holder.decode(lock_path(database).read_bytes())
            assert stale is not None and stale.pid == first.pid

            third = await start_run(env, tmp_path, first_log)
            started.append(third)
            await fake_discord.wait_until(lambda: fake_discord.identifies > identifies, timeout=30)
            assert third.returncode is None
            holder = Holder.decode(lock_path(database).read_bytes())
            assert holder is not None and holder.pid == third.pid
            third.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(third.wait(), timeout=30) == 0
        finally:
            for process in started:
                if process.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
