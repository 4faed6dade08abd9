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
# Hugo's own error lines: its log's `ERROR` level (`ERROR 2020/10/17 15:20:18 …` before
# v0.112), and the `Error: …` it ends a failed build with. A WARN line, or the footer
# "Re-run Hugo with the flag --panicOnWarning to get a better error message.", is not one.
_LOGGED_ERROR = re.compile(r"^\s*ERROR\b")
_FINAL_ERROR = re.compile(r"^\s*Error:")
_FOOTER = re.compile(r"\s*Re-run Hugo with the flag --panicOnWarning[^\n]*$")
_MESSAGE_MAX = 300
_ERRORS_MAX = 10  # a theme that fails on every page says so once a page: the first ten tell


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


def _page_pattern(site: Path, page: Path) -> re.Pattern[str]:
    """How Hugo names the page: its path under content/ (alone, or after the site's path),
    then `:LINE` when it gives one."""
    relative = page.resolve().relative_to(site.resolve())
    if relative.parts[:1] == ("content",):
        relative = relative.relative_to("content")
    return re.compile(r"(?<![\w.-])" + re.escape(relative.as_posix()) + r"\"?(?::(\d+))?")


def hugo_errors(output: str) -> list[str]:
    """Hugo's error lines, each once, on one line and without colours: its ERROR lines, or,
    when it logged none, the `Error:` line it ended with."""
    lines = [one_line(_FOOTER.sub("", _ANSI.sub("", line))) for line in output.splitlines()]
    logged = [line for line in lines if _LOGGED_ERROR.match(line)]
    errors = logged or [line for line in lines if _FINAL_ERROR.match(line)]
    return list(dict.fromkeys(errors))


def hugo_findings(
    hugo: str, site: Path, page: Path, *, timeout: float = HUGO_TIMEOUT
) -> list[Finding]:
    """Hugo's errors that name `page` (a page inside `site`), at the line Hugo gives; when it
    names no error there and the build fails, Hugo's error lines, none pinned to the page
    (line None): the page is not where they are."""
    pattern = _page_pattern(site, page)
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
            message = f"hugo did not finish building within {timeout:g}s"
            return [Finding(None, "hugo", message)]
        except OSError as exc:
            return [Finding(None, "hugo", f"cannot run {hugo}: {exc.strerror or exc}")]
    output = (build.stdout + b"\n" + build.stderr).decode("utf-8", "replace")
    errors = hugo_errors(output)
    found = []
    for error in errors:
        if match := pattern.search(error):
            line = int(match.group(1)) if match.group(1) else 1
            found.append(Finding(line, "hugo", error[:_MESSAGE_MAX]))
    if found or (build.returncode == 0 and not errors):
        return found
    why = (
        f"hugo could not build the site (exit {build.returncode})"
        if build.returncode
        else "hugo reported an error"
    )
    if not errors:
        last = next((line for line in reversed(output.splitlines()) if line.strip()), "")
        return [Finding(None, "hugo", f"{why}: {one_line(last) or 'no output'}"[:_MESSAGE_MAX])]
    shown = errors[:_ERRORS_MAX]
    if len(errors) > len(shown):
        shown.append(f"… and {len(errors) - len(shown)} more error lines")
    return [Finding(None, "hugo", f"{why}: {error}"[:_MESSAGE_MAX]) for error in shown]
