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
