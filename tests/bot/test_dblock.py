"""The database lock: one holder at a time, named to the refused, gone with its process."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import re
import signal
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.dblock import DatabaseInUse, DatabaseLockFailed, Holder, hold, lock_path

# A child that takes the lock, says so, and then only waits to be killed.
CHILD = """
import asyncio, sys
from bot.dblock import hold

async def main() -> None:
    async with hold(sys.argv[1]):
        print("held", flush=True)
        await asyncio.sleep(3600)

asyncio.run(main())
"""


async def start_holder(database: Path) -> asyncio.subprocess.Process:
    """A separate Python process holding `database`'s lock, returned once it holds it."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CHILD, str(database), stdout=asyncio.subprocess.PIPE
    )
    assert child.stdout is not None
    try:
        line = await asyncio.wait_for(child.stdout.readline(), timeout=30)
    except BaseException:
        child.kill()
        await child.wait()
        raise
    assert line == b"held\n"
    return child


async def dead_pid() -> int:
    """The pid of a process that has already exited."""
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await child.wait()
    return child.pid


async def test_a_second_holder_is_refused_and_told_the_first(tmp_path: Path) -> None:
    """While the lock is held, taking it again raises DatabaseInUse with the holder's label."""
    database = tmp_path / "bot.sqlite3"
    async with hold(database) as me:
        with pytest.raises(DatabaseInUse) as refused:
            async with hold(database):
                pytest.fail("the lock was taken twice")
    assert (refused.value.pid, refused.value.host, refused.value.since) == (
        os.getpid(),
        socket.gethostname(),
        me.since,
    )
    message = refused.value.message()
    assert len(message.splitlines()) == 1
    assert f"pid {os.getpid()} on {socket.gethostname()}, since {me.since}" in message
    assert str(database) in message and "DATABASE_PATH" in message


async def test_the_lock_is_released_on_exit(tmp_path: Path) -> None:
    """After the body ends, normally or by an exception, the next holder gets the lock."""
    database = tmp_path / "bot.sqlite3"
    async with hold(database):
        pass
    with pytest.raises(RuntimeError):
        async with hold(database):
            raise RuntimeError("the body failed")
    async with hold(database) as me:
        assert me.pid == os.getpid()


async def test_the_lock_file_stays_and_is_blank_after_a_clean_exit(tmp_path: Path) -> None:
    """The lock file is never deleted; a clean exit clears the label it held."""
    database = tmp_path / "bot.sqlite3"
    async with hold(database):
        assert lock_path(database).read_bytes() != b""
    assert lock_path(database) == tmp_path / "bot.sqlite3.lock"
    assert lock_path(database).read_bytes() == b""


async def test_the_label_is_pid_host_and_utc_start(tmp_path: Path) -> None:
    """The lock file holds one JSON line: this pid, this host, the start in ISO-8601 UTC."""
    database = tmp_path / "bot.sqlite3"
    async with hold(database):
        record = json.loads(lock_path(database).read_text())
    assert record["pid"] == os.getpid() and record["host"] == socket.gethostname()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["since"])
    since = datetime.strptime(record["since"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - since) < timedelta(minutes=1)


async def test_the_database_folder_is_created(tmp_path: Path) -> None:
    """A database in a folder that does not exist yet gets the folder and the lock beside it."""
    database = tmp_path / "data" / "nested" / "bot.sqlite3"
    async with hold(database):
        assert lock_path(database).is_file()


async def test_another_process_is_refused_and_a_killed_holder_blocks_nothing(
    tmp_path: Path,
) -> None:
    """A holder in another process is named; once it is SIGKILLed its lock file blocks nothing."""
    database = tmp_path / "bot.sqlite3"
    child = await start_holder(database)
    try:
        with pytest.raises(DatabaseInUse) as refused:
            async with hold(database):
                pytest.fail("the lock was taken from a live process")
        assert refused.value.pid == child.pid
        assert f"pid {child.pid} " in refused.value.message()
    finally:
        child.send_signal(signal.SIGKILL)
        await child.wait()
    # The dead holder's label is still there: nothing cleaned up after it but the kernel.
    assert Holder.decode(lock_path(database).read_bytes()) is not None
    async with hold(database) as me:
        assert Holder.decode(lock_path(database).read_bytes()) == me


async def test_a_label_naming_a_dead_process_is_not_reported(tmp_path: Path) -> None:
    """A lock held by something that wrote no label is refused unnamed, not as the dead pid."""
    database = tmp_path / "bot.sqlite3"
    stale = Holder(pid=await dead_pid(), host=socket.gethostname(), since="2026-01-01T00:00:00Z")
    lock_path(database).write_bytes(stale.encode())
    with lock_path(database).open("rb") as foreign:
        fcntl.flock(foreign, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(DatabaseInUse) as refused:
            async with hold(database, label_wait=0.1):
                pytest.fail("the lock was taken while another open file held it")
    assert refused.value.pid is None
    assert str(stale.pid) not in refused.value.message()
    assert str(lock_path(database)) in refused.value.message()


async def test_a_lock_file_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    """A database path under a regular file raises DatabaseLockFailed naming the lock file."""
    (tmp_path / "file").write_text("not a folder")
    database = tmp_path / "file" / "bot.sqlite3"
    with pytest.raises(DatabaseLockFailed) as failed:
        async with hold(database):
            pytest.fail("a lock was taken where no file can be")
    assert str(lock_path(database)) in failed.value.message()
    assert "DATABASE_PATH" in failed.value.message()
