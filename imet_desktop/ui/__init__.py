"""The window (PySide6, which only this package imports). Importing it tells PySide6 beforehand what it would read
each module's source to find out (ui.feature_table)."""

from imet_desktop.ui.feature_table import spare_source_reads

spare_source_reads()
