"""The front matter an episode starts from: a built-in skeleton, or the site's own archetype.

The theme renamed its talk page over the years (Academic `talk`, then `event`; Hugo Blox in
2026 renamed `event`/`date`/`date_end`/`all_day` to `event_name`/`event_start`/`event_end`/
`event_all_day`), so both shapes ship built in, and a site's archetype can be used verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputError

# The front matters drafter knows: the two built in, and the site's own archetype.

# A Hugo action in an archetype: {{ ... }} (with optional whitespace trimming dashes).
_ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_TITLE_LINE = re.compile(r"^(?P<key>title\s*[:=]\s*).*$", re.MULTILINE)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`, on one line."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        elif char in "\u2028\u2029\ufeff\ufffe\uffff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`, on one line."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def find_archetype(site: Path, section: str) -> Path | None:
    """The site's archetype for the section, then a theme's; None when there is none."""
    themes = site / "themes"
    roots = [site, *(sorted(themes.iterdir()) if themes.is_dir() else [])]
    candidates = [
        path
        for root in roots
        for path in (
            root / "archetypes" / section / "index.md",
            root / "archetypes" / f"{section}.md",
        )
    ]
    return next((path for path in candidates if path.is_file()), None)


def _front_matter_of(text: str) -> tuple[str, str]:
    """The archetype's front matter (with its fences) and its fence ("---" or "+++")."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence + "\n", len(fence))
            if end == -1 and text.rstrip().endswith("\n" + fence):
                end = text.rstrip().rfind("\n" + fence)
            if end != -1:
                return text[: end + len(fence) + 2].rstrip("\n") + "\n", fence
    raise InputError("the archetype has no front matter between --- or +++ lines")


def fill_archetype(text: str, title: str, date: str) -> str:
    """The archetype's front matter, comments kept verbatim, its actions filled in.

    The title is quoted for the front matter's language (YAML or TOML). Actions that read
    the page's date become the episode's date; the title line takes the episode's title;
    any other action is left out (its line keeps its key with an empty value).
    """
    front, fence = _front_matter_of(text)
    quoted = toml_string(title) if fence == "+++" else yaml_string(title)
    front = _TITLE_LINE.sub(lambda m: m.group("key") + quoted, front, count=1)

    def action(match: re.Match[str]) -> str:
        expression = match.group(1)
        if re.search(r"\.(Date|PublishDate|Lastmod)\b|\bnow\b", expression):
            return date
        return ""

    return _ACTION.sub(action, front)


def load_archetype(site: Path, section: str) -> str:
    """The text of the site's archetype, or an InputError saying where drafter looked."""
    path = find_archetype(site, section)
    if path is None:
        raise InputError(
            f"no archetype for '{section}' in {site / 'archetypes'} or a theme's archetypes/; "
            "use --skeleton academic or hugoblox-2026"
        )
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read archetype {path}: {exc}") from exc
