"""player/library/share.py: the installed library as a repository, for sharing on the LAN. Only
the current version of each verified course is reachable (catalog, manifest, signature, the
blobs its manifest names), with the exact bytes installed; nothing else answers, however asked."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import requests

from player.authoring.catalog import catalog_entries
from player.course.signing import PrivateKey
from player.library.library import Library
from player.library.share import LeftOutKind, LibraryShare, share_library
from sync.catalog_parse import parse_catalog
from sync.share_server import SharedFile, ShareServer
from tests.course_repo import RepoCourse, add_course, random_files, trusting_library

KB = 1000


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


@pytest.fixture
def library(tmp_path: Path, key: PrivateKey) -> Library:
    return trusting_library(tmp_path / "laptop", key)


def install(
    library: Library, tmp_path: Path, name: str, files: list[bytes], **kwargs: object
) -> RepoCourse:
    repo = tmp_path / name
    course = add_course(repo, files, **kwargs)  # type: ignore[arg-type]
    library.install_folder(repo, allow_unsigned=kwargs.get("key") is None)
    return course


def content(shared: SharedFile | None) -> bytes:
    assert shared is not None
    data = shared.data if shared.data is not None else shared.path.read_bytes()  # type: ignore[union-attr]
    assert len(data) == shared.size
    return data


def blob(sha: str) -> str:
    return f"blobs/sha256/{sha[:2]}/{sha}"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_share_serves_the_exact_installed_bytes_under_the_repository_names(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    files = random_files(3, 20 * KB, 1)
    course = install(library, tmp_path, "usb", files, key=key)
    share = share_library(library, title="LAB-PC-01")
    assert [c.id for c in share.courses] == ["maths"] and share.not_shared == ()

    catalog = json.loads(content(share.resolve("catalog.json")))
    # The same catalog cartable-pack writes for the repository the course came from.
    assert catalog["courses"] == catalog_entries(tmp_path / "usb")
    assert catalog["title"] == "LAB-PC-01"
    [entry] = parse_catalog(share.catalog, "share").courses  # what the other side reads
    assert entry.manifest == "courses/maths/1.0.0/course.json"

    manifest = share.resolve(entry.manifest)
    assert content(manifest) == course.manifest.read_bytes()
    assert manifest is not None and manifest.etag == entry.manifest_sha256
    signature = share.resolve(entry.signature)
    assert content(signature) == course.manifest.with_name("course.json.sig").read_bytes()
    for data in files:
        served = share.resolve(blob(sha(data)))
        assert content(served) == data
        assert served is not None and served.etag == sha(data) and served.path is not None
    assert len(share.files) == 2 + 2 + len(files)  # the catalog, the page at the root


def test_the_root_says_in_english_and_french_what_a_browser_has_reached(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    install(library, tmp_path, "usb", random_files(1, 10 * KB, 4), key=key, title="Maths <1>")
    page = share_library(library, title="LAB-PC-01").resolve("")
    assert page is not None and page.media_type == "text/html; charset=utf-8"
    text = content(page).decode()
    assert "Cartable course share (LAB-PC-01)" in text
    assert "Partage de cours Cartable (LAB-PC-01)" in text
    assert "shares 1 course with" in text and "partage 1 cours avec" in text
    assert "add this address as a catalog in Cartable" in text
    assert "ajoutez cette adresse comme catalogue dans Cartable" in text
    assert "<li>Maths &lt;1&gt; (1.0.0)</li>" in text  # escaped

    install(library, tmp_path, "usb2", random_files(1, 10 * KB, 5), key=key, course_id="other")
    text = content(share_library(library).resolve("")).decode()
    assert "shares 2 courses with" in text and "partage 2 cours avec" in text
    assert "Cartable course share</h1>" in text  # no title: no parentheses


def test_nothing_but_the_share_answers(tmp_path: Path, library: Library, key: PrivateKey) -> None:
    files = random_files(2, 10 * KB, 2)
    install(library, tmp_path, "usb", files, key=key)
    stray = b"a file in the store that no shared manifest names"
    stray_path = library.blobs.path(sha(stray))
    stray_path.parent.mkdir(parents=True, exist_ok=True)
    stray_path.write_bytes(stray)
    share = share_library(library)
    one = sha(files[0])
    for path in (
        "/",
        "/catalog.json",  # absolute
        "./catalog.json",
        "catalog.json/",
        "../catalog.json",
        "courses/../catalog.json",
        "%2e%2e/catalog.json",
        "courses/maths/1.0.0/%2e%2e/1.0.0/course.json",
        "courses/maths/1.0.0/install.json",  # beside the manifest on disk, never served
        "courses/maths/current",
        "courses/maths/1.0.0",
        "courses/maths/1.0.0/course.json/..",
        "courses/MATHS/1.0.0/course.json",
        f"blobs/sha256/{one[:2]}/../{one[:2]}/{one}",
        f"blobs/sha256/{one[2:4]}/{one}",  # wrong folder
        f"blobs/sha256/{one[:2].upper()}/{one.upper()}",
        f"/{blob(one)}",
        f"blobs/sha256/{one[:2]}/{one}.part",
        f"blobs/.partial/{one}.part",
        blob(sha(stray)),  # in the store, named by no shared manifest
        "cartable.sqlite3",
        "../cartable.sqlite3",
        str(stray_path),
    ):
        assert share.resolve(path) is None, path
    assert share.resolve(blob(one)) is not None


def test_only_the_current_version_is_shared(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    old_files = random_files(2, 10 * KB, 3)
    old = install(library, tmp_path, "v1", old_files, key=key)
    install(
        library,
        tmp_path,
        "v2",
        [old_files[0], *random_files(1, 10 * KB, 4)],
        key=key,
        version="1.1.0",
    )
    # Leftovers of the old version back on disk (an interrupted switch, a copy by hand):
    # still not reachable, because the share is the current version only.
    leftover = library.dir / "maths" / "1.0.0"
    leftover.mkdir()
    shutil.copy(old.manifest, leftover / "course.json")
    gone = old_files[1]
    library.blobs.path(sha(gone)).write_bytes(gone)
    share = share_library(library)
    [entry] = parse_catalog(share.catalog, "share").courses
    assert entry.version == "1.1.0"
    assert share.resolve("courses/maths/1.0.0/course.json") is None
    assert share.resolve("courses/maths/1.0.0/course.json.sig") is None
    assert share.resolve(blob(sha(gone))) is None
    assert share.resolve(blob(sha(old_files[0]))) is not None  # kept by 1.1.0
    assert share.resolve("courses/maths/1.1.0/course.json") is not None


def test_an_unverified_course_is_left_out_and_says_why_unless_asked(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    install(library, tmp_path, "signed", random_files(1, 10 * KB, 5), key=key)
    unsigned_files = random_files(1, 10 * KB, 6)
    install(
        library,
        tmp_path,
        "teacher",
        unsigned_files,
        key=None,
        course_id="notes",
        title="Notes du professeur",
    )
    assert not library.get("notes").verified  # type: ignore[union-attr]
    share = share_library(library)
    assert [c.id for c in share.courses] == ["maths"]
    [left] = share.not_shared
    assert (left.course_id, left.version, left.title) == ("notes", "1.0.0", "Notes du professeur")
    assert "unverified" in left.reason and left.kind is LeftOutKind.UNVERIFIED
    assert [e.id for e in parse_catalog(share.catalog, "share").courses] == ["maths"]
    assert share.resolve("courses/notes/1.0.0/course.json") is None
    assert share.resolve(blob(sha(unsigned_files[0]))) is None

    anyway = share_library(library, include_unverified=True)
    entries = json.loads(anyway.catalog)["courses"]
    assert [(e["id"], e["signed"]) for e in entries] == [("maths", True), ("notes", False)]
    assert anyway.resolve("courses/notes/1.0.0/course.json") is not None
    assert anyway.resolve("courses/notes/1.0.0/course.json.sig") is None
    assert content(anyway.resolve(blob(sha(unsigned_files[0])))) == unsigned_files[0]


def test_a_course_missing_files_here_is_left_out(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    files = random_files(2, 10 * KB, 7)
    install(library, tmp_path, "usb", files, key=key)
    library.blobs.path(sha(files[1])).unlink()
    share = share_library(library)
    assert share.courses == ()
    [left] = share.not_shared
    assert "1 of its files are missing" in left.reason and left.kind is LeftOutKind.DAMAGED
    assert share.resolve(blob(sha(files[0]))) is None


def test_an_empty_library_shares_an_empty_catalog(library: Library) -> None:
    share: LibraryShare = share_library(library)
    assert share.courses == () and share.not_shared == ()
    assert parse_catalog(content(share.resolve("catalog.json")), "share").courses == ()


def test_a_course_whose_signature_is_gone_here_is_left_out_as_unreadable(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    install(library, tmp_path, "usb", random_files(1, 10 * KB, 8), key=key)
    installed = library.get("maths")
    assert installed is not None
    (installed.folder / "course.json.sig").unlink()
    [left] = share_library(library).not_shared
    assert left.kind is LeftOutKind.UNREADABLE and "course.json.sig is missing" in left.reason


def test_a_browser_at_the_address_gets_the_page_and_only_at_the_root(
    tmp_path: Path, library: Library, key: PrivateKey
) -> None:
    install(library, tmp_path, "usb", random_files(1, 10 * KB, 6), key=key)
    share = share_library(library, title="LAB-PC-01")
    with ShareServer(share.resolve, host="127.0.0.1", port=0) as server:
        url = f"http://127.0.0.1:{server.port}"
        page = requests.get(url + "/", timeout=5)
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        assert "Cartable course share" in page.text and "Partage de cours Cartable" in page.text
        assert requests.get(url, timeout=5).status_code == 200  # no slash: the same
        for other in ("/index.html", "/?x", "/courses/", "/catalog.json/"):
            expected = 200 if other == "/?x" else 404  # a query is not part of the path
            assert requests.get(url + other, timeout=5).status_code == expected, other
        assert requests.post(url + "/", timeout=5).status_code == 405  # still read-only
