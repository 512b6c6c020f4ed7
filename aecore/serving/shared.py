"""One instance per process, made on first use: the job manager and the projection worker.

Both are background machinery that every browser session of the app shares; neither may start
on import (importing a page's strings must start nothing), so each module exposes a
``ProcessWide`` getter instead of a module-level instance.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ProcessWide(Generic[T]):
    """``get()`` (or calling it) returns the one ``make()`` of this process, made under a lock on first use.

    ``instance`` is None until then (tests read it, or set it to a stand-in).
    """

    def __init__(self, make: Callable[[], T]):
        self.make = make
        self.instance: T | None = None
        self._lock = threading.Lock()

    def __call__(self) -> T:
        with self._lock:
            if self.instance is None:
                self.instance = self.make()
            return self.instance
