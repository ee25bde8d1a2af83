"""JSON with one meaning: an object that names a key twice is refused.

Python's json keeps the last of two equal keys, other readers the first one (or refuse): two
readers of the same signed bytes would see two different courses (a known way around a
signature). Every signed or trusted JSON document Cartable reads (manifest, signature) goes
through `loads`, which refuses a duplicate key naming it and its JSON path.

The check costs one Python call per object on the success path (`dict(pairs)` and a length
comparison); the path is found only when a duplicate is there, by parsing a second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class DuplicateKeyError(ValueError):
    """An object names `key` twice; `where` is the JSON path of the repeated key."""

    def __init__(self, key: str, where: str) -> None:
        super().__init__(f"{where}: duplicate key {json.dumps(key, ensure_ascii=False)}")
        self.key = key
        self.where = where


class _Duplicate(Exception):
    """Raised inside the parser; `loads` turns it into a `DuplicateKeyError` with the path."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) != len(pairs):
        raise _Duplicate
    return table


class _Marked(dict[str, Any]):
    """An object that repeats `duplicate` (the second parse keeps it to find its path)."""

    duplicate = ""


def _mark(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    seen: set[str] = set()
    marked = _Marked(table)
    for key, _value in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def loads(text: str, *, parse_constant: Callable[[str], Any] | None = None) -> Any:
    """`json.loads(text)`, refusing an object with a duplicate key (`DuplicateKeyError`).

    Other failures are json's own (JSONDecodeError, RecursionError, ValueError for a number
    of too many digits, whatever `parse_constant` raises)."""
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=parse_constant)
    except _Duplicate:
        pass
    raw = json.loads(text, object_pairs_hook=_mark, parse_constant=parse_constant)
    key, where = _first_duplicate(raw)
    raise DuplicateKeyError(key, where)


def _first_duplicate(raw: Any) -> tuple[str, str]:
    """The first repeated key in document order, and its JSON path."""
    stack: list[tuple[Any, str]] = [(raw, "$")]  # no recursion: nesting is the input's
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Marked):
            return value.duplicate, f"{path}.{value.duplicate}"
        if isinstance(value, dict):
            stack.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
    raise AssertionError("a duplicate was seen by the first parse")  # pragma: no cover
