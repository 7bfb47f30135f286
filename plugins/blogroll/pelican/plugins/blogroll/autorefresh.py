"""BLOGROLL_REFRESH_TTL: refresh before a build when the cache is older than the TTL.

The refresh runs as a child process (`python -m pelican.plugins.blogroll refresh`), so the build
itself never imports the network code, and whatever happens there (no network, a
hung server, a crash) the build carries on from the cache as it is.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys

from .cache import Cache, now_utc
from .settings import DEFAULTS, BlogrollSettings

logger = logging.getLogger(__name__)

# Time for the child to start, and to save and exit after its own deadline.
GRACE_SECONDS = 30


def refresh_if_older(settings: BlogrollSettings, pelican_settings: dict) -> bool:
    """Run a refresh when the TTL is set and the cache is older; True if one ran and worked."""
    if settings.refresh_ttl is None:
        return False
    refreshed = Cache(settings.data_path).refreshed_at()
    if refreshed is not None and (now_utc() - refreshed).total_seconds() < settings.refresh_ttl:
        return False
    passed = {key: pelican_settings[key] for key in DEFAULTS if key in pelican_settings}
    passed |= {
        "PATH": str(settings.source.parent),
        "BLOGROLL_FILE": settings.source.name,
        "BLOGROLL_DATA_PATH": str(settings.data_path),
        "BLOGROLL_USER_AGENT": settings.user_agent,
    }
    command = [sys.executable, "-m", "pelican.plugins.blogroll", "refresh", "--quiet"]
    command += ["--settings-json", json.dumps(passed, default=str)]
    logger.info("blogroll: cache older than BLOGROLL_REFRESH_TTL; refreshing feeds first")
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=settings.deadline + GRACE_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        logger.info("blogroll: refresh did not finish (%s); building from the cache", problem)
        return False
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        logger.info("blogroll: refresh failed; building from the cache:\n%s", output)
        return False
    logger.info("blogroll: %s", output)
    return True
