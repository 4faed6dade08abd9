"""Articles → the episode's Markdown, through a Jinja2 template. No file I/O beyond loading it.

Everything that reaches the page from a stranger (titles, labels, leads, URLs, the host's
notes) passes through one of the escaping filters here, so no field can open a heading,
close the front matter, end the quote block, start a Hugo shortcode or inject raw HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import jinja2
import jinja2.sandbox

from drafter.cleantext import strip_controls
from drafter.draft.compiled import TemplateCode
from drafter.draft.skeletons import fill_archetype, yaml_string
from drafter.errors import InputError
from drafter.models import Article
from drafter.urls import markdown_safe_url, redact_url

TEMPLATE_NAME = "episode.md.j2"
FAILURE_MARKER = "⚠️ drafter could not read this article"

_PACKAGE_DIR = Path(__file__).resolve().parents[1]  # drafter/


def builtin_templates_dir() -> Path:
    """templates/ inside the installed wheel, or at the top of a source checkout."""
    inside = _PACKAGE_DIR / "templates"
    return inside if inside.is_dir() else _PACKAGE_DIR.parent / "templates"


@dataclass(frozen=True)
class Episode:
    """What the template sees."""

    number: int
    title: str
    date: datetime
    articles: list[Article]


# Whitespace of every kind, including the line and paragraph separators that YAML and some
# Markdown renderers treat as line breaks.
_ANY_SPACE = re.compile(r"[\s\u0085\u2028\u2029\u200b\ufeff]+")
# ASCII punctuation that Markdown (or Hugo's shortcode scanner, for "{") could read as syntax.
_MARKDOWN_PUNCT = re.compile(r"([\\`*_\[\]<>{}|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^([#>+=-])")
# "1." starts a list: escape the dot, since "\1." would show a stray backslash.
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def one_line(text: str | None) -> str:
    """Collapse any whitespace (newlines included) to single spaces; drop control characters
    and invisible format controls (a bidi override would make a title read backwards)."""
    if not text:
        return ""
    return _ANY_SPACE.sub(" ", strip_controls(text)).strip()


def escape_inline(text: str | None) -> str:
    """Text safe inside a Markdown paragraph or link text, on one line."""
    escaped = _MARKDOWN_PUNCT.sub(r"\\\1", one_line(text))
    return _ENTITY.sub(r"\\&", escaped)


def escape_line_start(text: str | None) -> str:
    """escape_inline, plus a leading character that would start a block (#, >, -, 1.)."""
    escaped = escape_inline(text)
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", escaped))


def section_heading(article: Article) -> str:
    """`## [Title（Label）](URL)`, or the URL as the text when there is no title."""
    url = markdown_safe_url(redact_url(article.url))  # a published page carries no password
    if article.title:
        text = escape_inline(article.title)
        if article.source:
            text += f"（{escape_inline(article.source)}）"
    else:
        text = escape_inline(redact_url(article.url))
    return f"## [{text}]({url})"


def quote_block(text: str | None) -> str:
    """The lead as a `>` quote block; one paragraph, so one line."""
    return "> " + escape_line_start(text)


def failure_block(article: Article) -> str:
    """The visible marker for an article that could not be read, with the reason."""
    return f"> {FAILURE_MARKER}: {escape_inline(article.error)}"


def bullet(note: str | None) -> str:
    """The first bullet for the host's notes: their own words from the bookmark, if any."""
    return "* " + escape_line_start(note) if note else "* "


def iso_seconds(moment: datetime) -> str:
    """2020-10-17T15:20:18+09:00, as the reference writes dates."""
    return moment.replace(microsecond=0).isoformat()


@functools.lru_cache(maxsize=8)
def build_environment(site_templates: Path | None = None) -> jinja2.Environment:
    """Site's own templates first, then the built-in ones; a typo is an error, not a blank.

    Sandboxed: a template in a site's repository is text, and must not reach Python
    (`lipsum.__globals__`, `__class__.__mro__`) through Jinja's attribute access."""
    loaders: list[jinja2.BaseLoader] = []
    if site_templates is not None:
        loaders.append(jinja2.FileSystemLoader(site_templates))
    loaders.append(jinja2.FileSystemLoader(builtin_templates_dir()))
    options = {
        "autoescape": False,  # the output is Markdown; fields are escaped by filters
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # Compiled once, kept between runs; the options shape the code, so they key it.
        bytecode_cache=TemplateCode(f"sandboxed {sorted(options.items())}"),
        **options,
    )
    env.filters.update(
        yaml_string=yaml_string,
        section_heading=section_heading,
        quote_block=quote_block,
        failure_block=failure_block,
        bullet=bullet,
        escape_inline=escape_inline,
        md_url=markdown_safe_url,
    )
    return env


def render_front_matter(
    env: jinja2.Environment, title: str, date: str, skeleton: str, archetype: str | None
) -> str:
    """The episode's front matter, from a built-in skeleton or the site's archetype text."""
    if archetype is not None:
        return fill_archetype(archetype, title, date)
    return env.get_template(f"skeletons/{skeleton}.md.j2").render(title=title, date=date)


def _compile(env: jinja2.Environment, template: Path | None) -> jinja2.Template:
    if template is not None:
        return env.from_string(template.read_text(encoding="utf-8"))
    return env.get_template(TEMPLATE_NAME)


def render_sections(
    articles: list[Article], *, template: Path | None = None, site_templates: Path | None = None
) -> str:
    """Only the article sections (the template's `sections` block), for `drafter add`."""
    env = build_environment(site_templates)
    try:
        compiled = _compile(env, template)
        block = compiled.blocks.get("sections")
        if block is None:
            raise InputError("the template has no {% block sections %}, which drafter add needs")
        return "".join(block(compiled.new_context({"articles": articles})))
    except jinja2.TemplateError as exc:
        raise InputError(f"template error: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read template {template}: {exc}") from exc


def render_episode(
    episode: Episode,
    *,
    template: Path | None = None,
    site_templates: Path | None = None,
    skeleton: str = "academic",
    archetype: str | None = None,
) -> str:
    """The whole page as a string. `template` names a file that replaces the built-in one."""
    env = build_environment(site_templates)
    date = iso_seconds(episode.date)
    try:
        return _compile(env, template).render(
            number=episode.number,
            title=episode.title,
            date=date,
            front_matter=render_front_matter(env, episode.title, date, skeleton, archetype),
            articles=episode.articles,
        )
    except jinja2.TemplateError as exc:
        where = f" in {template}" if template is not None else ""
        raise InputError(f"template error{where}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read template {template}: {exc}") from exc
