"""What a run tells people (the summary on stderr) and scripts (the --json report on stdout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.cleantext import strip_controls
from drafter.models import Article, Bookmark, LeftMark, SkippedLine
from drafter.urls import host_of, redact_url


def article_json(article: Article) -> dict[str, Any]:
    """One article of the --json report; credentials in URLs are never written."""
    return {
        "url": redact_url(article.url),
        "final_url": redact_url(article.final_url) if article.final_url else None,
        "title": article.title,
        "source": article.source,
        "lead": article.lead,
        "ok": article.ok,
        "error": strip_controls(article.error) if article.error else None,
        "elapsed": round(article.elapsed, 3),
        "provenance": article.provenance,
        "rendered": article.rendered,
    }


def report_json(
    number: int,
    path: Path | None,
    articles: list[Article],
    *,
    backup: Path | None = None,
    skipped: list[SkippedLine] | None = None,
) -> dict[str, Any]:
    """The whole --json report."""
    return {
        "episode": number,
        "path": str(path) if path is not None else None,
        "backup": str(backup) if backup is not None else None,
        "articles": [article_json(article) for article in articles],
        "skipped_lines": [
            {"line": line.line, "text": line.text, "reason": line.reason}
            for line in (skipped or [])
        ],
    }


def left_out_json(left_out: list[tuple[Bookmark, str]]) -> list[dict[str, str]]:
    """`left_out` of the --json report: each bookmark drafting left out, and why."""
    return [{"url": redact_url(bookmark.url), "reason": why} for bookmark, why in left_out]


def article_line(article: Article) -> str:
    """One line per URL for -v: status, elapsed, URL, title or error."""
    status = "ok  " if article.ok else "FAIL"
    detail = article.title or "" if article.ok else article.error or ""
    if article.rendered:
        detail += " (rendered)"
    return f"{status} {article.elapsed:5.1f}s {redact_url(article.url)}  {detail}{_origin(article)}"


def _origin(article: Article) -> str:
    """Where the title and lead came from and how the page was decoded, for -v."""
    origin = article.provenance
    parts = []
    if origin.get("title_from"):
        parts.append(f"title: {origin['title_from']}")
    if origin.get("lead_from"):
        parts.append(f"lead: {origin['lead_from']}")
    if origin.get("source_from"):
        parts.append(f"label: {origin['source_from']}")
    if origin.get("charset"):
        parts.append(f"charset: {origin['charset']} ({origin.get('charset_from') or '?'})")
    if origin.get("blocked"):
        parts.append(f"blocked: {origin['blocked']}")
    if origin.get("cache"):  # read from the page cache, as is or after a 304
        parts.append("cached" if origin["cache"] == "cache" else f"cached, {origin['cache']}")
    return f"  [{'; '.join(parts)}]" if parts else ""


def summary_lines(articles: list[Article], path: Path | None) -> list[str]:
    """The closing summary: how many, how many failed and why, and where the draft went."""
    failed = [article for article in articles if not article.ok]
    where = f" → {path}" if path is not None else ""
    head = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
    if failed:
        head += f", {len(failed)} failed"
    if rendered := sum(article.rendered for article in articles):
        head += f", {rendered} rendered in a browser"
    lines = [f"drafted {head}{where}"]
    lines += failure_lines(failed)
    lines += [f"  rendered: {redact_url(article.url)}" for article in articles if article.rendered]
    return lines


def failure_lines(failed: list[Article]) -> list[str]:
    """One line per failure, but one line for each reason several articles share."""
    by_reason: dict[str, list[Article]] = {}
    for article in failed:
        by_reason.setdefault(article.error or "", []).append(article)
    lines = []
    for reason, group in by_reason.items():
        if len(group) == 1:
            lines.append(f"  failed: {redact_url(group[0].url)} — {reason}")
        else:
            lines.append(f"  failed: {reason} — {len(group)} articles")
    return lines


def no_network_message(articles: list[Article]) -> str | None:
    """The one-line diagnosis when not one of two or more hosts could be reached: that is the
    network (or the proxy), not the pages. One dead host alone says nothing about the network."""
    hosts = {host_of(article.url) for article in articles}
    if len(hosts) < 2 or not all(article.unreachable for article in articles):
        return None
    return (
        f"no network: none of {len(hosts)} hosts could be reached — check the connection, "
        "HTTPS_PROXY, or use --offline for cached pages"
    )


def render_warning(articles: list[Article]) -> str | None:
    """One line when pages needed a browser that could not be had, saying how many and why."""
    reasons = [
        how.removeprefix("unavailable: ")
        for article in articles
        if (how := article.provenance.get("render")) and how.startswith("unavailable: ")
    ]
    if not reasons:
        return None
    plural = "s" if len(reasons) != 1 else ""
    return f"warning: rendering was unavailable for {len(reasons)} article{plural}: {reasons[0]}"


def render_failure_warning(articles: list[Article]) -> str | None:
    """One line when the browser could not render pages, so each kept its page as fetched:
    how many, and why (a browser that cannot trust the proxy's CA says so here, not only in
    --json's provenance)."""
    reasons = [
        how.removeprefix("failed: ")
        for article in articles
        if (how := article.provenance.get("render")) and how.startswith("failed: ")
    ]
    if not reasons:
        return None
    which = (
        f"{len(reasons)} articles, so their pages as fetched were used"
        if len(reasons) != 1
        else "1 article, so its page as fetched was used"
    )
    return f"warning: the browser could not render {which}: {reasons[0]}"


def retry_json(articles: list[Article], retried: list[str]) -> list[dict[str, str | None]]:
    """`failed_again` of drafter add's --json: the marked articles that still fail, and why."""
    again = set(retried)
    failed = [article for article in articles if not article.ok and article.url in again]
    return [{"url": redact_url(article.url), "error": article.error} for article in failed]


def retry_lines(
    filled_in: list[str], failed_again: list[Article], path: Path | None = None
) -> list[str]:
    """drafter add's summary of the marked articles it fetched again (`path` when no other
    line said where the draft is)."""
    lines = []
    if filled_in or failed_again:
        where = f" → {path}" if path is not None else ""
        lines.append(
            f"filled in {len(filled_in)} of the {len(filled_in) + len(failed_again)} "
            f"articles marked as failed{where}"
        )
    lines += [f"  filled in: {redact_url(url)}" for url in filled_in]
    lines += [f"  failed again: {redact_url(a.url)} — {a.error}" for a in failed_again]
    return lines


def left_mark_lines(marks: list[LeftMark], path: Path | None) -> list[str]:
    """drafter add's warning for each failure mark it cannot fill in, at its line."""
    where = f"{path}:" if path is not None else "line "
    lines = []
    for mark in marks:
        about = f" of {redact_url(mark.url)}" if mark.url else ""
        lines.append(
            f"warning: {where}{mark.line}: drafter's failure mark{about} was not filled in: "
            f"{mark.reason}; finish it by hand"
        )
    return lines


def left_marks_json(marks: list[LeftMark]) -> list[dict[str, Any]]:
    """`not_filled` of drafter add's --json: the marks it cannot fill in, and why."""
    return [
        {
            "line": mark.line,
            "url": redact_url(mark.url) if mark.url else None,
            "reason": mark.reason,
        }
        for mark in marks
    ]
