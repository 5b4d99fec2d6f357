"""Settings dialogs: the office's own data that the program starts with defaults for."""
