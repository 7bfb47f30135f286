"""A test-only Pelican plugin: after the build, record which modules the build imported.

Lets a test prove the build never imports the blogroll's network code.
"""

import json
import sys
from pathlib import Path

from pelican import signals


def record(pelican) -> None:
    Path(pelican.settings["IMPORT_PROBE_OUTPUT"]).write_text(json.dumps(sorted(sys.modules)))


def register() -> None:
    signals.finalized.connect(record)
