"""``python -m helpers.report``: the entry point of the runner's own process (see :mod:`.cli`)."""

from __future__ import annotations

import sys

from .cli import main
from .execute import keep_uri_checker_out
from .runner import stop_on_signals

if __name__ == "__main__":
    keep_uri_checker_out()  # this process is the runner's: a global change is fine here, never at import
    stop_on_signals()  # SIGTERM unwinds like Ctrl-C: kernels shut down, staging folders removed
    sys.exit(main())
