"""A read-only connection to an SQLite file, by a `file:` URI made from its path.

The path must be quoted in the URI: a folder named "Cartable #2" (Windows user names and USB
labels hold '#') cut a `f"file:{path}?mode=ro"` at the '#', so SQLite opened "Cartable " read
and write, made that empty file, and found no table in it; '?' cut it too, and '%' was read as
an escape. `Path.as_uri` quotes them all (and writes a Windows drive as SQLite reads it).
A Windows network path (\\\\server\\share\\…) is the exception: `as_uri` makes the server the URI's
authority (file://server/share/…), which SQLite refuses ("invalid uri authority") unless built
to allow it; with an empty authority (file:////server/share/…) it is a plain path again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePath


def read_only_uri(path: PurePath, *, immutable: bool = False) -> str:
    """`path`'s `file:` URI opening it read-only (`immutable`: its WAL left out too)."""
    full = path if path.is_absolute() else Path(path).absolute()
    uri = full.as_uri()
    if uri.startswith("file://") and not uri.startswith("file:///"):
        uri = "file:////" + uri[len("file://") :]
    return uri + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection to the database at `path`, in autocommit; sqlite3.Error when it
    cannot be opened. Never creates a file."""
    return sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True, isolation_level=None)
