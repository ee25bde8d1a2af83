"""The repository's `catalog.json` as written: one writer for `cartable-pack catalog` and for a
player sharing its installed courses on the LAN (player/library/share.py), so both stay what
sync/catalog.py reads. Here, beside the manifest it indexes, because the library may use the
course format but not the authoring tools.

The catalog is an unsigned index: a player fetches it to browse, then checks each manifest it
downloads against `manifest_sha256` and the manifest's own signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from player.course.manifest import Course, version_key
from player.course.package import manifest_path

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
