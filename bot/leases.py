"""Job leases: one process runs a job at a time, and a dead process's jobs are taken over.

A job is claimed by its runner when accepted or adopted (`owner`, `lease_until` on its row),
and the runner renews the leases of all its unfinished jobs every third of JOB_LEASE_SECONDS.
A claim is one guarded UPDATE: it applies only while the job is unfinished, not this
process's own, and unowned or its lease has run out, so two processes never both hold a job.
A runner whose renewal no longer returns a job it holds has lost it (it was too slow to
renew, and another took it over): it stops that job without recording anything, and so it
does with every job once no renewal succeeded for a whole lease. A clean stop releases the
leases, so another process takes the jobs over at once.

On SQLite one process holds the database (bot.dblock): leases are `exclusive`, a claim always
applies, and a restart resumes the earlier run's jobs at once.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from typing import Final

from bot.lifecycle import UNFINISHED_STATES
from bot.store import Store

log = logging.getLogger(__name__)

_UNFINISHED: Final = {f"state{n}": state.value for n, state in enumerate(UNFINISHED_STATES)}
_IN_UNFINISHED: Final = ", ".join(f":{name}" for name in _UNFINISHED)
# Never this process's own jobs: it holds them in memory (a row it just recorded, one it is
# delivering); taking them again would run them twice.
_NOT_OURS: Final = " AND (owner IS NULL OR owner <> :me)"
_FREE: Final = " AND (owner IS NULL OR lease_until < :now)"


def new_owner() -> str:
    """This process's name in `jobs.owner`: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class Leases:
    """The claims of one runner on its jobs."""

    def __init__(
        self,
        store: Store,
        *,
        seconds: float,
        exclusive: bool,
        owner: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.owner = owner or new_owner()
        self.seconds = seconds
        self._store = store
        self._exclusive = exclusive
        self._clock = clock

    @property
    def shared(self) -> bool:
        """Whether other processes may run jobs of this database (PostgreSQL)."""
        return not self._exclusive

    def columns(self) -> dict[str, object]:
        """The columns a new job is recorded with: claimed by this process."""
        return {"owner": self.owner, "lease_until": self._clock() + self.seconds}

    async def claim(self, job_id: str) -> bool:
        """Take an unfinished job whose lease is free or ran out; whether it is ours now."""
        now = self._clock()
        free = _NOT_OURS + ("" if self._exclusive else _FREE)
        rows = await self._store.write(
            "UPDATE jobs SET owner = :me, lease_until = :until"  # noqa: S608 - constant parts
            f" WHERE id = :id AND state IN ({_IN_UNFINISHED}){free} RETURNING id",
            {
                "me": self.owner,
                "until": now + self.seconds,
                "now": now,
                "id": job_id,
                **_UNFINISHED,
            },
        )
        return bool(rows)

    async def release(self) -> None:
        """Shutdown: let every unfinished job of this process be taken over at once."""
        await self._store.write(
            "UPDATE jobs SET lease_until = 0"  # noqa: S608 - constant parts
            f" WHERE owner = :me AND state IN ({_IN_UNFINISHED})",
            {"me": self.owner, **_UNFINISHED},
        )

    async def renew(self) -> set[str]:
        """Extend the leases of every unfinished job this process holds; their ids."""
        rows = await self._store.write(
            "UPDATE jobs SET lease_until = :until"  # noqa: S608 - constant parts
            f" WHERE owner = :me AND state IN ({_IN_UNFINISHED}) RETURNING id",
            {"me": self.owner, "until": self._clock() + self.seconds, **_UNFINISHED},
        )
        return {str(row[0]) for row in rows}
