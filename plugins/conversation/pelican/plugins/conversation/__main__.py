"""`python -m pelican.plugins.conversation refresh | send | check-output`; see cli.py."""

from .cli import main

raise SystemExit(main())
