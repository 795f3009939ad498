"""How factcheck starts the worker processes that share out a large run."""

from __future__ import annotations

import multiprocessing
from typing import Any

__all__ = ["fork_server_context"]


def fork_server_context() -> Any:
    """Return the fork-server start method where the platform has it, else the platform's default.

    A worker started by a fork server holds only what it is sent: forked from
    a process holding a corpus, it would map (and count in its RSS) all of it.
    """
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
