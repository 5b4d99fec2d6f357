"""Import and export run headless (command line, worker threads): they never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_exchange_and_import_batches_do_not_import_qt() -> None:
    code = (
        "import sys\n"
        "import imet_desktop.exchange.reading, imet_desktop.exchange.mapping\n"
        "import imet_desktop.exchange.student_import, imet_desktop.exchange.student_export\n"
        "import imet_desktop.store.imports\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6', 'PyQt5', 'PyQt6'})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
