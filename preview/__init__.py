"""The author's preview: `make devserver` (watch, rebuild, reload) and `make serve`.

One long-running process owns a Pelican object and serves the site it builds from a
folder of its own, so `make html` in another terminal never changes what it serves.
An edited post is re-read and written first, straight away; then a full build in the
same process catches up on the pages that list it and leaves the folder as a clean
`make html` would. See `python -m preview --help`.
"""
