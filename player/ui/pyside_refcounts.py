"""Work around PySide6 6.12 dropping references to None, True and False on Python 3.11.

Shiboken 6.12 returns these singletons from C++ calls without taking a reference, as Python
3.12's immortal objects allow (PEP 683). On 3.11 every `widget.update()`, `setText(...)`,
`signal.emit()`... takes one reference away: None starts near 5,000 references, so a playing
video (hundreds of such calls a second) aborts the interpreter with "none_dealloc: deallocating
None" within a minute. Giving the three objects a huge reference count makes them as immortal
as 3.12 does. Call it once, before the first widget; later calls do nothing.
"""

from __future__ import annotations

import ctypes
import sys

_ENOUGH = 1 << 60  # ~1e18 calls; Py_ssize_t holds 9.2e18
_done = False


def make_singletons_immortal() -> None:
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _ENOUGH
    _done = True
