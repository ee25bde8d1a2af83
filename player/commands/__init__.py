"""Headless sub-commands of `cartable`, one module per job.

Every module here that defines `register(subparsers)` is picked up: it adds its parsers and sets
`func(args) -> int` on each. Commands raise `CommandError` for failures the user can act on.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit code 1 (or the one given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message.replace("\n", " "))
        self.exit_code = exit_code


def plural(count: int, noun: str) -> str:
    """`1 course`, `2 courses`, `0 courses` (English nouns taking an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def command_modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found
