"""Work done beside the main line: in a forked child, on another processor, while the parent
goes on — the walk of records/ while the cache's packs are read (`load_project`), the
cross-record checks while the rules are judged (`check`).

The work only reads what the parent holds (the loaded records, for the checks), which a
forked child shares with it without copying. The child sends back its result, pickled
through a pipe; anything amiss (no fork on this system, one processor, threads running, the
child failing or dying) and the work is simply done in this process, where an error shows
as it always would. The result is the same either way: the work is a pure function of what
it reads.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def beside(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work`; the function returned gives its result (waiting for it if need be)."""
    if not _forking_pays():
        return work
    try:
        reading, writing = os.pipe()
        child = os.fork()
    except OSError:
        return work
    if child == 0:  # pragma: no cover - the child's lines run in a process coverage misses
        _serve(work, reading, writing)
    os.close(writing)
    return lambda: _collect(work, child, reading)


def _forking_pays() -> bool:
    """Whether a child can run beside this process: a fork without threads (a thread holding
    a lock at the fork would leave the child stuck) and a second processor to run it on."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        processors = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        processors = os.cpu_count() or 1
    return processors > 1


def _serve(work: Callable[[], T], reading: int, writing: int) -> None:  # pragma: no cover
    """The child: do the work, send its result (or nothing, if it failed) and leave at once —
    no exit handlers, no flushing of the parent's buffers a second time."""
    os.close(reading)
    try:
        payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the parent does the work again and shows the error
        payload = b""
    try:
        with os.fdopen(writing, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(0)


def _collect(work: Callable[[], T], child: int, reading: int) -> T:
    """The child's result; the work done here if the child sent none."""
    with os.fdopen(reading, "rb") as stream:
        payload = stream.read()  # to the end: the child has written all and closed its end
    _, status = os.waitpid(child, 0)
    if payload and os.waitstatus_to_exitcode(status) == 0:
        result: T = pickle.loads(payload)  # from our own child, through our own pipe
        return result
    return work()
