"""`cartable-pack catalog`: the repository's `catalog.json`, regenerated from its manifests
with the one writer (player/course/catalog_file.py) a sharing player uses too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from player.course.catalog_file import CATALOG_FILE, catalog_bytes, catalog_entry
from player.course.manifest import MAX_MANIFEST_BYTES, load_installed_manifest, version_key
from player.course.package import FolderSource, manifest_path
from sync.durable import write_atomic


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
