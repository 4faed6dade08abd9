"""The extraction workers: processes that read one page each at a time, under a deadline.

concurrent.futures' process pool cannot stop one job: a page whose parse never ends holds
its worker for ever, and killing that worker breaks the whole pool. Here each worker has its
own pipe, so the job that overruns its deadline is known by its worker: that process is
killed, a fresh one takes its place (forked from the forkserver, which already holds the
extractor, in milliseconds), and the other pages go on.

The workers come from a forkserver that preloads the extractor (drafter.extract.worker says
why). It is started with SIGINT blocked, and so are the workers forked from it: a Ctrl-C at
the terminal reaches the whole process group, and only the drafter process itself handles
it, also while the forkserver is still importing the extractor.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from drafter.extract.worker import serve

PRELOAD = ["drafter.extract.article", "drafter.extract.worker"]
KILL_WAIT = 5.0  # seconds to reap a killed worker


class ExtractionTimeout(Exception):
    """A job ran past its deadline; its worker was killed and replaced."""


class WorkerLost(Exception):
    """A worker died during a job (killed from outside, a crash); it was replaced."""


class ExtractionOutOfMemory(WorkerLost):
    """A job reached the worker's memory ceiling; the worker exited and was replaced."""


class _Worker:
    def __init__(self, context: ForkServerContext) -> None:
        ours, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve, args=(theirs, os.getpid()), daemon=True
        )
        self.process.start()
        theirs.close()
        self.connection: Connection = ours

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.connection.close()

    def reap(self) -> None:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            self.process.join(KILL_WAIT)


def _forkserver_context() -> ForkServerContext:
    import multiprocessing  # noqa: PLC0415 (only a run with pages to parse pays for it)

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


class ExtractionPool:
    """`workers` processes; `await run(job, deadline)` runs a picklable job in an idle one."""

    def __init__(self, workers: int) -> None:
        self._context = _forkserver_context()
        # The forkserver inherits this thread's signal mask, and its workers inherit its.
        # Starting the resource tracker unblocks SIGINT when done, so it goes first.
        from multiprocessing import resource_tracker  # noqa: PLC0415

        resource_tracker.ensure_running()
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._workers = [_Worker(self._context) for _ in range(workers)]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        self._idle: asyncio.Queue[_Worker] | None = None
        self._closed = False

    @property
    def pids(self) -> list[int]:
        """The worker processes now running."""
        return [worker.process.pid for worker in self._workers if worker.process.pid]

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:  # made in the event loop that uses it
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def run(self, job: Callable[[], Any], deadline: float) -> Any:
        """The job's result, from a worker; ExtractionTimeout after `deadline` seconds of
        running (waiting for a worker does not count), ExtractionOutOfMemory when it reached
        the worker's memory ceiling, WorkerLost if its worker died or the job raised."""
        idle = self._queue()
        worker = await idle.get()
        replace = True
        try:
            await asyncio.to_thread(worker.connection.send, job)
            async with asyncio.timeout(deadline):
                await _readable(worker.connection)
            kind, value = worker.connection.recv()
            replace = kind == "memory"  # that worker is exiting: a fresh one takes its place
        except asyncio.CancelledError:  # the run is ending: no replacement
            worker.kill()
            self._forget(worker)
            replace = False
            raise
        except TimeoutError as exc:
            raise ExtractionTimeout(f"took longer than {deadline:g}s") from exc
        except (EOFError, OSError) as exc:
            raise WorkerLost("the extraction worker died") from exc
        except Exception as exc:  # the job could not be sent or read: never the run's end
            raise WorkerLost(f"{type(exc).__name__}: {exc}") from exc
        finally:
            if replace:
                await self._replace(worker, idle)
            elif worker in self._workers:
                idle.put_nowait(worker)
        if kind == "memory":
            raise ExtractionOutOfMemory(value)
        if kind != "ok":
            raise WorkerLost(value)
        return value

    def _forget(self, worker: _Worker) -> None:
        if worker in self._workers:  # shutdown() may have let go of it already
            self._workers.remove(worker)

    async def _replace(self, worker: _Worker, idle: asyncio.Queue[_Worker]) -> None:
        worker.kill()
        self._forget(worker)
        if self._closed:
            return
        try:
            fresh = await asyncio.to_thread(_Worker, self._context)
        except (OSError, asyncio.CancelledError):  # no more processes, or the run is ending
            await asyncio.to_thread(worker.reap)
            return
        await asyncio.to_thread(worker.reap)
        self._workers.append(fresh)
        idle.put_nowait(fresh)

    def shutdown(self) -> None:
        """Stop every worker at once; a job still running is lost with it."""
        self._closed = True
        for worker in self._workers:
            worker.kill()
        for worker in self._workers:
            worker.reap()
        self._workers.clear()


async def _readable(connection: Connection) -> None:
    """Wait until the worker has written its answer (or died: EOF is readable too)."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    descriptor = connection.fileno()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(descriptor, wake)
    try:
        await ready
    finally:
        loop.remove_reader(descriptor)
