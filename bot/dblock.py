"""One `sdxl-bot run` per SQLite database: an exclusive OS lock on `<DATABASE_PATH>.lock`.

Two bots on one database would both resume the same unfinished jobs and answer every
interaction twice. The lock is `flock(LOCK_EX | LOCK_NB)` on a file beside the database, so:
- the kernel releases it when the process ends in any way (SIGKILL and crashes included): a
  lock file left behind never blocks a new start, and there is nothing to clean up;
- the lock file is never deleted: a starter may have it open already, and a deleted file would
  let it lock an inode nobody else sees;
- the holder writes its pid, host name and start time into the file, so a refused process can
  name it. The file's content is only a label; the flock alone decides who holds the database.

flock locks belong to the open file, which this module opens non-inheritable: a child started
with exec does not keep the lock, but a child forked without exec would (the bot forks none).
POSIX only (`fcntl`): Windows is not a target. The database folder must be on a local file
system; flock over network file systems is emulated or absent.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from bot.errors import OperatorError

log = logging.getLogger(__name__)

# How long a refused starter keeps re-reading a label that is missing or names a dead process:
# a holder that just took the lock writes its label right after, and one that is exiting
# clears it just before unlocking. Only that race ever waits.
LABEL_WAIT: Final = 0.5
_LABEL_POLL: Final = 0.02
_LABEL_MAX_BYTES: Final = 4096


@dataclass(frozen=True, slots=True)
class Holder:
    """The process holding a database: what it wrote into the lock file."""

    pid: int
    host: str
    since: str  # ISO-8601, UTC

    @classmethod
    def this_process(cls) -> Holder:
        """The label of the calling process, started now."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return cls(pid=os.getpid(), host=socket.gethostname(), since=now)

    def encode(self) -> bytes:
        """One JSON line, as written into the lock file."""
        record = {"pid": self.pid, "host": self.host, "since": self.since}
        return (json.dumps(record) + "\n").encode()

    @classmethod
    def decode(cls, data: bytes) -> Holder | None:
        """The label in `data`, or None when it is empty or not one this module wrote."""
        try:
            record = json.loads(data.decode().splitlines()[0])
            holder = cls(pid=record["pid"], host=record["host"], since=record["since"])
        except (ValueError, IndexError, KeyError, TypeError):
            return None
        if not (isinstance(holder.pid, int) and isinstance(holder.host, str)):
            return None
        return holder if isinstance(holder.since, str) else None

    def is_gone(self) -> bool:
        """True only when the holder ran on this host and no such process exists any more."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, under another user
        return False


class DatabaseInUse(OperatorError):
    """Another process holds the database's lock; this one must not open it."""

    def __init__(self, database: Path, holder: Holder | None) -> None:
        self.database = database
        self.holder = holder
        # None when the holder left no readable label (not an sdxl-bot, or one too old).
        self.pid = holder.pid if holder is not None else None
        self.host = holder.host if holder is not None else None
        self.since = holder.since if holder is not None else None
        if holder is not None:
            who = f"another sdxl-bot (pid {holder.pid} on {holder.host}, since {holder.since})"
        else:
            who = f"another process (not named in {lock_path(database)})"
        super().__init__(
            f"{who} is running on {database}; stop it first,"
            " or give this one its own DATABASE_PATH",
        )


class DatabaseLockFailed(OperatorError):
    """The lock file cannot be created or locked (permissions, read-only or odd file system)."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        super().__init__(
            f"cannot lock {path} ({error.strerror or error}); DATABASE_PATH must be in a"
            " writable folder on a local file system",
        )


def lock_path(database: Path | str) -> Path:
    """The lock file of a database: `<database>.lock`, beside it."""
    return Path(f"{database}.lock")


@contextlib.asynccontextmanager
async def hold(database: Path | str, *, label_wait: float = LABEL_WAIT) -> AsyncIterator[Holder]:
    """Hold the database exclusively for the body; yield this process's label.

    Never waits for the lock: a held lock raises DatabaseInUse at once, naming the holder
    (re-reading for up to `label_wait` seconds only while its label is being written or
    cleared). Creates the database's folder if needed. Released on exit; after SIGKILL, by
    the kernel.
    """
    database = Path(database)
    path = lock_path(database)
    fd = _open(path)
    try:
        deadline = time.monotonic() + label_wait
        while not _try_lock(fd, path):
            holder = Holder.decode(os.pread(fd, _LABEL_MAX_BYTES, 0))
            if holder is not None and not holder.is_gone():
                raise DatabaseInUse(database, holder)
            if time.monotonic() >= deadline:
                raise DatabaseInUse(database, None)  # a label naming a dead process would mislead
            await asyncio.sleep(_LABEL_POLL)
        me = _label(fd, path)
        log.debug("Holding %s as pid %s", path, me.pid)
        try:
            yield me
        finally:
            # Cleared before unlocking, so a label left in the file names a dead holder.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    """The lock file, opened (created with its folder if needed) non-inheritable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise DatabaseLockFailed(path, error) from None


def _try_lock(fd: int, path: Path) -> bool:
    """True when this call took the lock; False when another open file holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            return False
        raise DatabaseLockFailed(path, error) from None
    return True


def _label(fd: int, path: Path) -> Holder:
    """Write this process's label into the held lock file, replacing any left by a dead one."""
    me = Holder.this_process()
    try:
        # Truncated only while held: a refused starter must never erase the holder's label.
        os.ftruncate(fd, 0)
        os.pwrite(fd, me.encode(), 0)
    except OSError as error:
        raise DatabaseLockFailed(path, error) from None
    return me
