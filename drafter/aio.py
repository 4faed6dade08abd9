"""Async helpers shared by fetching and browser rendering."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Iterable
from typing import TypeVar

T = TypeVar("T")


async def as_they_finish(jobs: Iterable[Awaitable[T]]) -> AsyncIterator[T]:
    """Run every job at once and yield each result as it finishes; leaving early (or being
    cancelled) cancels the jobs still running and waits for them, so none outlives the loop."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        for next_done in asyncio.as_completed(tasks):
            yield await next_done
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
