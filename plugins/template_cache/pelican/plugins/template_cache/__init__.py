"""template_cache: compile each template once, not once per generator and build.

Every generator's Jinja environment shares one bytecode cache, kept with Pelican's content
cache for the next build; README.md says why cached code is only used while still right.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
from givefirst_kit.files import write_atomically
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from pelican import signals


class TemplateCodeCache(BytecodeCache):
    """Compiled templates by key: in memory for the life of the process and, once
    `use_cache_folder` has set them, in files loaded from and saved to a folder."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.load_from: Path | None = None
        self.save_to: Path | None = None

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Jinja keys code by name and file only; ours also by what else shapes the code."""
        shaped_by = repr((jinja2.__version__, filename, compile_options(environment, name)))
        return super().get_bucket(environment, name, shaped_by, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.load_from:
            with contextlib.suppress(OSError):  # not cached yet, or unreadable: compile
                code = self._code[bucket.key] = (self.load_from / bucket.key).read_bytes()
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.save_to:
            # A cache folder that cannot be written costs the speed-up, not the build.
            with contextlib.suppress(OSError):
                write_atomically(self.save_to / bucket.key, code)


def compile_options(environment: Environment, name: str) -> tuple:
    """What, besides the template's source, Jinja's compiled code depends on."""
    autoescape = environment.autoescape
    return (
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        bool(autoescape(name) if callable(autoescape) else autoescape),
        sorted(environment.extensions),
    )


SHARED = TemplateCodeCache()


def use_cache_folder(pelican) -> None:
    """Keep compiled templates where Pelican keeps its content cache, and as it does:
    saved with CACHE_CONTENT, loaded with LOAD_CONTENT_CACHE (off under --ignore-cache)."""
    folder = Path(pelican.settings["CACHE_PATH"]) / "templates"
    SHARED.load_from = folder if pelican.settings.get("LOAD_CONTENT_CACHE") else None
    SHARED.save_to = folder if pelican.settings.get("CACHE_CONTENT") else None


def share_compiled_templates(generator) -> None:
    generator.env.bytecode_cache = SHARED
    # Pelican makes new environments for every build, and no template changes during one:
    # Jinja need not look at a template's file again each time a page includes it.
    generator.env.auto_reload = False


def register() -> None:
    signals.initialized.connect(use_cache_folder)
    signals.generator_init.connect(share_compiled_templates)
