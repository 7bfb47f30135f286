"""`python -m pelican.plugins.blogroll refresh` (or `import-opml FILE`); see cli.py."""

from .cli import main

raise SystemExit(main())
