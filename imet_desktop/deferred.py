"""Modules a library imports when it is imported but the program never uses: loaded when first used instead.

sqlite-utils imports dateutil's date parser (sqlite_utils.recipes, for its own command line's ``convert`` recipes,
which this program never calls) when it is imported, as every command and the window do at start: ~30 ms and
~3 MiB resident in every process (the parser, dateutil's time zones, the modules they import), for nothing.
Deferred, the parser is a module whose code runs when one of its names is first read (importlib.util.LazyLoader,
the standard library's way): if anything ever uses it, it works as before, loaded then.

Only modules the program itself never uses are deferred: a deferred module loaded by two threads at once for its
first time could see a half-run module on Python before 3.12.3 (LazyLoader's lock came then).

One module is declined instead: OpenSSL's hashes (hashlib's ``_hashlib``). sqlite-utils imports hashlib when it is
imported (for its own hashed ids, never used here); with it came OpenSSL's libcrypto, ~3.3 MiB resident in every
process and ~5 ms at start, for what Python's own MD5, SHA-1, SHA-2, SHA-3 and BLAKE2 do as well: hashlib and hmac
use those by design when ``_hashlib`` cannot be imported (a Python built without OpenSSL). What the program hashes
is a few short strings (the Overview's kept figures are named by a SHA-256 of the database's path; ReportLab's
MD5 of a document's information, and of image and font names; sqlite-utils's own, unused). Lost are the hashes
only OpenSSL has (SHA-512/224 and /256, RIPEMD-160, SM3, MD5-SHA1, pbkdf2_hmac, scrypt), which neither the program
nor a library it uses calls; nothing here uses a hash for security (secrets reads os.urandom).
"""

from __future__ import annotations

import importlib.util
import sys

NEVER_USED = ("dateutil.parser",)
DECLINED = ("_hashlib",)


def defer(name: str) -> bool:
    """Let `name` be imported without running its code, which runs when one of its names is first read; False
    (nothing done) if it is imported already or not installed."""
    if name in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(name)  # imports the packages above it (dateutil's: two short lines)
    except ImportError:
        return False
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return False
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)  # as an import sets it: "from dateutil import parser" finds it
    return True


def defer_never_used() -> None:
    """Defer each module of NEVER_USED (before the library that imports it is first imported)."""
    for name in NEVER_USED:
        defer(name)


def decline() -> None:
    """Make each module of DECLINED unimportable (its importers fall back), unless it is imported already: then
    whatever imported it keeps it (a test run's hashlib, imported by pytest before the program)."""
    for name in DECLINED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None: the import system's "not here"
