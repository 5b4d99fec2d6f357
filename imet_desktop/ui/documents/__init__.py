"""Printed documents in the program: the preview window, printing, and the pre-print check."""
