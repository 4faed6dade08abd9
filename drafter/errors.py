"""Errors that end a whole run, each with a message written for a person.

    DrafterError                 exit 1 unless a subclass says otherwise
    ├── InputError               exit 2: unreadable bookmarks, no usable URL, bad option value
    ├── DraftExistsError         exit 1: the draft is there and --force was not given
    ├── DraftMissingError        exit 1: `drafter add` found no draft to add to
    ├── WriteError               exit 1: the draft (or its backup) could not be written
    ├── LockedError              exit 1: another run is writing this episode
    └── NothingFetchedError      exit 1: every article failed, so nothing was written

Per-URL failures are never raised: they travel as values (FetchResult.error, Article.error).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.models import Article, Bookmark, LeftMark


class DrafterError(Exception):
    """A whole-run failure; `exit_code` is what the CLI exits with."""

    exit_code = 1


class InputError(DrafterError):
    exit_code = 2


class DraftExistsError(DrafterError):
    pass


class DraftMissingError(DrafterError):
    pass


class WriteError(DrafterError):
    pass


class LockedError(DrafterError):
    pass


class NothingFetchedError(DrafterError):
    def __init__(
        self,
        message: str,
        articles: Sequence[Article] = (),
        retried: Sequence[str] = (),
        left_out: Sequence[tuple[Bookmark, str]] = (),
        left_marks: Sequence[LeftMark] = (),
    ) -> None:
        super().__init__(message)
        self.articles = list(articles)
        self.retried = list(retried)  # drafter add: the marked articles fetched again
        self.left_out = list(left_out)  # the bookmarks left out, with why, as a report says
        self.left_marks = list(left_marks)  # drafter add: failure marks it cannot fill in
