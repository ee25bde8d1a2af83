"""What a refused download is, by the kind of its failure rather than by its English words:
"retry later" for a repository that cannot be reached (or says "not now"), never for a file
missing or refused; "busy" when another Cartable on this computer is downloading, kept as text in
download_failure, and an unknown kind read from disk is OTHER."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library import download_manifests
from player.library.download_refusals import DownloadRefused, failure_of
from sync.catalog import CatalogError
from sync.download_state import BlobSpec, DownloadState, DownloadStore, FailureKind
from tests.course_repo import add_course, random_files
from tests.unit.test_library_downloads import KB, make_device, offered


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def refusal_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: PrivateKey, error: CatalogError
) -> DownloadRefused:
    """What `prepare` says when reading the course's manifest fails with `error`."""
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 31), key=key)
    device = make_device(tmp_path / "device", [key], institution=(str(repo),))
    found = offered(device)

    def failing(*_args: object, **_kwargs: object) -> bytes:
        raise error

    monkeypatch.setattr(download_manifests, "read_repository_file", failing)
    try:
        with pytest.raises(DownloadRefused) as refused:
            device.downloads.prepare(found.entry, found.source)
    finally:
        device.store.close()
        device.downloads.store.close()
    return refused.value


@pytest.mark.parametrize(
    ("error", "later"),
    [
        # The network: whatever its words, retried when the network is back.
        (
            CatalogError("https://c.example/course.json: connection dropped", FailureKind.NETWORK),
            True,
        ),
        # A server saying "not now" (as the download engine retries it): kept.
        (CatalogError("https://c.example/x: server answered HTTP 503", FailureKind.SERVER), True),
        (CatalogError("https://c.example/x: server answered HTTP 429", FailureKind.SERVER), True),
        # A lasting answer: failed, with its reason.
        (CatalogError("https://c.example/x: server answered HTTP 403", FailureKind.SERVER), False),
        # Not the network, even if its words (a folder's name) say "cannot reach ".
        (
            CatalogError(
                "/media/usb/cannot reach the lab/courses/maths/course.json: missing from the "
                "repository",
                FailureKind.MISSING,
            ),
            False,
        ),
        (
            CatalogError("/media/usb/cannot reach x/course.json: cannot read (Permission denied)"),
            False,
        ),
    ],
)
def test_retry_later_is_decided_by_the_kind(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    key: PrivateKey,
    error: CatalogError,
    later: bool,
) -> None:
    refused = refusal_for(monkeypatch, tmp_path, key, error)
    assert refused.retryable is later
    assert refused.kind is error.kind


def test_a_folder_repository_named_like_a_network_error_is_not_retried(
    tmp_path: Path, key: PrivateKey
) -> None:
    """A real folder (a USB stick) whose course file is gone: failed, not waiting for a network."""
    repo = tmp_path / "cannot reach the lab"
    add_course(repo, random_files(2, 10 * KB, 32), key=key)
    device = make_device(tmp_path / "device", [key], institution=(str(repo),))
    found = offered(device)
    (repo / found.entry.manifest).unlink()
    with pytest.raises(DownloadRefused) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.MISSING and not refused.value.retryable
    device.store.close()
    device.downloads.store.close()


def test_another_cartable_downloading_is_busy_not_other(tmp_path: Path, key: PrivateKey) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 33), key=key)
    gui = make_device(tmp_path / "d", [key], (str(repo),))
    cli = make_device(tmp_path / "d", [key], (str(repo),))
    found = offered(cli)
    prepared = cli.downloads.prepare(found.entry, found.source)
    # The player is downloading something.
    with gui.downloads.lock.held(), pytest.raises(DownloadRefused) as refused:
        cli.downloads.run(prepared)
    assert refused.value.kind is FailureKind.BUSY and not refused.value.retryable
    assert failure_of(refused.value) is FailureKind.BUSY
    for device in (gui, cli):
        device.store.close()
        device.downloads.store.close()


def test_the_busy_kind_is_kept_as_text_and_an_unknown_kind_reads_as_other(
    tmp_path: Path,
) -> None:
    path = tmp_path / "records.sqlite3"
    store = DownloadStore.open(path, create=True)
    store.begin("maths@1.0.0", "https://c.example/", [BlobSpec("a" * 64, 1)])
    store.set_state("maths@1.0.0", DownloadState.FAILED, "another Cartable…", FailureKind.BUSY)
    with sqlite3.connect(path) as raw:
        [(kind,)] = raw.execute("SELECT kind FROM download_failure").fetchall()
    assert kind == "busy"
    assert store.get("maths@1.0.0").failure is FailureKind.BUSY  # type: ignore[union-attr]
    with sqlite3.connect(path) as raw:  # a kind written by a newer Cartable
        raw.execute("UPDATE download_failure SET kind='quota'")
    assert store.get("maths@1.0.0").failure is FailureKind.OTHER  # type: ignore[union-attr]
    store.close()
