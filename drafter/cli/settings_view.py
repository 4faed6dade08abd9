"""`drafter config` as text: every setting as a person would write it in drafter.toml, with
where it came from, under a header naming the site and the drafter.toml found (or not)."""

import re
from collections.abc import Mapping
from pathlib import Path

from drafter.config import Settings, settings_table

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# What an unset setting means, for the line that says it is not set.
_UNSET = {
    "browser": "DRAFTER_BROWSER, else a Chromium on PATH",
    "template": "the site's templates/episode.md.j2, else the built-in one",
}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: object) -> str:
    """A value as written in TOML: 7 rather than 7.0, strings quoted, tables inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


def origin_label(origin: str) -> str:
    """`default`, `flag`, or the settings file's name (the header gives its full path)."""
    return origin if origin in ("default", "flag") else Path(origin).name


def config_lines(
    settings: Settings,
    origins: dict[str, str],
    *,
    site: Path,
    site_found: bool,
    config_file: Path,
) -> list[str]:
    """The header, then one line per setting: `key = value  # where it came from`."""
    lines = [f"# site: {site}"]
    if not site_found:
        lines.append("#   (no Hugo config found there or above; --site names the site)")
    if config_file.is_file():
        lines.append(f"# settings file: {config_file}")
    else:  # --config names a file that exists, so this is the site's own drafter.toml
        lines.append(f"# settings file: no {config_file.name} in the site; all are defaults")
    for key, value in settings_table(settings).items():
        origin = origin_label(origins.get(key, "default"))
        if value is None:
            lines.append(f"# {key} is not set: {_UNSET.get(key, 'the default')}  # {origin}")
        elif key == "profiles":
            lines.append(_profiles_line(settings, origin))
        else:
            lines.append(f"{key} = {toml_value(value)}  # {origin}")
    return lines


def _profiles_line(settings: Settings, origin: str) -> str:
    """[[profiles]] as one comment line: `drafter config --profiles` lists them in full."""
    if not settings.profiles:
        return f"# profiles: none of your own ([[profiles]] tables)  # {origin}"
    count = len(settings.profiles)
    plural = "s" if count != 1 else ""
    return (
        f"# profiles: {count} [[profiles]] table{plural} of your own; "
        f"drafter config --profiles lists them  # {origin}"
    )


def commented_settings(settings: Settings, notes: Mapping[str, str]) -> list[str]:
    """Every setting but the tables ([labels], [[profiles]]) as a commented-out drafter.toml
    line, `# key = value` as `drafter config` writes it, under its note: uncommented, the
    lines say exactly what `settings` says."""
    lines = []
    for key, value in settings_table(settings).items():
        if key in ("labels", "profiles"):
            continue
        lines.append(f"# {notes[key]}")
        if value is None:
            lines.append(f"# {key} is not set: {_UNSET.get(key, 'the default')}")
        else:
            lines.append(f"# {key} = {toml_value(value)}")
        lines.append("")
    return lines[:-1]
