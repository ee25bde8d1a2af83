"""The manifests read ahead for catalogs are kept while a catalog lists them, and a month more."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import requests

from player.course.signing import PrivateKey
from player.library.catalogs import UNLISTED_KEPT, Catalogs
from tests.course_repo import add_course, random_files, trusting_library


def _aged(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_manifests_no_catalog_lists_go_once_a_month_old(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    listed = add_course(repo, random_files(1, 100, 1), key=key)
    library = trusting_library(tmp_path / "data", key)
    catalogs = Catalogs(library, tmp_path / "cache", (str(repo),), [])
    cache = catalogs.manifests
    listed_sha = cache.put(listed.manifest.read_bytes())
    _aged(cache.path(listed_sha), 2 * UNLISTED_KEPT)  # old, but still offered
    withdrawn = [cache.put(f'{{"old": {n}}}'.encode()) for n in range(40)]
    for sha in withdrawn:
        _aged(cache.path(sha), UNLISTED_KEPT + 3600)
    recent = cache.put(b'{"recent": 1}')  # an update seen last week: a month is left
    _aged(cache.path(recent), 7 * 24 * 3600)
    session = requests.Session()

    unreachable = str(tmp_path / "stick-not-plugged")
    catalogs.user.append(unreachable)
    catalogs.read_ahead(catalogs.fetch(session), session)
    assert all(cache.get(sha) is not None for sha in withdrawn)  # what it lists is not known

    catalogs.user.remove(unreachable)
    catalogs.read_ahead(catalogs.fetch(session), session)
    names = sorted(p.stem for p in (tmp_path / "cache" / "manifests").glob("*.json"))
    assert names == sorted([listed_sha, recent])
    assert hashlib.sha256(listed.manifest.read_bytes()).hexdigest() == listed_sha
