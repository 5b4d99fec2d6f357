"""Modules a library imports when it is imported but the program never uses: loaded when first used instead.

sqlite-utils imports dateutil's date parser (sqlite_utils.recipes, for its own command line's ``convert`` recipes,
which this program never calls) when it is imported, as every command and the window do at start: ~30 ms and
~3 MiB resident in every process (the parser, dateutil's time zones, the modules they import), for nothing.
Deferred, the parser is a module whose code runs when one of its names is first read (importlib.util.LazyLoader,
the standard library's way): if anything ever uses it, it works as before, loaded then.

sqlite-utils also imports click, its command line's library (~1.9 MiB resident and ~8 ms in the window's process,
twelve modules), for progress bars its command line asks for, and for a type named in an annotation of its hook for
command-line plugins, which Python evaluates when the hook is defined. Imported with ``import click``, it cannot be
deferred as the parser is (the statement reads the module's ``__spec__``, and any name read runs a LazyLoader's
module): a stand-in is put in its place instead (stand_in), a module with only what the import system sets on one
(its name, spec, file and path), whose first other name read imports click itself. And the hook's module
(sqlite_utils.hookspecs) is compiled with its annotations postponed (PEP 563, ``from __future__ import annotations``:
kept as text, as typing tools read them, not evaluated): nothing reads that annotation (pluggy reads the hook's
parameters' names), so click is never loaded unless used.

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
import __future__

import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from types import CodeType, ModuleType

NEVER_USED = ("dateutil.parser",)
STOOD_IN = ("click",)
DECLINED = ("_hashlib",)
# A library's modules whose annotations name a deferred module's types (evaluated, they would load it).
POSTPONED_ANNOTATIONS = ("sqlite_utils.hookspecs",)


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


class _StandIn(ModuleType):
    """In sys.modules in place of a module not yet run, with the names the import system sets (its spec, file, path,
    loader; an import statement reads them); the first other name read imports the module itself, which takes the
    stand-in's place, and reads it from there. Not ``__wrapped__``, which inspect.getsource looks for on every module
    (PySide6's import hook reads each module's source; a module has none)."""

    def __getattr__(self, name: str) -> object:  # only for names not set on the stand-in
        if name == "__wrapped__":
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def stand_in(name: str) -> bool:
    """Put a stand-in for the top-level module `name` in sys.modules; False (nothing done) if it is imported
    already, not installed, or not a top-level module (a stand-in for a submodule would also have to be set on its
    package, as the import system sets one)."""
    if name in sys.modules or "." in name:
        return False
    try:
        spec = importlib.util.find_spec(name)  # as defer finds its module (the import system's finders, in order)
    except ImportError:
        return False
    if spec is None:
        return False
    module = _StandIn(name)
    module.__spec__, module.__loader__, module.__package__ = spec, spec.loader, spec.parent
    module.__file__ = spec.origin
    if spec.submodule_search_locations is not None:
        module.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = module
    return True


class _PostponedAnnotationsLoader(importlib.machinery.SourceFileLoader):
    """Compiles its module from its source with annotations postponed, every time: its cached bytecode, compiled
    without, is not read (the modules named in POSTPONED_ANNOTATIONS are a few lines each)."""

    def get_code(self, fullname: str) -> CodeType:
        code: CodeType = compile(self.get_data(self.path), self.path, "exec", dont_inherit=True,
                                 flags=__future__.annotations.compiler_flag)
        return code


class _PostponeAnnotations:
    """The import system's finder (sys.meta_path) for the modules of POSTPONED_ANNOTATIONS: found where they
    would be, loaded by _PostponedAnnotationsLoader; any other name is left to the other finders."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None,
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in POSTPONED_ANNOTATIONS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader or spec.origin is None:
            return spec  # not a plain source file (a zip, a compiled module): loaded as it is
        spec.loader = _PostponedAnnotationsLoader(fullname, spec.origin)
        return spec


def postpone_annotations() -> None:
    """Load each module of POSTPONED_ANNOTATIONS not yet imported with its annotations postponed (before the
    library that imports it is first imported)."""
    if not any(isinstance(finder, _PostponeAnnotations) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PostponeAnnotations())


def prepare() -> None:
    """Everything above, once, as the package is imported: before any module imports sqlite-utils (which imports
    what is deferred, stood in for and declined, and the module whose annotations are postponed)."""
    for name in NEVER_USED:
        defer(name)
    for name in STOOD_IN:
        stand_in(name)
    postpone_annotations()
    decline()


def decline() -> None:
    """Make each module of DECLINED unimportable (its importers fall back), unless it is imported already: then
    whatever imported it keeps it (a test run's hashlib, imported by pytest before the program)."""
    for name in DECLINED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None: the import system's "not here"
