"""Per-file work spread over processes, for cold runs on large registers (issue 12).

Parsing a file and checking it alone depend on that file's bytes and nothing else, so a cold
`validate` of thousands of files can use every core. This module owns the worker pool: the
loader and `validate` hand it a top-level function and its items, and get the results back in
order, exactly as running them here would give. Workers receive and return plain data (bytes,
records, problems), so it works wherever processes are started afresh (Windows' spawn) as well
as forked.

Nothing runs elsewhere unless the caller asks (`jobs`, which the CLI sets from `--jobs` or
`JIEBANG_JOBS`), nor for fewer than `MIN_ITEMS` items, where starting workers and sending them
the data costs more than it saves. A pool that cannot start (no semaphores, no new processes in
a locked-down environment) means the work is done here: slower, never different.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# Below this many files to parse or check, in-process is as fast: a file takes ~3 ms to read and
# check, a forked worker ~0.01 s to start, a spawned one (Windows) ~0.25 s, so two spawned workers
# break even near 200 (benchmarks/RESULTS.md, "Parallel cold validate").
MIN_ITEMS = 200
_MAX_WORKERS = 61  # the most a process pool may have on Windows
_CHUNKS_PER_WORKER = 4  # a few chunks each: even load, little pickling overhead per item
# A pool that cannot start or broke: no semaphores or processes (OSError, ImportError), none on this
# platform (NotImplementedError), a worker that died (BrokenProcessPool): all RuntimeErrors but the first two.
_ERRORS_OF_A_POOL = (OSError, ImportError, RuntimeError)

_jobs = 1
_pool: ProcessPoolExecutor | None = None
_broken = False


@contextlib.contextmanager
def jobs(count: int) -> Iterator[None]:
    """Inside, spread large batches over up to `count` processes (1: everything here, as outside).

    One pool serves every batch inside (loading, then checking) and is shut down on leaving.
    """
    global _jobs, _pool, _broken
    before = _jobs
    _jobs, _broken = max(1, count), False
    try:
        yield
    finally:
        if _pool is not None:
            _pool.shutdown(cancel_futures=True)
        _jobs, _pool, _broken = before, None, False


def map_in_order(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[function(item) for item in items]`, in worker processes when it pays.

    `function` must be picklable by reference (a module's top-level function, or a
    `functools.partial` of one with picklable arguments), as must every item and result.
    """
    if spreads(len(items)):
        workers = min(_jobs, _MAX_WORKERS, len(items))
        try:
            pool = _started(workers)
            return list(pool.map(function, items, chunksize=-(-len(items) // (workers * _CHUNKS_PER_WORKER))))
        except _ERRORS_OF_A_POOL:  # includes BrokenProcessPool
            _give_up()
    return [function(item) for item in items]


def spreads(count: int) -> bool:
    """Whether a batch of `count` items would go to worker processes now."""
    return _jobs > 1 and count >= MIN_ITEMS and not _broken


def _started(workers: int) -> ProcessPoolExecutor:
    global _pool  # noqa: PLW0603
    if _pool is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if multiprocessing.current_process().daemon:  # jiebang run inside a pool's worker: it may start none
            raise OSError("a daemonic process cannot start processes")
        _pool = ProcessPoolExecutor(workers)
    return _pool


def _give_up() -> None:
    """The pool failed: the rest of this run is done here (the batch is redone in full)."""
    global _pool, _broken
    if _pool is not None:
        with contextlib.suppress(*_ERRORS_OF_A_POOL):
            _pool.shutdown(wait=False, cancel_futures=True)
    _pool, _broken = None, True
