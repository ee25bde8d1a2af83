"""Catalog parsing, folder catalogs and repository files (no network: see tests/e2e/downloads)."""

from __future__ import annotations

import contextlib
import errno
import http.server
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import sync.catalog
import sync.catalog_parse
from sync.catalog import fetch_catalog, read_repository_file
from sync.catalog_parse import CatalogError, parse_catalog
from sync.download_state import FailureKind

SHA = "a" * 64


def entry(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "les-mooc",
        "version": "1.0.0",
        "title": "Les MOOC",
        "language": "fr",
        "summary": "Un cours",
        "publisher": "Université",
        "size": 1234567,
        "files": 12,
        "manifest": "courses/les-mooc/1.0.0/course.json",
        "manifest_sha256": SHA,
        "manifest_size": 2345,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def catalog_bytes(*courses: dict[str, Any], **top: Any) -> bytes:
    doc: dict[str, Any] = {"format": 1, "title": "T", "generated": "2026-11-26T10:00:00Z"}
    doc.update(top)
    doc["courses"] = list(courses)
    return json.dumps(doc).encode()


def test_parse_valid_catalog() -> None:
    catalog = parse_catalog(
        catalog_bytes(entry(), entry(version="1.2.0"), entry(id="autre", summary=...)), "src"
    )
    assert catalog.title == "T"
    assert catalog.generated is not None and catalog.generated.year == 2026
    assert [c.id for c in catalog.courses] == ["les-mooc", "les-mooc", "autre"]
    first = catalog.courses[0]
    assert (first.size, first.files, first.manifest_size) == (1234567, 12, 2345)
    assert first.signature == "courses/les-mooc/1.0.0/course.json.sig"
    assert catalog.courses[2].summary == ""
    found = catalog.find("les-mooc")
    assert found is not None and found.version == "1.2.0"
    assert catalog.find("les-mooc", "1.0.0") == first
    assert catalog.find("nope") is None


def test_title_and_generated_are_optional() -> None:
    catalog = parse_catalog(b'{"format": 1, "courses": []}', "src")
    assert catalog.title is None and catalog.generated is None and catalog.courses == ()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "src: catalog is not JSON (line 1, column 2"),
        (b"\xff\xfe", "src: catalog is not UTF-8"),
        (b"[]", "src: $: expected an object, got an array"),
        (b'{"format": 2, "courses": []}', "src: $.format: unsupported catalog format 2"),
        (b'{"format": "1", "courses": []}', "src: $.format: expected an integer, got a string"),
        (b'{"format": 1}', "src: $.courses: expected an array, got null"),
        (catalog_bytes(generated="yesterday"), "src: $.generated: not an ISO 8601 date-time"),
        (catalog_bytes("x"), "src: $.courses[0]: expected an object, got a string"),
        (catalog_bytes(entry(title=...)), "src: $.courses[0].title: expected a non-empty string"),
        (catalog_bytes(entry(id="Les MOOC")), "src: $.courses[0].id: not a valid course id"),
        (catalog_bytes(entry(version="v1")), "src: $.courses[0].version: not a valid version"),
        # Python's `$` matches before a final line break: these passed as an id, a version, a hash
        (catalog_bytes(entry(id="les-mooc\n")), "src: $.courses[0].id: not a valid course id"),
        (catalog_bytes(entry(version="1.0\n")), "src: $.courses[0].version: not a valid"),
        (catalog_bytes(entry(manifest_sha256=SHA + "\n")), "src: $.courses[0].manifest_sha256"),
        (catalog_bytes(entry(size=-1)), "src: $.courses[0].size: expected a non-negative integer"),
        (catalog_bytes(entry(files=True)), "src: $.courses[0].files: expected a non-negative"),
        # Sizes no course can have: formatting them raised OverflowError (float, Qt's qint64)
        (
            catalog_bytes(entry(size=10**400)),
            "src: $.courses[0].size: expected a non-negative integer up to 10995116277760000, "
            "got 1000000000000000000000000000000000000…",
        ),
        (catalog_bytes(entry(size=2**63)), "src: $.courses[0].size: expected a non-negative"),
        (catalog_bytes(entry(files=10_001)), "src: $.courses[0].files: expected a non-negative"),
        (catalog_bytes(entry(manifest_size=2**64)), "src: $.courses[0].manifest_size: expected"),
        (catalog_bytes(entry(manifest="../../etc/passwd")), "src: $.courses[0].manifest: unsafe"),
        (catalog_bytes(entry(manifest="/etc/passwd")), "src: $.courses[0].manifest: unsafe"),
        (catalog_bytes(entry(manifest="a\\b")), "src: $.courses[0].manifest: unsafe"),
        (catalog_bytes(entry(manifest_sha256="ABC")), "src: $.courses[0].manifest_sha256: not"),
        (catalog_bytes(entry(), entry()), "src: $.courses[1]: course les-mooc 1.0.0 is listed"),
        (catalog_bytes(entry(summary=3)), "src: $.courses[0].summary: expected a string"),
    ],
)
def test_bad_catalog_is_one_clear_line(data: bytes, expected: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(data, "src")
    message = str(caught.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_the_largest_course_a_manifest_allows_is_a_valid_size() -> None:
    biggest = 10_000 * 2**40  # 10,000 files of 1 TiB, the manifest schema's limits
    (course,) = parse_catalog(catalog_bytes(entry(size=biggest, files=10_000)), "src").courses
    assert (course.size, course.files) == (biggest, 10_000)


def test_folder_catalog_plain_path_file_url_and_catalog_path(tmp_path: Path) -> None:
    (tmp_path / "catalog.json").write_bytes(catalog_bytes(entry()))
    with requests.Session() as session:
        for source in (str(tmp_path), tmp_path.as_uri(), str(tmp_path / "catalog.json")):
            result = fetch_catalog(source, tmp_path / "cache", session)
            assert not result.stale and result.stale_reason is None
            assert [c.id for c in result.catalog.courses] == ["les-mooc"]
    assert not (tmp_path / "cache").exists()  # a folder is its own cache


def test_folder_without_catalog_names_the_file(tmp_path: Path) -> None:
    with requests.Session() as session, pytest.raises(CatalogError, match=r"no catalog\.json"):
        fetch_catalog(str(tmp_path), tmp_path / "cache", session)


def test_read_repository_file_from_folder_with_cap_and_safe_paths(tmp_path: Path) -> None:
    manifest = tmp_path / "courses" / "c" / "1.0" / "course.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_bytes(b"x" * 100)
    with requests.Session() as session:
        assert read_repository_file(str(tmp_path), "courses/c/1.0/course.json", session) == (
            b"x" * 100
        )
        with pytest.raises(CatalogError, match="larger than 99 bytes"):
            read_repository_file(str(tmp_path), "courses/c/1.0/course.json", session, 99)
        with pytest.raises(CatalogError, match="missing from the repository"):
            read_repository_file(str(tmp_path), "courses/c/1.0/course.json.sig", session)
        with pytest.raises(CatalogError, match="unsafe repository path"):
            read_repository_file(str(tmp_path), "../secret", session)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_server_without_cache_is_a_clear_error(tmp_path: Path) -> None:
    port = closed_port()
    url = f"http://127.0.0.1:{port}/repo/"
    with requests.Session() as session, pytest.raises(CatalogError) as caught:
        fetch_catalog(url, tmp_path / "cache", session, timeout=(2, 2))
    line = f"could not connect to 127.0.0.1:{port} (connection refused)"  # as an LRS send says it
    assert str(caught.value) == f"cannot reach {url}catalog.json: {line}"
    assert caught.value.kind is FailureKind.NETWORK  # a download waits for the network


def test_a_deeply_nested_catalog_is_one_clear_line(tmp_path: Path) -> None:
    deep = b'{"format": 1, "courses": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(CatalogError) as caught:
        parse_catalog(deep, "src")
    assert str(caught.value) == "src: catalog is not JSON (nested too deeply)"
    (tmp_path / "catalog.json").write_bytes(deep)
    with requests.Session() as session, pytest.raises(CatalogError, match="nested too deeply"):
        fetch_catalog(str(tmp_path), tmp_path / "cache", session)


class _CatalogHandler(http.server.BaseHTTPRequestHandler):
    """catalog.json with a strong ETag; 304 when the client already has it."""

    body = catalog_bytes(entry())
    etag = '"v1"'

    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", self.etag)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def catalog_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CatalogHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_catalog_the_server_refuses_is_the_server_s_failure(
    tmp_path: Path, catalog_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_CatalogHandler, "do_GET", _answer_503)
    with requests.Session() as session, pytest.raises(CatalogError) as caught:
        fetch_catalog(catalog_server, tmp_path / "cache", session, timeout=(2, 2))
    assert str(caught.value).endswith("catalog.json: server answered HTTP 503")
    assert caught.value.kind is FailureKind.SERVER


def _answer_503(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(503)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def test_a_304_whose_check_cannot_be_recorded_says_what_failed_and_keeps_the_copy(
    tmp_path: Path, catalog_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server answered: it is not "cannot be reached". What failed is the local write, named
    with its file; the cached catalog is current and is used."""
    import sync.catalog

    cache = tmp_path / "cache"
    with requests.Session() as session:
        first = fetch_catalog(catalog_server, cache, session)
        assert not first.stale and first.cache_error is None
        [meta] = cache.glob("*.meta.json")
        before = meta.read_bytes()

        def full_disk(path: Path, data: bytes | str, **kw: Any) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

        monkeypatch.setattr(sync.catalog, "write_atomic", full_disk)
        second = fetch_catalog(catalog_server, cache, session)
    assert second.not_modified and not second.stale and second.stale_reason is None
    assert second.catalog == first.catalog
    assert second.cache_error == f"{meta}: cannot update the offline copy (No space left on device)"
    assert meta.read_bytes() == before
    monkeypatch.undo()
    with requests.Session() as session:
        third = fetch_catalog(catalog_server, cache, session)  # the copy is still there
    assert third.not_modified and third.catalog == first.catalog and third.cache_error is None


def test_a_fresh_catalog_that_cannot_be_kept_offline_says_so(
    tmp_path: Path, catalog_server: str
) -> None:
    cache = tmp_path / "cache"
    cache.write_bytes(b"")  # a file where the cache folder goes: nothing can be written there
    with requests.Session() as session:
        result = fetch_catalog(catalog_server, cache, session)
    assert not result.stale and [c.id for c in result.catalog.courses] == ["les-mooc"]
    assert result.cache_error is not None
    assert result.cache_error.startswith(f"{cache / 'catalog-'}")
    assert result.cache_error.endswith(".json: cannot update the offline copy (File exists)")


def walked_pairs(monkeypatch: pytest.MonkeyPatch, most: int) -> list[int]:
    """The catalog reader's JSON object hooks (the real ones) handed each object's key-value
    pairs as a list counting every pair walked through, by iteration or slicing: the total in
    the list returned. Past `most`, an AssertionError ends the walk (a quadratic one would take
    minutes)."""
    steps = [0]

    def step(count: int) -> None:
        steps[0] += count
        assert steps[0] <= most, f"more than {most} key-value pairs walked"

    class Walked(list):  # type: ignore[type-arg]
        def __iter__(self) -> Iterator[Any]:
            for pair in super().__iter__():
                step(1)
                yield pair

        def __getitem__(self, index: Any) -> Any:
            item = super().__getitem__(index)
            step(len(item) if isinstance(index, slice) else 1)
            return item

    def walking(hook: Callable[[list[Any]], dict[str, Any]]) -> Callable[[list[Any]], Any]:
        return lambda pairs: hook(Walked(pairs))

    for name in ("_unique_keys", "_mark_repeats"):
        monkeypatch.setattr(sync.catalog_parse, name, walking(getattr(sync.catalog_parse, name)))
    return steps


def test_a_duplicate_key_after_many_others_is_named_at_once(
    tmp_path: Path, catalog_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's catalog (well under the size cap) holding one object of 40,000 keys, the
    first repeated at the end: the repeat is named in a moment, not after minutes of looking
    (finding it was quadratic in the object's keys: 800 million steps). Checked by the steps,
    not the clock: the object's pairs are walked a few times, not once a key."""
    keys = ",".join(f'"k{i}": 0' for i in range(40_000))
    body = b'{"format": 1, "courses": [], "x": {' + keys.encode() + b', "k0": 1}}'
    monkeypatch.setattr(_CatalogHandler, "body", body)
    walked = walked_pairs(monkeypatch, most=4 * 40_001)
    with requests.Session() as session, pytest.raises(CatalogError) as caught:
        fetch_catalog(catalog_server, tmp_path / "cache", session)
    assert walked[0] > 40_001  # the hooks saw the pairs (3 walks now: 2 dicts and the search)
    assert str(caught.value) == (
        f"{catalog_server}catalog.json: $.x.k0: duplicate key 'k0': one JSON object names it "
        "twice, so readers may disagree"
    )
    assert not (tmp_path / "cache").exists()


def _waits_for_a_writer(thread: threading.Thread) -> bool:
    """Whether `thread` sleeps in Linux's wait for the other end of a FIFO (its wchan)."""
    with contextlib.suppress(OSError):
        wchan = Path(f"/proc/self/task/{thread.native_id}/wchan").read_text()
        return wchan.strip() == "wait_for_partner"
    return False


def _without_waiting(call: Callable[[], object], fifo: Path) -> BaseException | None:
    """What `call` raised, run on a thread while no writer ever opens `fifo`. It must end on
    its own: a thread seen waiting for the FIFO's writer (Linux says so) fails the test at
    once, and is released (a writer opens it) so that the test does not hang."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    # 60 s: a guard where the kernel does not tell what a thread waits for, not a measure.
    deadline = time.monotonic() + 60
    waiting = False
    while thread.is_alive() and not waiting and time.monotonic() < deadline:
        waiting = _waits_for_a_writer(thread)
        thread.join(0.01)
    if thread.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(60)
    assert not waiting, f"opening the FIFO {fifo} waited for a writer"
    assert not thread.is_alive(), f"still opening the FIFO {fifo}"
    return raised[0] if raised else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_repository_is_refused_without_waiting(tmp_path: Path) -> None:
    # A shared drive or a stick can hold a FIFO where catalog.json or a manifest should be:
    # opening it waited for a writer, for ever (`cartable catalogs add`, the Catalog page).
    os.mkfifo(tmp_path / "catalog.json")
    caught = _without_waiting(
        lambda: fetch_catalog(str(tmp_path), tmp_path / "cache", requests.Session()),
        tmp_path / "catalog.json",
    )
    assert isinstance(caught, CatalogError)
    assert str(caught) == f"{tmp_path / 'catalog.json'}: cannot read (not a regular file)"
    manifest = tmp_path / "courses" / "maths" / "1.0" / "course.json"
    manifest.parent.mkdir(parents=True)
    os.mkfifo(manifest)
    caught = _without_waiting(
        lambda: read_repository_file(
            str(tmp_path), "courses/maths/1.0/course.json", requests.Session()
        ),
        manifest,
    )
    assert isinstance(caught, CatalogError)
    assert str(caught) == f"{manifest}: cannot read (not a regular file)"


def test_the_date_of_an_offline_copy_is_read_without_parsing_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """r5 #6: Help read every copy's date by parsing the whole catalog (4.6 s for 500 catalogs
    of 200 courses, on the UI thread): only the `.meta.json` is read now."""
    url = "https://lab.example/"
    cache_dir = tmp_path / "cache"
    assert sync.catalog.offline_copy_time(url, cache_dir) is None  # never fetched
    cache = sync.catalog._CatalogCache(cache_dir, url)
    cache.store(json.dumps({"format": 1, "title": "T", "courses": []}).encode(), None)
    written = json.loads(cache.meta_path.read_text("utf-8"))["fetched_at"]
    parsed: list[bytes] = []

    def counted(data: bytes, *args: Any, **kwargs: Any) -> Any:
        parsed.append(data)
        return parse_catalog(data, *args, **kwargs)

    monkeypatch.setattr(sync.catalog, "parse_catalog", counted)
    when = sync.catalog.offline_copy_time(url, cache_dir)
    assert when is not None and when.isoformat() == written
    assert parsed == []
    cache.data_path.unlink()  # a date without its copy: no copy to show
    assert sync.catalog.offline_copy_time(url, cache_dir) is None
