"""The window's side of keeping records safe: opening a held, damaged or shared database, read-only mode,
restore, backups folder, History, the database log, undo and redo, and the stale-save choice."""
