"""The run's deadline in one event loop: what it stops, what it keeps, and 0 for none.
(tests/test_budget.py runs it through the CLI against hanging pages.)"""

from __future__ import annotations

import asyncio

from drafter.fetch.deadline import RunDeadline
from drafter.models import Article, Bookmark

GOOD = Article(url="https://a.example/read", title="Read", lead="A lead.")
FAILED = Article(url="https://b.example/shell", error="no lead paragraph found")


async def hang() -> None:
    await asyncio.Event().wait()


async def done() -> None:
    return None


def run(
    deadline: RunDeadline, bookmarks: list[Bookmark], *, static: list[Article]
) -> list[Article]:
    """Each bookmark's work (done at once for a /quick URL, else never) within `deadline`;
    the articles it stopped."""

    async def main() -> list[Article]:
        async with deadline.bound(), asyncio.TaskGroup() as group:
            for article in static:
                deadline.reading(article)
            for bookmark in bookmarks:
                work = done() if bookmark.url.endswith("/quick") else hang()
                group.create_task(deadline.watch(bookmark, work))
            deadline.start()
        return deadline.cut_off()

    return asyncio.run(main())


def test_what_is_left_is_stopped_and_says_so() -> None:
    deadline = RunDeadline(0.05)
    bookmarks = [
        Bookmark(url="https://c.example/quick"),
        Bookmark(url="https://c.example/hangs", note="my note"),
        Bookmark(url=GOOD.url),
        Bookmark(url=FAILED.url),
    ]
    stopped = run(deadline, bookmarks, static=[GOOD, FAILED])
    assert deadline.passed
    by_url = {article.url: article for article in stopped}
    assert set(by_url) == {"https://c.example/hangs", GOOD.url, FAILED.url}  # not the quick one
    reason = "stopped at the run's deadline (0.05s, --deadline)"
    hung = by_url["https://c.example/hangs"]
    assert hung.error == reason and hung.note == "my note"
    # In the browser when it passed: a static reading that read is kept, the render marked.
    kept = by_url[GOOD.url]
    assert kept.ok and kept.title == "Read" and kept.provenance["render"] == f"failed: {reason}"
    assert by_url[FAILED.url].error == reason


def test_no_deadline_stops_nothing() -> None:
    deadline = RunDeadline(0)
    assert run(deadline, [Bookmark(url="https://c.example/quick")], static=[]) == []
    assert not deadline.passed
