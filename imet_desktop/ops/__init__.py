"""What the window and the command line both do, Qt-free: printing, import and export, photos, backups.

Each function takes an open database (or a path) and plain arguments, calls the store, the
documents and the exchange layers, and returns plain data. Neither the window nor the command
line does both halves of one job itself.
"""
