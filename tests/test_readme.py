"""README is the user's manual for set-up and the command line: it must keep up with both."""

import re
from pathlib import Path

from imet_desktop.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in COMMANDS if f"imet-desktop {name}" not in README]
    assert missing == [], f"document these commands in README.md: {missing}"


def test_the_readme_test_command_is_what_ci_runs() -> None:
    test_line = next(line for line in README.splitlines() if "pytest" in line and line.startswith("python3"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_line in ci


def test_the_readme_screenshot_exists() -> None:
    for image in re.findall(r"!\[[^]]*\]\(([^)]+)\)", README):
        assert (ROOT / image).is_file(), image


def test_every_action_of_a_command_is_in_the_readme() -> None:
    """`imet-desktop ceremony mark-held`: each action of a command with actions has its words in README."""
    import argparse

    from imet_desktop.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, parser in commands.choices.items():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                rows = [line for line in README.splitlines() if f"`imet-desktop {name} " in line]
                missing += [f"{name} {a}" for a in action.choices
                            if not any(re.search(rf"[ |]{re.escape(a)}\b", row) for row in rows)]
    assert missing == [], f"document these actions in README.md: {missing}"
