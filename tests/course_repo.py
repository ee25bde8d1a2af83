"""Signed course repositories of any size for the download tests: N files of random bytes, one
video unit each, a real manifest, its ed25519 signature and the catalog cartable-pack writes."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from player.authoring.catalog import write_catalog
from player.course.manifest import Course, parse_manifest
from player.course.package import manifest_path
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore


@dataclass(frozen=True)
class RepoCourse:
    course: Course
    files: tuple[bytes, ...]
    manifest: Path

    @property
    def size(self) -> int:
        return sum(len(f) for f in self.files)


def random_files(count: int, size: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [rng.randbytes(size) for _ in range(count)]


def _ref(data: bytes) -> dict[str, Any]:
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "media_type": "video/mp4",
    }


def manifest_json(
    course_id: str, version: str, files: list[bytes], title: str, language: str
) -> dict[str, Any]:
    units = [
        {
            "id": f"u{n}",
            "type": "video",
            "title": f"Leçon {n}",
            "duration": 60.0,
            "variants": [{"label": "360p", "width": 640, "height": 360, "file": _ref(data)}],
        }
        for n, data in enumerate(files, start=1)
    ]
    return {
        "format": 1,
        "id": course_id,
        "version": version,
        "title": title,
        "language": language,
        "summary": f"Un cours de {len(files)} leçons pour les tests.",
        "publisher": {"name": "Université de test"},
        "modules": [{"id": "m1", "title": "Module 1", "units": units}],
    }


def add_course(
    repo: Path,
    files: list[bytes],
    *,
    key: PrivateKey | None,
    course_id: str = "maths",
    version: str = "1.0.0",
    title: str = "Mathématiques",
    language: str = "fr",
) -> RepoCourse:
    """Write the blobs, the manifest (signed with `key` unless None) and refresh catalog.json."""
    for data in files:
        sha = hashlib.sha256(data).hexdigest()
        path = repo / "blobs" / "sha256" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(data)
    document = manifest_json(course_id, version, files, title, language)
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
    course = parse_manifest(data)
    target = repo / manifest_path(course_id, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    if key is not None:
        target.with_name("course.json.sig").write_bytes(key.sign(data))
    write_catalog(repo, title="Catalogue de test")
    return RepoCourse(course, tuple(files), target)


def trusting_library(root: Path, key: PrivateKey) -> Library:
    """A library under `root` that trusts `key` as the branding's."""
    trust = TrustStore(root / "trust", [TrustedKey(key.public, "branding")])
    return Library(root / "courses", BlobStore(root / "blobs"), trust)
