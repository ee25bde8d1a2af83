"""Where a repository lives: an http(s) base URL or a folder (a USB stick, a shared drive).

Both name the same tree (`catalog.json`, `courses/...`, `blobs/sha256/<2>/<64>`), so callers
only ask for a relative path and get a URL or a file path back.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class RepositoryPathError(ValueError):
    """A relative path that could leave the repository or a malformed blob name."""


def is_http(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


def folder_of(source: str) -> Path | None:
    """The folder a non-HTTP source names (a plain path or a file:// URL), else None."""
    parts = urlsplit(source)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return None
    if scheme == "file":
        return Path(unquote(parts.path))
    if scheme and len(scheme) > 1:  # "c:" is a Windows drive letter, not a scheme
        raise RepositoryPathError(f"{source}: unsupported repository scheme {scheme!r}")
    return Path(source)


def safe_relative(relative: str) -> str:
    """`relative` if it stays inside the repository; raises otherwise."""
    path = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or "\0" in relative
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in relative.split("/"))
        or re.match(r"^[A-Za-z]:", relative)
    ):
        raise RepositoryPathError(f"unsafe repository path {relative!r}")
    return relative


def blob_relative(sha256: str) -> str:
    """`blobs/sha256/<first 2 hex>/<64 hex>` for a lowercase hex sha256."""
    if not SHA256_RE.match(sha256):
        raise RepositoryPathError(f"not a lowercase hex sha256: {sha256!r}")
    return f"blobs/sha256/{sha256[:2]}/{sha256}"


def url_for(source: str, relative: str) -> str:
    """URL of `relative` under an http(s) base (with or without a trailing slash)."""
    base = source if source.endswith("/") else source + "/"
    return base + quote(safe_relative(relative))


def path_for(folder: Path, relative: str) -> Path:
    return folder.joinpath(*safe_relative(relative).split("/"))


def repository_base(source: str) -> str:
    """The repository root of a source given either as its root or as its `catalog.json`."""
    stripped = source.rstrip("/") if is_http(source) else source
    if stripped.endswith("/catalog.json"):
        return stripped[: -len("catalog.json")]
    if not is_http(source):
        folder = folder_of(source)
        if folder is not None and folder.name == "catalog.json" and folder.is_file():
            return str(folder.parent)
    return source
