"""PySide6's import hook, answered from the file's bytes.

Once PySide6 is loaded, every import statement naming a module not seen yet makes it call
`inspect.getsource` on that module (shibokensupport.feature._mod_uses_pyside: does the source
mention "PySide6", for its `from __feature__ import` switches). A start names about 70 modules
that way: 70 sources read twice (encoding, then lines), kept in `linecache` (1.2 MB), 8 to 25 ms
before the library is painted. The same question is answered here by one read of the `.py` file;
anything else (no file, not Python source, unreadable) still goes to PySide's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the hook patched below

MARK = "_cartable_bytes_check"


def check_sources_from_bytes() -> bool:
    """Install the faster check; False (nothing changed) when this PySide6 has no such hook."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, MARK, False):
        return True
    feature._mod_uses_pyside = _from_bytes(original)  # type: ignore[attr-defined]
    return True


def _from_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    setattr(uses_pyside, MARK, True)
    return uses_pyside
