"""The command line, one module per subject; `main` (in imet_desktop.cli.main) gathers their commands.

This package's namespace re-exports what the entry point and the tests use. The subject modules
import imet_desktop.cli.common only, so no module of the command line imports another back.
COMMANDS and the demo's names are looked up when first asked for: a start imports only the module
of the command it runs.
"""

from typing import Any

from imet_desktop.cli.common import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, PROG, Command
from imet_desktop.cli.main import build_parser, main

__all__ = ["COMMANDS", "DEMO_SEED", "DEMO_STUDENTS", "EXIT_BUG", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USER_ERROR",
           "PROG", "Command", "build_parser", "describe_summary", "main"]


def __getattr__(name: str) -> Any:
    if name == "COMMANDS":
        from imet_desktop.cli.main import all_commands

        return all_commands()
    if name in ("DEMO_SEED", "DEMO_STUDENTS", "describe_summary"):
        from imet_desktop.cli import demo

        return getattr(demo, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
