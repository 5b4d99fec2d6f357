"""The window's process gives large freed blocks back to the system (glibc), measured in a process of its own."""

from __future__ import annotations

import platform
import subprocess
import sys
import textwrap

import pytest

from imet_desktop import memory

# Blocks of 2 MiB made and freed with a small block made after each (so none of them is at the heap's top): what a
# session does with a search's matches and the rows read beside them. The process's resident memory after they
# are freed, over what it was before, in MiB.
HELD_AFTER_FREE = textwrap.dedent("""
    import os, sys
    from imet_desktop.memory import give_back_large_blocks

    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    if sys.argv[1] == "set":
        assert give_back_large_blocks()
    first = bytearray(8 << 20)  # a large block freed: glibc left alone raises its threshold to its size
    del first
    before = rss()
    large, small = [], []
    for _ in range(20):
        large.append(bytearray(2 << 20))
        small.append(bytearray(4096))  # above pymalloc's sizes: from malloc, after the large block
    del large
    print(round(rss() - before, 1))
""")


def _held_after_free(mode: str) -> float:
    done = subprocess.run([sys.executable, "-c", HELD_AFTER_FREE, mode], capture_output=True, text=True, check=True)
    return float(done.stdout)


glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")


@glibc
def test_large_blocks_freed_go_back_to_the_system() -> None:
    assert _held_after_free("set") < 8  # 40 MiB made and freed; a few small blocks stay


@glibc
def test_left_alone_glibc_keeps_them_which_is_what_the_setting_is_for() -> None:
    # The contrast that makes the test above mean something: glibc's own moving threshold keeps the 40 MiB.
    assert _held_after_free("leave") > 30


def test_elsewhere_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert memory.give_back_large_blocks() is False
