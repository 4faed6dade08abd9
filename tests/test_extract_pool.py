"""The extraction pool: a job past its deadline costs only its own worker."""

from __future__ import annotations

import asyncio
import functools
import os
import time

import pytest

from drafter.extract.pool import ExtractionPool, ExtractionTimeout


def test_a_job_past_its_deadline_is_killed_and_its_worker_replaced() -> None:
    pool = ExtractionPool(2)
    try:
        before = set(pool.pids)

        async def scenario() -> tuple[float, int, int]:
            hang = pool.run(functools.partial(time.sleep, 60), 1.0)
            other = pool.run(functools.partial(time.sleep, 0.5), 10.0)
            started = time.monotonic()
            results = await asyncio.gather(hang, other, return_exceptions=True)
            took = time.monotonic() - started
            assert isinstance(results[0], ExtractionTimeout)
            assert results[1] is None  # the page beside it was read undisturbed
            # Both workers still serve: two jobs at once, on two processes.
            pids = await asyncio.gather(pool.run(os.getpid, 10.0), pool.run(os.getpid, 10.0))
            return took, pids[0], pids[1]

        took, first, second = asyncio.run(scenario())
        assert took < 5
        assert len(pool.pids) == 2
        assert len(before - set(pool.pids)) == 1  # exactly one worker was replaced
        assert {first, second} == set(pool.pids) or first == second
    finally:
        pool.shutdown()
    assert pool.pids == []


def test_a_killed_worker_is_reported_and_replaced() -> None:
    from drafter.extract.pool import WorkerLost

    pool = ExtractionPool(1)
    try:

        async def scenario() -> int:
            with pytest.raises(WorkerLost):
                await pool.run(functools.partial(os._exit, 3), 10.0)
            return int(await pool.run(os.getpid, 10.0))

        assert asyncio.run(scenario()) in pool.pids
    finally:
        pool.shutdown()


def parse_unbounded(page: str) -> int:
    """lexbor on a page as it is (no pre-scan): its failed allocations are not raised."""
    from selectolax.lexbor import LexborHTMLParser

    return len(LexborHTMLParser(page).html or "")


@pytest.mark.parametrize(
    "job",
    [
        functools.partial(bytearray, 1 << 30),  # Python's MemoryError
        functools.partial(  # issue 19's page, handed to lexbor unbounded
            parse_unbounded, "<p>" + "".join(f"<b id={n}>" for n in range(500)) + "<p>x" * 40_000
        ),
    ],
    ids=["python", "lexbor"],
)
def test_a_job_past_the_memory_ceiling_is_reported_and_its_worker_replaced(
    job: functools.partial[object],
) -> None:
    from drafter.extract.pool import ExtractionOutOfMemory
    from drafter.memory import PARSER_DATA_LIMIT_MIB

    pool = ExtractionPool(1)
    try:
        before = set(pool.pids)

        async def scenario() -> int:
            with pytest.raises(ExtractionOutOfMemory, match=f"{PARSER_DATA_LIMIT_MIB} MB"):
                await pool.run(job, 30.0)
            return int(await pool.run(os.getpid, 10.0))

        assert asyncio.run(scenario()) in pool.pids
        assert not before & set(pool.pids)
    finally:
        pool.shutdown()
