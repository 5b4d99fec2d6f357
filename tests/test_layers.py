"""The Qt-free layers must stay Qt-free: they run headless, in the CLI and in workers."""

import subprocess
import sys

import pytest

QT_FREE = ["imet_desktop.domain", "imet_desktop.store", "imet_desktop.documents", "imet_desktop.exchange",
           "imet_desktop.ops", "imet_desktop.files"]


@pytest.mark.parametrize("package", QT_FREE)
def test_a_qt_free_layer_imports_no_qt(package: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        "for m in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
