"""`make bench`: Give First's build and refresh speed against vanilla Pelican.

The blogroll plugin's modules are imported by bare name, as Pelican loads plugins from
PLUGIN_PATHS, so `plugins/` goes on the path before anything else in the package runs.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = str(ROOT / "plugins")
if PLUGINS not in sys.path:
    sys.path.insert(0, PLUGINS)
