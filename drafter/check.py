"""check_episode(): every check of an episode page in turn, the one call `drafter check` makes.

It sits beside drafter.pipeline (drafting), above the stages it uses: the page's text
(draft.findings), its links through the fetcher and page cache (fetch.link_status), the
other episodes (draft.episodes) and the host's Hugo (draft.hugo).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.config import Settings
from drafter.draft.episodes import covered_urls, episode_pages
from drafter.draft.findings import (
    Finding,
    body_findings,
    front_matter_findings,
    page_links,
    placeholder_title,
    repeat_findings,
)
from drafter.draft.hugo import hugo_findings
from drafter.draft.render import one_line
from drafter.errors import InputError
from drafter.fetch.link_status import link_statuses
from drafter.files import read_no_follow

if TYPE_CHECKING:
    import httpx


@dataclass(frozen=True)
class CheckRequest:
    """One `drafter check`: which episode of which site, and which checks besides reading."""

    site: Path
    settings: Settings
    number: int | None = None  # None: the latest episode
    links: bool = True  # fetch every link (False with --offline)
    hugo: str | None = None  # the hugo executable to build the site with (--hugo)


@dataclass(frozen=True)
class CheckReport:
    """The episode checked, its page, and what was found there, in line order (then what
    was found about the whole site)."""

    number: int
    path: Path
    findings: list[Finding]


def _episode_page(request: CheckRequest) -> tuple[int, Path]:
    section = request.settings.section
    pages = episode_pages(request.site, section)
    where = request.site / "content" / section
    if request.number is None:
        if not pages:
            raise InputError(f"there is no episode in {where} to check")
        return max(pages), pages[max(pages)]
    if request.number not in pages:
        raise InputError(f"there is no episode {request.number} in {where}")
    return request.number, pages[request.number]


def link_findings(
    text: str, settings: Settings, transport: httpx.AsyncBaseTransport | None = None
) -> list[Finding]:
    """Links that no longer answer, and links that now lead somewhere else. Only an article
    heading's own link is fetched as a bookmark; every other link, and where it redirects,
    must be at a public address (drafter.fetch.addresses)."""
    links = page_links(text)
    bookmarked = {link.url for link in links if link.bookmarked}
    urls = [link.url for link in links]
    statuses = link_statuses(urls, settings, bookmarked=bookmarked, transport=transport)
    found = []
    for link, status in zip(links, statuses, strict=True):
        if status.error is not None:
            message = f"{link.url} does not answer: {status.error}"
            found.append(Finding(link.line, "dead_link", message))
        elif status.moved_to is not None:
            message = f"{link.url} now redirects to {status.moved_to}"
            found.append(Finding(link.line, "redirect", message))
    return found


def check_episode(
    request: CheckRequest, *, transport: httpx.AsyncBaseTransport | None = None
) -> CheckReport:
    """Read the episode page and run every check the request asks for."""
    number, path = _episode_page(request)
    try:  # never through a symbolic link, as drafts are read for add
        text = read_no_follow(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    settings = request.settings
    covered = covered_urls(request.site, settings.section, number)
    findings = [
        *front_matter_findings(text, placeholder_title(settings.title_pattern)),
        *body_findings(text),
        *repeat_findings(text, covered),
    ]
    if request.links:
        findings += link_findings(text, settings, transport)
    if request.hugo is not None:
        findings += hugo_findings(request.hugo, request.site, path)
    # Messages quote the page and other programs: one line each, no control characters.
    shown = [replace(finding, message=one_line(finding.message)) for finding in findings]
    # In line order; the findings about the whole site (no line) last.
    in_order = sorted(shown, key=lambda finding: (finding.line is None, finding.line or 0))
    return CheckReport(number, path, in_order)
