"""Templates compiled once and kept between runs: Jinja2's bytecode cache, in the user's
cache directory beside the page cache ($XDG_CACHE_HOME/drafter/templates on Linux).

Jinja2 compiles a template from source on every run otherwise (lexing, parsing, generating
and compiling Python): about as long as the rest of a warm re-run's own work. An entry is
keyed by the template's name and file (Jinja2's bucket key) and this module's KEY (drafter's
version and the environment's options, which shape the generated code), and holds the
checksum of the source it was compiled from, so an edited template is compiled again.
Jinja2 still renders every draft; only the compiling is skipped.

The cache never ends a run: an entry that cannot be read is compiled again, one that cannot
be written is not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
import platformdirs

from drafter import __version__

FOLDER = "templates"


def user_template_dir() -> Path:
    """$XDG_CACHE_HOME/drafter/templates (looked up at each use: tests move it)."""
    return platformdirs.user_cache_path("drafter", appauthor=False) / FOLDER


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates as files of the user's cache directory, one per template."""

    def __init__(self, options: str) -> None:
        self.key = hashlib.sha256(f"{__version__}\n{options}".encode()).hexdigest()[:16]

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return user_template_dir() / f"{self.key}-{bucket.key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with self._file(bucket).open("rb") as cached:
                bucket.load_bytecode(cached)
        except FileNotFoundError:
            pass
        except Exception:  # unreadable or corrupt: compiled again, as if it were absent
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._file(bucket)
        with contextlib.suppress(OSError):
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            temp = Path(name)
            try:
                with os.fdopen(handle, "wb") as out:
                    bucket.write_bytecode(out)
                temp.replace(path)  # whole or not at all: another run may be reading it
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
