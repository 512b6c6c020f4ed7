"""The interface every engine implements (see the package docstring for the three engines)."""

from __future__ import annotations

import os
from collections.abc import Callable


class Engine:
    """What the job manager needs of an engine."""

    name = ""
    elastic = False  # its capacity can change while the app runs (Ray nodes join and leave)

    def capacity(self) -> int:
        """Jobs it can train at once without making each other slower."""
        return os.cpu_count() or 1

    def start(self, job_id: str, spec, send: Callable[[dict], None], threads: int, options):
        """Begin training ``spec`` (a ``FitSpec``); returns a runner with ``command(name, **kw)`` and ``pid``."""
        raise NotImplementedError

    def shutdown(self) -> None:
        pass
