"""One blogroll refresh in a process of its own, so its peak memory is its own.

`main(JOB.json, RESULT.json)`, called by `bench.refresh`: the job names the content folder,
the cache and any settings to override; the result holds the time of the `refresh` call
itself (not interpreter start) and what happened to each blog.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from pelican.plugins.blogroll.config import load_blogs
from pelican.plugins.blogroll.refresh import refresh
from pelican.plugins.blogroll.settings import BlogrollSettings
from pelican.settings import read_settings

from bench import ROOT


def main(job_path: str, result_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    settings = BlogrollSettings.from_settings(
        read_settings(str(ROOT / "pelicanconf.py"), override=job["settings"])
    )
    blogs = load_blogs(settings.source)
    started = time.perf_counter()
    outcomes = refresh(blogs, settings)
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "outcomes": Counter(outcome.status for outcome in outcomes),
        "not_modified": sum(outcome.not_modified for outcome in outcomes),
    }
    Path(result_path).write_text(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
