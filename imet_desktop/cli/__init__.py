"""The command line, one module per subject; `main` (in imet_desktop.cli.main) gathers their commands.

This package's namespace re-exports what the entry point and the tests use. The subject modules
import imet_desktop.cli.common only, so no module of the command line imports another back.
"""

from imet_desktop.cli.common import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_USER_ERROR, PROG, Command
from imet_desktop.cli.demo import DEMO_SEED, DEMO_STUDENTS, describe_summary
from imet_desktop.cli.main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "DEMO_SEED", "DEMO_STUDENTS", "EXIT_BUG", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USER_ERROR",
           "PROG", "Command", "build_parser", "describe_summary", "main"]
