"""The frozen values passed between stages: bookmarks → fetched pages → extracted → articles."""

from __future__ import annotations

from dataclasses import dataclass, field

# How drafter.fetch.client begins the error of a page whose host was never reached (its name
# did not resolve, or nothing answered on its port): the summary tells these apart.
UNREACHABLE_ERRORS = ("could not connect", "timed out connecting")


@dataclass(frozen=True)
class Bookmark:
    """One usable line of the host's bookmarks."""

    url: str  # normalised: the URL the draft links to
    note: str | None = None  # the host's own words after the URL, kept as the first bullet
    line: int = 0  # 1-based line number in the source, 0 when not from a file


@dataclass(frozen=True)
class SkippedLine:
    """A bookmarks line that held no usable URL, reported as a warning."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class FetchResult:
    """What fetching one URL gave: a body, or an error saying why not. Never raised."""

    url: str
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes | None = None
    error: str | None = None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None


@dataclass(frozen=True)
class Extracted:
    """What extraction read from one page, with where each part came from."""

    title: str | None
    source: str | None  # the label shown in full-width brackets, or None
    lead: str | None
    blocked: str | None = None  # why the page looks like a wall, not an article
    title_from: str | None = None  # e.g. "profile", "og:title", "h1", "title tag"
    lead_from: str | None = None  # e.g. "profile", "body paragraph", "description"
    source_from: str | None = None  # e.g. "profile", "og_site_name+title_last (…)"
    charset: str | None = None
    charset_from: str | None = None  # e.g. "header", "bom", "meta", "detected"


@dataclass(frozen=True)
class Article:
    """One section of the draft: the bookmark and what became of it."""

    url: str
    note: str | None = None
    final_url: str | None = None
    title: str | None = None
    source: str | None = None
    lead: str | None = None
    error: str | None = None
    elapsed: float = 0.0
    provenance: dict[str, str | None] = field(default_factory=dict)
    rendered: bool = False  # title and lead come from the page as a browser built it

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def unreachable(self) -> bool:
        """The article failed before its host answered at all."""
        return self.error is not None and self.error.startswith(UNREACHABLE_ERRORS)


@dataclass(frozen=True)
class LeftMark:
    """A failure mark in a draft that `drafter add` cannot fill in, and why (the host changed
    it, continued it, or it stands under no article heading): the host finishes it by hand."""

    line: int  # 1-based line number of the mark
    url: str | None  # the article of its section, when the heading links one
    reason: str
