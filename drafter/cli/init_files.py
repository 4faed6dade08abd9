"""What `drafter init` writes, as text: a commented drafter.toml, and the weekly jobs of the
README's recipes (cron, systemd user units, GitHub Actions) filled in for one site.

Only text here; drafter.cli.init_command decides where it goes and never overwrites a file
without --force. Every recipe runs the `drafter` of one install story, `pipx install
episode-drafter`: cron and systemd by its full path (they do not read the shell's PATH),
GitHub Actions by installing it on the runner.
"""

import re
import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from drafter.cli.settings_view import commented_settings
from drafter.config import DISTRIBUTION, Settings

# When the week's jobs run, in the site's time zone (drafter.toml's `timezone`): Friday
# evening the draft, Saturday morning the retries (the README's weekly workflow).
DRAFT_AT = ("Fri", 18, 0)
RETRY_AT = ("Sat", 8, 0)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CRON_DAYS = {"Sun": 0, "Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6}
INSTALL = f"pipx install {DISTRIBUTION}"
SECRET = "DRAFTER_TOKEN"  # noqa: S105 (the repository secret's name, not a secret)

# What each drafter.toml key means, above its commented default.
NOTES = {
    "section": "the episodes are content/<section>/<NUMBER>/index.md: one folder name",
    "title_pattern": "a new draft's title; {number} is the episode number",
    "timezone": "the draft's date is written in this time zone",
    "lead_max_ja": "characters of a Japanese lead at most, cut at a sentence end",
    "lead_max_en": "characters of an English lead at most",
    "render": 'when a page is read in a browser: "auto" (when its HTML says too little), '
    '"always" or "never"',
    "browser": "the Chromium that renders pages",
    "template": "a Jinja2 template replacing the built-in one (drafter template prints it)",
    "skeleton": 'the front matter: "academic", "hugoblox-2026", or "archetype" (the site\'s own)',
    "cache_days": "a cached page younger than this many days is used without asking again",
    "deadline": "seconds the whole run may take fetching and reading (0: no bound)",
    "concurrency": "pages fetched at once",
    "per_host": "pages fetched at once from one host",
    "timeout": "seconds one article may take, from the first connection to the last byte",
    "connect_timeout": "seconds to open a connection",
    "read_timeout": "the longest silence between two reads, in seconds",
    "retries": "attempts after a failed one (0: none)",
    "retry_after_cap": "the longest Retry-After drafter waits, in seconds",
    "max_bytes": "a page's body is cut here, after decompression",
    "max_redirects": "redirects followed at most",
    "user_agent": "the User-Agent drafter sends",
    "accept_language": "the Accept-Language drafter sends",
}

_TABLES = """\
# A label per host, over the built-in site profiles (drafter config --profiles lists them):
# [labels]
# "example.com" = "Example"

# A whole site profile of your own, consulted before the built-in ones:
# [[profiles]]
# hosts = ["news.example.jp"]           # the host and its subdomains
# label = "Example News"                # "" for no label
# title_patterns = ["\\\\s*｜\\\\s*Example News$"]   # cut from the headline
# lead_selectors = ["div.article-lead", "div.article-body"]   # where the lead paragraph is
# drop_selectors = [".caption", ".byline"]                    # never quoted
"""


def drafter_toml(settings: Settings) -> str:
    """drafter.toml with every key, commented out at its default under what it means."""
    head = [
        "# drafter's settings for this site, written by `drafter init`.",
        "# Every setting is here at its default, commented out: remove the `# ` before a",
        "# `key = value` line to change it. A flag on the command line wins over this file;",
        "# `drafter config` prints the settings in effect and where each came from.",
        "",
    ]
    return "\n".join(head + commented_settings(settings, NOTES)) + "\n\n" + _TABLES


@dataclass(frozen=True)
class Jobs:
    """One site's weekly jobs, as the recipes run them."""

    site: Path  # absolute
    drafter: str  # the drafter executable cron and systemd run, absolute
    bookmarks: str  # the bookmarks file, relative to the site (or absolute)
    timezone: str
    section: str

    def draft_args(self) -> list[str]:
        return ["new", "--next", self.bookmarks, "--archive", "--quiet"]

    def retry_args(self) -> list[str]:
        return ["add", "--latest", "--quiet"]


def _cron_command(jobs: Jobs, args: list[str]) -> str:
    words = [shlex.quote(jobs.drafter), *map(shlex.quote, args)]
    command = f"cd {shlex.quote(str(jobs.site))} && {' '.join(words)} || [ $? -eq 3 ]"
    return command.replace("%", "\\%")  # cron reads a bare % as a new line


def _cron_line(at: tuple[str, int, int], command: str) -> str:
    day, hour, minute = at
    return f"{minute} {hour} * * {_CRON_DAYS[day]}  {command}"


def crontab(jobs: Jobs, path: Path) -> str:
    """The two cron lines, in the site's time zone (CRON_TZ), with how to install them."""
    return "\n".join(
        [
            f"# drafter's weekly jobs for {jobs.site}, written by `drafter init --cron`.",
            "# Add them to your crontab, beside the jobs already there:",
            f"#   (crontab -l 2>/dev/null; cat {shlex.quote(str(path))}) | crontab -",
            f"# The times are {jobs.timezone}'s (CRON_TZ, read by cronie and other crons; one",
            "# that ignores it reads them in the machine's time zone: see `timedatectl`).",
            "# Exit 3 (a draft written, some articles failed) is not a failure; any other is,",
            "# and cron mails what the job printed.",
            f"CRON_TZ={jobs.timezone}",
            "# Friday evening: the draft of the next episode; the lines drafted go to",
            f"# {jobs.bookmarks}.done.",
            _cron_line(DRAFT_AT, _cron_command(jobs, jobs.draft_args())),
            "# Saturday morning: fill in the articles that failed on Friday.",
            _cron_line(RETRY_AT, _cron_command(jobs, jobs.retry_args())),
            "",
        ]
    )


def _unit_word(word: str) -> str:
    """One word of a unit's ExecStart: specifiers and variables escaped, quoted if needed."""
    escaped = word.replace("%", "%%").replace("$", "$$")
    if re.search(r"[\s\"'\\;]", word) or not word:
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def unit_name(site: Path) -> str:
    """drafter-<site folder>: one pair of units per site, so two sites never collide."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", site.name).strip("-.") or "site"
    return f"drafter-{slug}"


def systemd_units(jobs: Jobs) -> dict[str, str]:
    """The user units by file name: a service and a timer for Friday, the same for Saturday."""
    name = unit_name(jobs.site)
    enable = f"{name}.timer {name}-retry.timer"
    how = [
        f"# Written by `drafter init --systemd` for {jobs.site}. Turn the timers on with",
        "#   systemctl --user daemon-reload",
        f"#   systemctl --user enable --now {enable}",
        "# and let them run while you are logged out (once per user):",
        '#   loginctl enable-linger "$USER"',
        "# `systemctl --user list-timers` shows when they run next, and",
        f"# `journalctl --user -u '{name}*'` what a run printed.",
    ]
    units = {}
    for suffix, what, at, args in (
        ("", "the draft of the next episode", DRAFT_AT, jobs.draft_args()),
        ("-retry", "fill in the articles that failed", RETRY_AT, jobs.retry_args()),
    ):
        day, hour, minute = at
        command = " ".join(_unit_word(word) for word in [jobs.drafter, *args])
        units[f"{name}{suffix}.service"] = "\n".join(
            [
                *how,
                "[Unit]",
                f"Description=drafter for {jobs.site}: {what}",
                "",
                "[Service]",
                "Type=oneshot",
                f"WorkingDirectory={str(jobs.site).replace('%', '%%')}",
                f"ExecStart={command}",
                "# 3: a draft written, some articles failed (marked in it): not a failure",
                "SuccessExitStatus=3",
                "",
            ]
        )
        units[f"{name}{suffix}.timer"] = "\n".join(
            [
                *how,
                "[Unit]",
                f"Description=drafter for {jobs.site}: {what}, {day} {hour:02}:{minute:02}",
                "",
                "[Timer]",
                f"OnCalendar={day} *-*-* {hour:02}:{minute:02}:00 {jobs.timezone}",
                "# A run missed while the machine was off starts when it is on again.",
                "Persistent=true",
                "",
                "[Install]",
                "WantedBy=timers.target",
                "",
            ]
        )
    return units


def utc_cron(at: tuple[str, int, int], timezone: str) -> tuple[str, str]:
    """A GitHub Actions schedule (UTC) for a weekday and time in `timezone`, and a comment
    saying what it is; in a zone with daylight saving time, the winter's, saying so."""
    day, hour, minute = at
    # 5 January 2026 is a Monday: a day of that week, in winter (and again in July).
    winter = datetime(2026, 1, 5 + _WEEKDAYS.index(day), hour, minute, tzinfo=ZoneInfo(timezone))
    summer = winter.replace(month=7, day=6 + _WEEKDAYS.index(day))
    utc = winter.astimezone(ZoneInfo("UTC"))
    cron = f"{utc.minute} {utc.hour} * * {(utc.weekday() + 1) % 7}"
    note = f"{day} {hour:02}:{minute:02} in {timezone}"
    if winter.utcoffset() != summer.utcoffset():
        note += " in winter: GitHub reads schedules in UTC, so it is an hour off in summer"
    return cron, note


def actions_workflow(jobs: Jobs) -> str:
    """.github/workflows/drafter.yml: Friday a pull request with the draft, Saturday the
    retries pushed to its branch; the token a repository secret, never a fallback."""
    draft_cron, draft_note = utc_cron(DRAFT_AT, jobs.timezone)
    retry_cron, retry_note = utc_cron(RETRY_AT, jobs.timezone)
    draft = shlex.join(["drafter", "new", "--next", jobs.bookmarks, "--archive"])
    content = shlex.quote(f"content/{jobs.section}")
    token_check = (
        f'test -n "${SECRET}" || {{ echo "::error::set the repository secret {SECRET}: see '
        'the top of .github/workflows/drafter.yml"; exit 1; }'
    )
    return f"""\
# drafter's weekly jobs, written by `drafter init --github-actions`: on Friday a pull request
# with the draft of the next episode (its bookmark lines moved to the .done file), on Saturday
# the articles that failed on Friday filled in on that pull request's branch.
#
# It needs the repository secret {SECRET}: a fine-grained personal access token (or a GitHub
# App's) with Contents and Pull requests write access to this repository: GitHub starts no
# workflow for a pull request or a push made with a workflow's own GITHUB_TOKEN, so with that
# token drafter-check.yml would not run on the pull request. Without the secret these jobs
# stop at once and say so; they never fall back to GITHUB_TOKEN.
name: drafter
on:
  schedule:
    - cron: "{draft_cron}"  # {draft_note}: the draft
    - cron: "{retry_cron}"  # {retry_note}: the retries
  workflow_dispatch:  # by hand: the draft
permissions:
  contents: read
jobs:
  draft:
    if: github.event.schedule != '{retry_cron}'
    runs-on: ubuntu-latest
    steps:
      - name: {SECRET} is set
        env:
          {SECRET}: ${{{{ secrets.{SECRET} }}}}
        run: |
          {token_check}
      - uses: actions/checkout@v4
      - run: {INSTALL}
      - name: Draft the next episode (exit 3, some articles failed, is not a failure)
        run: |
          {draft} || [ $? -eq 3 ]
      - name: Leave out drafter's own folder (this run's locks)
        run: rm -rf .drafter
      - uses: peter-evans/create-pull-request@v7
        with:
          token: ${{{{ secrets.{SECRET} }}}}
          branch: drafter/next
          title: Draft of the next episode
          commit-message: Draft of the next episode
  retry:
    if: github.event.schedule == '{retry_cron}'
    runs-on: ubuntu-latest
    steps:
      - name: {SECRET} is set
        env:
          {SECRET}: ${{{{ secrets.{SECRET} }}}}
        run: |
          {token_check}
      - uses: actions/checkout@v4
        with:
          ref: drafter/next
          token: ${{{{ secrets.{SECRET} }}}}
      - run: {INSTALL}
      - name: Fill in what failed (exit 3, some still failed, is not a failure)
        run: |
          drafter add --latest || [ $? -eq 3 ]
      - name: Push what was filled in
        run: |
          git config user.name drafter
          git config user.email drafter@users.noreply.github.com
          git add -- {content}
          if git diff --cached --quiet; then echo "nothing was filled in"; exit 0; fi
          git commit -m "Fill in the articles that failed on Friday"
          git push
"""


def check_workflow() -> str:
    """.github/workflows/drafter-check.yml: `drafter check` on the draft's pull request."""
    return f"""\
# drafter check on every pull request that changes an episode, written by `drafter init
# --github-actions`: a finding fails the check, and the log shows each with its line.
name: drafter check
on:
  pull_request:
    paths: ["content/**"]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: {INSTALL}
      - run: drafter check --json
"""
