"""Settings for publishing (`make publish`): the public URL, and nothing else differs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://givefirst.example")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# A published build starts clean: no stale cached content.
LOAD_CONTENT_CACHE = False
