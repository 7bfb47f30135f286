"""`python -m blogroll refresh` / `python -m blogroll import-opml FILE`; see cli.py."""

from .cli import main

raise SystemExit(main())
