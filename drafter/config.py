"""Settings for one run and every default, in one place. Precedence: flag > file > default."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter import __version__
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.profiles import SiteProfile

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
DEFAULT_EXTRACT_TIMEOUT = 10.0  # seconds one page's extraction may run, at most --timeout
EXTRACT_TIMEOUT_FLOOR = 3.0  # ... and at least this, for a big page on a busy machine
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # body cap, after decompression
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_LEAD_MAX_JA = 200
DEFAULT_LEAD_MAX_EN = 400
EPISODE_MAX = 999_999  # the highest episode number: ASCII digits, nothing absurd
TITLE_MAX = 300  # characters of a heading; a page's <title> can be megabytes
DEFAULT_CACHE_DAYS = 7.0  # a cached page this young is used without asking its server again
# Seconds a whole run may spend fetching and reading its articles (0: no bound); what is not
# done by then is marked failed and the draft is written. A week's bookmarks take well under
# a minute, and a 3,000-URL hostile mix took 355 s; only a run stuck behind hanging hosts
# (some 15 minutes at --timeout 30) comes near it, and `drafter add` fetches the rest again.
DEFAULT_DEADLINE = 600.0
DEFAULT_RENDER = "auto"  # render in a browser only the pages whose static HTML gave no title/lead
RENDER_MODES = ("auto", "always", "never")
DEFAULT_RENDER_PAGES = 2  # browser pages open at once
DEFAULT_RENDER_SETTLE = 2.0  # after `load`, wait at most this long for the network to go quiet
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DEFAULT_SKELETON = "academic"
SKELETONS = ("academic", "hugoblox-2026", "archetype")  # front matters drafter can write
CONFIG_FILE = "drafter.toml"
DISTRIBUTION = "episode-drafter"  # the name on the package index; `drafter` there is not ours
USER_AGENT = f"{DISTRIBUTION}/{__version__} (podcast show-notes drafter)"
ACCEPT_LANGUAGE = "ja,en;q=0.8"

# How a run uses the page cache: read and write it, bypass reading it (--refresh), read only
# it (--offline), or leave it alone entirely.
CacheMode = Literal["use", "refresh", "offline", "off"]

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
    template: str | None = None  # a template file replacing the built-in one
    skeleton: str = DEFAULT_SKELETON
    labels: tuple[tuple[str, str], ...] = ()  # (host, label) pairs that override the profiles
    profiles: tuple[SiteProfile, ...] = ()  # the site's own [[profiles]], before the built-in
    cache_days: float = DEFAULT_CACHE_DAYS  # freshness window of the page cache
    deadline: float = DEFAULT_DEADLINE  # seconds the whole run may fetch and read; 0: no bound
    fetch: FetchSettings = FetchSettings()

    def label_for(self, host: str) -> str | None:
        """The configured label for a host (or a parent domain), if any."""
        for configured, label in self.labels:
            if host == configured or host.endswith("." + configured):
                return label
        return None


# --- drafter.toml ------------------------------------------------------------------------------

_TOP_FIELDS = {f.name: f for f in fields(Settings) if f.name not in ("fetch", "labels", "profiles")}
_FETCH_FIELDS = {f.name: f for f in fields(FetchSettings)}
CONFIG_KEYS = (*_TOP_FIELDS, *_FETCH_FIELDS, "labels", "profiles")


_ZERO_ALLOWED = ("retries", "deadline")  # no retries; no deadline


def _check_value(key: str, value: object, default: object, where: str) -> object:
    """The value if it has the default's type (and is positive, for numbers), else an error."""
    if key == "skeleton" and value not in SKELETONS:
        raise InputError(f"{where}: skeleton must be one of {', '.join(SKELETONS)}, not {value!r}")
    if isinstance(default, bool) or isinstance(value, bool):
        if not isinstance(value, bool) or not isinstance(default, bool):
            raise InputError(f"{where}: {key} must be {type(default).__name__}, not {value!r}")
        return value
    if isinstance(default, int | float) and not isinstance(default, bool):
        if not isinstance(value, int | float) or (
            isinstance(default, int) and isinstance(value, float)
        ):
            kind = "a whole number" if isinstance(default, int) else "a number"
            raise InputError(f"{where}: {key} must be {kind}, not {value!r}")
        if key in _ZERO_ALLOWED and value < 0:
            raise InputError(f"{where}: {key} must be 0 or more, not {value!r}")
        if key not in _ZERO_ALLOWED and value <= 0:
            raise InputError(f"{where}: {key} must be greater than 0, not {value!r}")
        return float(value) if isinstance(default, float) else value
    if not isinstance(value, str):
        raise InputError(f"{where}: {key} must be a string, not {value!r}")
    if key == "section" and not is_path_segment(value):
        raise InputError(
            f"{where}: section must be one folder name under content/ (no '/', '..' or "
            f"control characters), not {value!r}"
        )
    return value


def is_path_segment(name: str) -> bool:
    """One plain folder name: a section can never lead out of content/."""
    return (
        bool(name)
        and name not in (".", "..")
        and name.strip() == name
        and not any(char in "/\\" or not char.isprintable() for char in name)
    )


def _read_file(path: Path) -> dict[str, object]:
    import tomllib  # noqa: PLC0415 (only a run with a drafter.toml pays for it)

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def load_settings(
    site: Path, flags: dict[str, object] | None = None, *, config_file: Path | None = None
) -> tuple[Settings, dict[str, str]]:
    """Settings from flags over <site>/drafter.toml over defaults, and where each came from."""
    path = config_file or site / CONFIG_FILE
    top: dict[str, object] = {}
    fetch: dict[str, object] = {}
    labels: dict[str, str] = {}
    profiles: list[SiteProfile] = []
    origins = dict.fromkeys(CONFIG_KEYS, "default")

    def put(key: str, value: object, where: str) -> None:
        if key == "labels":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise InputError(f'{where}: labels must be a table of host = "label"')
            labels.update({k.lower(): v for k, v in value.items()})
        elif key == "profiles":
            from drafter.profiles import profiles_from_tables  # noqa: PLC0415 - files with profiles

            profiles.extend(profiles_from_tables(value, where))
        elif key in _TOP_FIELDS:
            default = _TOP_FIELDS[key].default
            top[key] = (
                value
                if default is None and isinstance(value, str)
                else _check_value(key, value, default, where)
            )
        elif key in _FETCH_FIELDS:
            fetch[key] = _check_value(key, value, _FETCH_FIELDS[key].default, where)
        else:
            known = ", ".join(CONFIG_KEYS)
            raise InputError(f"{where}: unknown key '{key}' (known keys: {known})")
        origins[key] = where

    if path.is_file():
        for key, value in _read_file(path).items():
            put(key, value, str(path))
    elif config_file is not None:
        raise InputError(f"{config_file} does not exist")
    for key, value in (flags or {}).items():
        if value is not None:
            put(key, value, "flag")
    settings = Settings(
        **top,  # type: ignore[arg-type]
        labels=tuple(labels.items()),
        profiles=tuple(profiles),
        fetch=FetchSettings(**fetch),  # type: ignore[arg-type]
    )
    return settings, origins


def settings_table(settings: Settings) -> dict[str, object]:
    """Every setting by its key in drafter.toml, for `drafter config`."""
    table: dict[str, object] = {key: getattr(settings, key) for key in _TOP_FIELDS}
    table.update({key: getattr(settings.fetch, key) for key in _FETCH_FIELDS})
    table["labels"] = dict(settings.labels)
    table["profiles"] = [
        {"name": p.name, "hosts": list(p.hosts), "label": p.label} for p in settings.profiles
    ]
    return table
