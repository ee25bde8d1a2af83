"""`cartable-pack catalog`: the repository's `catalog.json`, regenerated from its manifests.

The catalog is an unsigned index: a player fetches it to browse, then checks each manifest it
downloads against `manifest_sha256` and the manifest's own signature.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from player.course.manifest import MAX_MANIFEST_BYTES, load_installed_manifest, version_key
from player.course.package import FolderSource, manifest_path
from sync.durable import write_atomic

CATALOG_FILE = "catalog.json"


def catalog_entries(repo: Path) -> list[dict[str, Any]]:
    source = FolderSource(repo)
    entries = []
    for course_id, version in source.course_keys():
        relative = manifest_path(course_id, version)
        data = source.read(relative, MAX_MANIFEST_BYTES + 1) or b""
        # Every manifest here was checked when it was built; the players check it again.
        course = load_installed_manifest(data, relative)
        entry: dict[str, Any] = {
            "id": course.id,
            "version": course.version,
            "title": course.title,
            "language": course.language,
            "summary": course.summary,
            "publisher": course.publisher.name if course.publisher else "",
            "size": course.size,
            "files": len(course.files()),
            "manifest": relative,
            "manifest_sha256": hashlib.sha256(data).hexdigest(),
            "manifest_size": len(data),
            "signed": (repo / (relative + ".sig")).is_file(),
        }
        entries.append(entry)
    entries.sort(key=lambda e: (e["id"], version_key(e["version"])))
    return entries


def write_catalog(repo: Path, title: str | None = None) -> Path:
    path = repo / CATALOG_FILE
    document: dict[str, Any] = {"format": 1}
    if title is None and path.is_file():
        try:
            title = json.loads(path.read_text(encoding="utf-8")).get("title")
        except (ValueError, OSError, AttributeError):
            title = None
    if title:
        document["title"] = title
    document["courses"] = catalog_entries(repo)
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return path
