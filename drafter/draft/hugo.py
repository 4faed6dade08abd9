"""`drafter check --hugo`: build the site with the host's own Hugo, its output in a temporary
folder (the site's public/ is never touched), and keep the errors Hugo reports for the page.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from drafter.draft.findings import Finding
from drafter.draft.render import one_line

HUGO_TIMEOUT = 300.0  # seconds; a large site with image processing can take minutes
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_ERROR = re.compile(r"\berror\b", re.IGNORECASE)
_MESSAGE_MAX = 300


def hugo_command(hugo: str, site: Path, scratch: Path) -> list[str]:
    """Build drafts and future pages too: the episode is usually both before it goes out."""
    return [
        hugo,
        "--source", str(site),
        "--destination", str(scratch / "public"),
        "--cacheDir", str(scratch / "cache"),
        "--buildDrafts",
        "--buildFuture",
    ]  # fmt: skip


def _page_line(line: str, page_name: str) -> int | None:
    """The line number Hugo gives after the page's path (`index.md:12:3`), or None."""
    match = re.search(re.escape(page_name) + r"\"?:(\d+)", line)
    return int(match.group(1)) if match else None


def hugo_findings(
    hugo: str, site: Path, page: Path, *, timeout: float = HUGO_TIMEOUT
) -> list[Finding]:
    """Hugo's errors that name `page` (a page inside `site`); when the build fails without
    naming it, one finding saying that the site does not build, with Hugo's first error."""
    page_name = page.resolve().relative_to(site.resolve()).as_posix()
    with tempfile.TemporaryDirectory(prefix="drafter-hugo-") as scratch:
        try:
            build = subprocess.run(
                hugo_command(hugo, site, Path(scratch)),
                cwd=scratch,
                capture_output=True,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return [Finding(1, "hugo", f"hugo did not finish building within {timeout:g}s")]
        except OSError as exc:
            return [Finding(1, "hugo", f"cannot run {hugo}: {exc.strerror or exc}")]
    output = (build.stdout + b"\n" + build.stderr).decode("utf-8", "replace")
    lines = [one_line(_ANSI.sub("", line)) for line in output.splitlines()]
    errors = [line for line in lines if _ERROR.search(line)]
    found = [
        Finding(_page_line(line, page_name) or 1, "hugo", line[:_MESSAGE_MAX])
        for line in errors
        if page_name in line
    ]
    if build.returncode != 0 and not found:
        first = errors[0] if errors else next((line for line in lines if line), "no output")
        message = f"hugo could not build the site (exit {build.returncode}): {first}"
        found.append(Finding(1, "hugo", message[:_MESSAGE_MAX]))
    return found
