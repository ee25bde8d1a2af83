"""`cartable-pack catalog`: the repository's `catalog.json`, regenerated from its manifests.

The catalog is an unsigned index: a player fetches it to browse, then checks each manifest it
downloads against `manifest_sha256` and the manifest's own signature. `catalog_entry` and
`catalog_bytes` are also how a player sharing its installed courses on the LAN
(player/library/share.py) writes its catalog: one writer, so both stay what sync/catalog.py reads.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from player.course.manifest import (
    MAX_MANIFEST_BYTES,
    Course,
    load_installed_manifest,
    version_key,
)
from player.course.package import FolderSource, manifest_path
from sync.durable import write_atomic

CATALOG_FILE = "catalog.json"
CATALOG_FORMAT = 1


def catalog_entry(course: Course, manifest: bytes, *, signed: bool) -> dict[str, Any]:
    """The catalog's line for one course version, `manifest` being its exact bytes."""
    return {
        "id": course.id,
        "version": course.version,
        "title": course.title,
        "language": course.language,
        "summary": course.summary,
        "publisher": course.publisher.name if course.publisher else "",
        "size": course.size,
        "files": len(course.files()),
        "manifest": manifest_path(course.id, course.version),
        "manifest_sha256": hashlib.sha256(manifest).hexdigest(),
        "manifest_size": len(manifest),
        "signed": signed,
    }


def catalog_bytes(entries: Iterable[dict[str, Any]], title: str | None = None) -> bytes:
    """The whole `catalog.json`, entries in a stable order (id, then version)."""
    document: dict[str, Any] = {"format": CATALOG_FORMAT}
    if title:
        document["title"] = title
    document["courses"] = sorted(entries, key=lambda e: (e["id"], version_key(e["version"])))
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def catalog_entries(repo: Path) -> list[dict[str, Any]]:
    source = FolderSource(repo)
    entries = []
    for course_id, version in source.course_keys():
        relative = manifest_path(course_id, version)
        data = source.read(relative, MAX_MANIFEST_BYTES + 1) or b""
        # Every manifest here was checked when it was built; the players check it again.
        course = load_installed_manifest(data, relative)
        signed = (repo / (relative + ".sig")).is_file()
        entries.append(catalog_entry(course, data, signed=signed))
    entries.sort(key=lambda e: (e["id"], version_key(e["version"])))
    return entries


def write_catalog(repo: Path, title: str | None = None) -> Path:
    path = repo / CATALOG_FILE
    if title is None and path.is_file():
        try:
            title = json.loads(path.read_text(encoding="utf-8")).get("title")
        except (ValueError, OSError, AttributeError):
            title = None
    write_atomic(path, catalog_bytes(catalog_entries(repo), title))
    return path
