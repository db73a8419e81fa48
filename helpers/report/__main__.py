"""``python -m helpers.report``: the entry point of the runner's own process (see :mod:`.cli`)."""

from __future__ import annotations

import sys

from .cli import main
from .execute import keep_uri_checker_out

if __name__ == "__main__":
    keep_uri_checker_out()  # this process is the runner's: a global change is fine here, never at import
    sys.exit(main())
