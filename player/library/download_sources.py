"""Where a course can be downloaded from, known from the repository's folder or address alone
(nothing fetched): the folder of a course its catalog offers unsigned, and the repository an
installed course came from, to fetch its files again."""

from __future__ import annotations

from pathlib import Path

from sync.catalog_parse import CatalogEntry
from sync.repository import RepositoryPathError, folder_of, is_http, path_for, repository_base


def unsigned_folder(entry: CatalogEntry, source: str) -> Path | None:
    """The repository folder (a USB stick, a shared drive) of a course its catalog lists with a
    manifest but no signature: known before any download, so the learner is told at once. None
    when it is signed, unreadable, or on a server (there, only `prepare` finds out)."""
    if is_http(source):
        return None
    try:
        folder = folder_of(repository_base(source))
        if folder is None:
            return None
        manifest = path_for(folder, entry.manifest)
        signature = path_for(folder, entry.signature)
        return folder if manifest.is_file() and not signature.exists() else None
    except (RepositoryPathError, OSError):
        return None


def repository_of(origin: str) -> str | None:
    """The repository an installed course came from, when that is one (not an archive)."""
    if not origin:
        return None
    if is_http(origin):
        return origin
    try:
        folder = folder_of(origin)
    except ValueError:
        return None
    return origin if folder is not None and (folder / "blobs").is_dir() else None
