"""template_cache: compile each template once per build, not once per generator.

Pelican gives every generator (articles, pages, static, and each plugin's) a Jinja
environment of its own, and each compiles `base.html` and every partial again. With one
in-memory bytecode cache shared by all of them, the first compiles and the rest reuse
the code. Jinja keys the cache on the template's name, file and source checksum, so an
edited template (under `make devserver`) is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from pelican import signals


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by key, for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


SHARED = MemoryBytecodeCache()


def share_compiled_templates(generator) -> None:
    generator.env.bytecode_cache = SHARED


def register() -> None:
    signals.generator_init.connect(share_compiled_templates)
