"""Which process is this, and is the process that started a run still alive?

A run records the host, pid and start time of the process that runs it. A later start
compares them with the live processes of the host: a pid that is gone, or that now belongs
to a process started later (pid reuse, a container restarted as pid 1), means the run's
process died (a crash, ``kill -9``, a power loss) and the run will never finish by itself.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

import psutil

__all__ = ["ProcessIdentity", "current", "is_alive"]

#: two readings of one process's start time differ by less than this (clock ticks, rounding)
_START_TOLERANCE_S = 1.0


@dataclass(frozen=True)
class ProcessIdentity:
    """Host name, pid and start time (seconds since the epoch) of one process."""

    host: str
    pid: int
    started: float


def current() -> ProcessIdentity:
    """This process."""
    pid = os.getpid()
    return ProcessIdentity(socket.gethostname(), pid, psutil.Process(pid).create_time())


def is_alive(identity: ProcessIdentity) -> bool | None:
    """True if the process still runs, False if it has ended, None if it ran on another host."""
    if identity.host != socket.gethostname():
        return None
    try:
        process = psutil.Process(identity.pid)
        started = process.create_time()
        if process.status() == psutil.STATUS_ZOMBIE:  # ended, not yet reaped by its parent
            return False
    except (psutil.NoSuchProcess, psutil.ZombieProcess):
        return False
    except psutil.AccessDenied:  # it exists, and we may not look closer: assume it is the one
        return True
    return abs(started - identity.started) < _START_TOLERANCE_S
