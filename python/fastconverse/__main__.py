"""``python -m fastconverse``: the command line (see ``fastconverse.cli``)."""

from fastconverse.cli import main

raise SystemExit(main())
