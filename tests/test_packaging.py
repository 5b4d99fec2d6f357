"""The wheel must carry every package and the resources, found through one helper."""

import tomllib
from pathlib import Path

from imet_desktop import paths

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "imet_desktop").rglob("__init__.py")
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"


def test_resources_are_found_from_a_checkout() -> None:
    assert paths.resources_dir().is_dir()
    assert paths.resource("__init__.py").name == "__init__.py"


def test_the_default_database_lives_in_the_users_data_folder() -> None:
    assert paths.default_database_path().name == "imet.db"
    assert "IMET" in str(paths.default_database_path().parent)
