"""The window's process gives large blocks of memory back to the system when they are freed.

glibc's malloc serves a block of 128 KiB or more from its own mapping, returned to the system on free, until such
a block is freed: it then raises that threshold to the freed block's size (up to 32 MiB), so that later blocks as
large come from the heap and stay there once freed, wherever a small block lies above them. The window makes such
blocks now and then for a moment (a search's matches, the roster's order as read, a chunk of names read ahead, the
reader thread's rows): with the threshold left to move, a session of searches on 600,375 students ended holding
~10 MiB more than it used, and its peak was 6.4 MiB higher (benchmarks/run_all.py's memory row, session 16).

Fixing both thresholds (mmap and trim) at 128 KiB, glibc's own default, keeps them from moving. Other C libraries
(Windows, macOS, musl) are left as they are: they have no such setting, or another policy.
"""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1  # glibc's malloc.h
_M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 * 1024


def give_back_large_blocks() -> bool:
    """Fix glibc's mmap and trim thresholds at LARGE_BLOCK; True when set (on glibc), False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt to speak of)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)) and bool(mallopt(_M_TRIM_THRESHOLD, LARGE_BLOCK))
