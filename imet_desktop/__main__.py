"""Entry point: `imet-desktop` and `python -m imet_desktop` (the work is in imet_desktop.cli)."""

from __future__ import annotations

import sys

from imet_desktop.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
