"""template_cache: compile each template once, not once per generator and build.

Pelican gives every generator (articles, pages, static, and each plugin's) a Jinja
environment of its own, and each compiles `base.html` and every partial again, on every
build. With one bytecode cache shared by all of them, the first compiles and the rest
reuse the code; with Pelican's content cache on, the code is also kept under
`CACHE_PATH`, so the next build (`make html` after an edit) compiles nothing it compiled
before. Jinja rejects cached code whose template source changed; the key also holds
what else shapes the code (Jinja's version, the environment's syntax options and
extensions), so changing `JINJA_ENVIRONMENT` compiles afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import jinja2
from givefirst_kit.files import write_atomically
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from pelican import signals

FOLDER = "templates"


class TemplateCodeCache(BytecodeCache):
    """Compiled templates by key: in memory for the life of the process and, once
    `use_folder` has set one, in files there too."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._folder: Path | None = None
        self._load = self._save = False

    def use_folder(self, folder: Path | None, *, load: bool, save: bool) -> None:
        self._folder, self._load, self._save = folder, load, save

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        options = repr((jinja2.__version__, name, filename, compile_options(environment, name)))
        bucket = Bucket(
            environment,
            hashlib.sha1(options.encode("utf-8")).hexdigest(),
            self.get_source_checksum(source),
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self._folder and self._load:
            try:
                code = self._code[bucket.key] = (self._folder / bucket.key).read_bytes()
            except OSError:  # not cached yet, or unreadable: compile
                return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self._folder and self._save:
            # A cache folder that cannot be written costs the speed-up, not the build.
            with contextlib.suppress(OSError):
                write_atomically(self._folder / bucket.key, code)

    def clear(self) -> None:
        self._code.clear()


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
    settings = pelican.settings
    SHARED.use_folder(
        Path(settings["CACHE_PATH"]) / FOLDER,
        load=bool(settings.get("LOAD_CONTENT_CACHE")),
        save=bool(settings.get("CACHE_CONTENT")),
    )


def share_compiled_templates(generator) -> None:
    generator.env.bytecode_cache = SHARED


def register() -> None:
    signals.initialized.connect(use_cache_folder)
    signals.generator_init.connect(share_compiled_templates)
