"""Settings for one run and every default, in one place. Precedence: flag > file > default."""

from __future__ import annotations

from dataclasses import dataclass

from drafter import __version__

DEFAULT_SECTION = "talk"
DEFAULT_TITLE_PATTERN = "#{number} Coming Soon"
DEFAULT_TIMEZONE = "Asia/Tokyo"
DEFAULT_CONCURRENCY = 8
DEFAULT_PER_HOST = 2
DEFAULT_TIMEOUT = 30.0  # seconds one article may take, retries included
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 15.0  # longest silence between two reads
DEFAULT_RETRIES = 2
DEFAULT_RETRY_AFTER_CAP = 10.0  # never wait longer than this for a 429/503's Retry-After
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # body cap, after decompression
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_LEAD_MAX_JA = 200
DEFAULT_LEAD_MAX_EN = 400
DEFAULT_RENDER = "auto"  # render in a browser only the pages whose static HTML gave no title/lead
RENDER_MODES = ("auto", "always", "never")
DEFAULT_RENDER_PAGES = 2  # browser pages open at once
DEFAULT_RENDER_SETTLE = 2.0  # after `load`, wait at most this long for the network to go quiet
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
USER_AGENT = (
    f"drafter/{__version__} (podcast show-notes drafter; +https://pypi.org/project/drafter/)"
)
ACCEPT_LANGUAGE = "ja,en;q=0.8"

# Files whose presence marks a Hugo site root.
HUGO_CONFIG_FILES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
HUGO_CONFIG_DIR = "config/_default"


@dataclass(frozen=True)
class FetchSettings:
    """How pages are fetched."""

    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    retries: int = DEFAULT_RETRIES
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    user_agent: str = USER_AGENT
    accept_language: str = ACCEPT_LANGUAGE


@dataclass(frozen=True)
class Settings:
    """Everything one run needs besides its inputs."""

    section: str = DEFAULT_SECTION
    title_pattern: str = DEFAULT_TITLE_PATTERN
    timezone: str = DEFAULT_TIMEZONE
    lead_max_ja: int = DEFAULT_LEAD_MAX_JA
    lead_max_en: int = DEFAULT_LEAD_MAX_EN
    render: str = DEFAULT_RENDER  # one of RENDER_MODES
    browser: str | None = None  # None: DRAFTER_BROWSER, then a Chromium on PATH
    fetch: FetchSettings = FetchSettings()
