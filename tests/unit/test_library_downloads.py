"""Course installs from catalogs (player.library.downloads and .catalogs), from repository
folders: the real downloader, blob store, library and records database; no server."""

from __future__ import annotations

import errno
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from player.commands import with_trust_hint
from player.course.errors import KeyScope
from player.course.signing import PrivateKey
from player.library import download_manifests
from player.library.blobstore import BlobState, BlobStore
from player.library.catalog_keys import untrusted_signers
from player.library.catalogs import (
    Catalogs,
    CatalogSourceError,
    CourseState,
    normalize_location,
)
from player.library.download_records import describe
from player.library.download_refusals import DownloadRefused, failure_of
from player.library.downloads import CourseDownloads
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from player.store import Store, migrations
from sync import download as sync_download
from sync import download_schema
from sync.download import Downloader
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DOWNLOAD_SCHEMA, DownloadState, DownloadStore, FailureKind
from sync.http import make_session
from sync.outbox import split_sql
from sync.share_server import DEFAULT_PORT
from tests import children
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.unit.test_store_helpers import FakeClock
from tests.unreadable import DeniedBlobs

KB = 1000


@dataclass
class Device:
    """One installation: library, records store, downloads, catalogs."""

    root: Path
    library: Library
    store: Store
    downloads: CourseDownloads
    catalogs: Catalogs
    user_catalogs: list[str]

    @property
    def blobs(self) -> BlobStore:
        return self.library.blobs

    def parts(self) -> list[Path]:
        folder = self.blobs.root / ".partial"
        return sorted(folder.iterdir()) if folder.is_dir() else []

    def manifest_copies(self) -> list[Path]:
        folder = self.root / "downloads"
        return [p for p in folder.iterdir() if p.name != "downloads.lock"]

    def stored_blobs(self) -> set[str]:
        base = self.blobs.root / "sha256"
        return {p.name for p in base.rglob("*") if p.is_file()} if base.is_dir() else set()


def make_device(
    root: Path,
    keys: list[PrivateKey],
    institution: tuple[str, ...] = (),
    options: DownloadOptions | None = None,
    clock: FakeClock | None = None,
) -> Device:
    trust = TrustStore(root / "trusted-keys", [TrustedKey(k.public, "branding") for k in keys])
    library = Library(
        root / "courses", BlobStore(root / "blobs"), trust, records=root / "cartable.sqlite3"
    )
    store = Store.open(
        root / "cartable.sqlite3", backup_every=None, **({"clock": clock} if clock else {})
    )
    session = make_session("test")
    downloader = Downloader(
        root / "blobs",
        DownloadStore.open(root / "cartable.sqlite3"),
        session,
        options=options or DownloadOptions(backoff_base=0.01, network_backoff_base=0.01),
    )
    downloads = CourseDownloads(library, downloader, session, root / "downloads")
    user: list[str] = []
    catalogs = Catalogs(library, root / "cache", institution, user)
    return Device(root, library, store, downloads, catalogs, user)


@pytest.fixture
def key(tmp_path: Path) -> PrivateKey:
    return PrivateKey.generate()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return tmp_path / "repo"


@pytest.fixture
def device(tmp_path: Path, key: PrivateKey, repo: Path) -> Iterator[Device]:
    made = make_device(tmp_path / "device", [key], institution=(str(repo),))
    yield made
    made.store.close()
    made.downloads.store.close()


def offered(device: Device, course_id: str = "maths"):  # type: ignore[no-untyped-def]
    listings = device.catalogs.fetch(device.downloads.session)
    device.catalogs.read_ahead(listings, device.downloads.session)
    found = device.catalogs.browse(listings).find(course_id)
    assert found is not None, [listing.error for listing in listings]
    return found


def install(device: Device, course_id: str = "maths", **kwargs):  # type: ignore[no-untyped-def]
    found = offered(device, course_id)
    prepared = device.downloads.prepare(found.entry, found.source)
    return prepared, device.downloads.run(prepared, **kwargs)


# --- the database --------------------------------------------------------------------------------


def test_the_records_database_holds_exactly_the_download_engines_tables(tmp_path: Path) -> None:
    """Migration 4 is a frozen copy of DOWNLOAD_SCHEMA: a change there needs a new migration."""
    store = Store.open(tmp_path / "cartable.sqlite3", backup_every=None)
    blank = sqlite3.connect(":memory:")
    blank.executescript(DOWNLOAD_SCHEMA)

    def tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
        return sorted(
            (r[0], " ".join(r[1].split()))
            for r in conn.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE name LIKE 'download%' AND sql IS NOT NULL"
            )
        )

    assert tables(store.conn) == tables(blank) and len(tables(blank)) == 5
    store.close()
    landed = migrations.MIGRATIONS[3]
    assert landed.version == 4 and landed.sql == tuple(split_sql(download_schema.SCHEMA_V1))
    kinds = migrations.MIGRATIONS[6]
    assert kinds.version == 7 and kinds.sql == tuple(split_sql(download_schema.SCHEMA_V2))


def test_a_failure_recorded_before_kinds_existed_has_none_and_keeps_its_reason(
    tmp_path: Path,
) -> None:
    """Rows from before migration 7 keep their English reason and no kind (the view falls back
    to reading the reason); failures recorded since carry their kind."""
    path = tmp_path / "cartable.sqlite3"
    old = sqlite3.connect(path)
    migrations.migrate(old, target=6)
    old.execute(
        "INSERT INTO download (id, source, state, total_bytes, error, created_at, updated_at) "
        "VALUES ('maths@1.0.0', 'https://c.example/', 'failed', 10, 'content hash is 0', "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    old.commit()
    old.close()
    store = Store.open(path, backup_every=None)
    store.close()
    downloads = DownloadStore.open(path)
    record = downloads.get("maths@1.0.0")
    assert record is not None and record.failure is None and record.error == "content hash is 0"
    downloads.set_state("maths@1.0.0", DownloadState.FAILED, "no", FailureKind.DAMAGED)
    described = describe(downloads.get("maths@1.0.0"))  # type: ignore[arg-type]
    assert described.failure is FailureKind.DAMAGED
    downloads.close()


# --- installing ----------------------------------------------------------------------------------


def test_a_course_appears_once_every_file_is_downloaded_and_verified(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    course = add_course(repo, random_files(6, 200 * KB, 1), key=key)
    found = offered(device)
    assert (found.state, found.to_download, found.size_known) == (
        CourseState.AVAILABLE,
        course.size,
        True,
    )
    seen: list[DownloadProgress] = []

    def progress(p: DownloadProgress) -> None:
        seen.append(p)
        assert device.library.get("maths") is None  # not before every file is here

    prepared = device.downloads.prepare(found.entry, found.source)
    assert prepared.to_download == course.size and prepared.previous_version is None
    outcome = device.downloads.run(prepared, progress=progress)
    assert outcome.state is DownloadState.COMPLETED, outcome.error
    installed = device.library.get("maths")
    assert installed is not None and installed.verified and installed.source == str(repo)
    assert device.library.damaged_files("maths") == []
    assert seen and seen[-1].done_bytes == course.size
    # Nothing left behind: no record, no part, no manifest copy.
    assert device.downloads.downloads() == [] and device.parts() == []
    assert device.manifest_copies() == []
    assert offered(device).state is CourseState.INSTALLED


def test_an_unsigned_course_from_a_catalog_is_refused_with_the_reason(
    device: Device, repo: Path
) -> None:
    add_course(repo, random_files(2, 10 * KB, 2), key=None)
    found = offered(device)
    with pytest.raises(DownloadRefused, match="refused: the course is not signed") as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.UNSIGNED, "no key to add helps (review r7 #5)"
    assert refused.value.signer is None
    assert device.downloads.downloads() == [] and device.library.installed() == []


def test_a_course_signed_by_an_unknown_key_is_refused(device: Device, repo: Path) -> None:
    stranger = PrivateKey.generate()
    add_course(repo, random_files(2, 10 * KB, 3), key=stranger)
    found = offered(device)
    with pytest.raises(
        DownloadRefused, match=f"refused: signed by key {stranger.public.key_id}"
    ) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.TRUST
    assert device.stored_blobs() == set()


def test_a_damaged_signature_is_refused_as_altered_not_as_an_unknown_key(
    device: Device, repo: Path, key: PrivateKey
) -> None:
    """A signature file that cannot be read names no key: adding one in Settings, as a TRUST
    refusal says, cannot help; the publisher must publish a correct copy."""
    course = add_course(repo, random_files(2, 10 * KB, 3), key=key)
    course.manifest.with_name("course.json.sig").write_bytes(b"truncated upl")
    found = offered(device)
    with pytest.raises(DownloadRefused, match="signature file is not JSON") as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.ALTERED and refused.value.signer is None
    assert device.stored_blobs() == set()


def test_a_course_signed_by_a_key_trusted_for_another_course_only_is_not_said_untrusted(
    device: Device, repo: Path, tmp_path: Path
) -> None:
    """The demo key, trusted for the demo only (defence in depth should it leak): a course it
    signs is refused, as KEY_SCOPE, never as a key to add (it is listed already, and `cartable
    trust add` changes nothing: the built-in limited entry wins). Review r7 #2."""
    demo = PrivateKey.generate()
    device.library.trust.built_in.append(TrustedKey(demo.public, "demo", only_course="les-mooc"))
    add_course(repo, random_files(2, 10 * KB, 3), key=demo)
    found = offered(device)  # a folder: its signature read ahead
    assert found.untrusted_key is None, "no key to add"
    [listing] = device.catalogs.fetch(device.downloads.session)  # `cartable catalogs add`'s
    check = untrusted_signers(device.catalogs, listing, device.downloads.session)
    assert check.untrusted == {}
    with pytest.raises(DownloadRefused) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.KEY_SCOPE
    assert refused.value.signer == demo.public.key_id, "for the catalog to say it"
    assert str(refused.value).endswith(
        f"refused: signed by key {demo.public.key_id}, which this computer accepts only for the "
        "course les-mooc"
    )
    assert with_trust_hint(str(refused.value)) == str(refused.value), "no `trust add` hint"
    device.library.trust.add(demo.public)  # what the TRUST words said to do: no change
    with pytest.raises(DownloadRefused) as again:
        device.downloads.prepare(found.entry, found.source)
    assert again.value.kind is FailureKind.KEY_SCOPE
    # The import of a file it signed says the same (`cartable import`, the Import window).
    with pytest.raises(KeyScope, match="accepts only for the course les-mooc") as imported:
        device.library.install_folder(repo)
    assert imported.value.key_id == demo.public.key_id
    assert failure_of(imported.value) is FailureKind.KEY_SCOPE
    assert device.stored_blobs() == set()


def test_a_course_signed_by_an_earlier_demo_key_is_refused_as_earlier_and_trusting_it_fails(
    device: Device, repo: Path
) -> None:
    """An earlier demo key (resources/demo/earlier-keys) signs nothing that installs: a course
    it signed was refused as TRUST ("add its key"), and `cartable trust add` of it trusted it
    for every course. Review r8 #5. Signing maths, not the demo, it was then said "accepted
    only for the course les-mooc", false: it is accepted for no course (review r1 #1)."""
    old = PrivateKey.generate()
    device.library.trust.earlier.append(TrustedKey(old.public, "demo", "les-mooc"))
    add_course(repo, random_files(2, 10 * KB, 3), key=old)
    found = offered(device)
    assert found.untrusted_key is None and found.scoped_key is None
    assert found.earlier_key == old.public.key_id
    with pytest.raises(DownloadRefused) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.EARLIER_KEY
    assert str(refused.value).endswith(
        f"signed by key {old.public.key_id}, an earlier key of the course les-mooc, which this "
        "computer no longer accepts"
    )
    device.library.trust.add(old.public)  # what the TRUST words said to do
    assert old.public.key_id not in {k.key_id for k in device.library.trust.trusted()}
    with pytest.raises(DownloadRefused) as again:
        device.downloads.prepare(found.entry, found.source)
    assert again.value.kind is FailureKind.EARLIER_KEY
    with pytest.raises(KeyScope, match="which this computer no longer accepts") as imported:
        device.library.install_folder(repo)
    assert imported.value.earlier and failure_of(imported.value) is FailureKind.EARLIER_KEY
    assert device.library.get("maths") is None and device.stored_blobs() == set()


def test_a_folder_catalog_names_a_key_not_trusted_before_any_download(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    """Read from the signature on the disk: the catalog marks the course before a download that
    can only be refused; trusting the key lifts it; a trusted key's signature is no stranger's."""
    stranger = PrivateKey.generate()
    add_course(repo, random_files(2, 10 * KB, 3), key=stranger)
    add_course(repo, random_files(1, 10 * KB, 4), key=key, course_id="physique")
    found = offered(device)
    assert found.untrusted_key == stranger.public.key_id
    assert offered(device, "physique").untrusted_key is None
    with pytest.raises(DownloadRefused) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.signer == stranger.public.key_id, "for the catalog of a server"
    device.library.trust.add(stranger.public)
    assert offered(device).untrusted_key is None
    # A trusted key's signature over other bytes: refused as damaged, not as a stranger's.
    signature = repo / "courses" / "physique" / "1.0.0" / "course.json.sig"
    signature.write_bytes(key.sign(b"other bytes"))
    found = offered(device, "physique")
    assert found.untrusted_key is None
    with pytest.raises(DownloadRefused, match="does not match") as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.signer is None


def test_a_server_course_refused_for_its_key_is_marked_from_then_on(
    tmp_path: Path, repo: Path
) -> None:
    """A server's signatures are not read to browse; a download refused for one teaches the
    catalog (`learn_signer`), for that version only."""
    stranger = PrivateKey.generate()
    add_course(repo, random_files(2, 10 * KB, 3), key=stranger)
    server = FaultServer(repo).start()
    device = make_device(tmp_path / "device", [], institution=(server.url,))
    try:
        found = offered(device)
        assert found.untrusted_key is None, "not known yet"
        assert not [e for e in server.log if e.path.endswith(".sig")]
        with pytest.raises(DownloadRefused) as refused:
            device.downloads.prepare(found.entry, found.source)
        assert refused.value.signer == stranger.public.key_id
        device.catalogs.learn_signer(found, stranger.public.key_id)
        assert offered(device).untrusted_key == stranger.public.key_id
        add_course(repo, random_files(2, 10 * KB, 5), key=stranger, version="1.1.0")
        assert offered(device).untrusted_key is None, "another version: not known yet"
    finally:
        server.stop()
        device.store.close()
        device.downloads.store.close()


def test_an_unreachable_catalog_is_a_refusal_to_retry_later(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    import socket

    add_course(repo, random_files(2, 10 * KB, 21), key=key)
    found = offered(device)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"  # nothing listens there
    with pytest.raises(DownloadRefused, match="cannot reach") as refused:
        device.downloads.prepare(found.entry, closed)
    assert refused.value.retryable and refused.value.kind is FailureKind.NETWORK
    manifest = (repo / found.entry.manifest).read_bytes()
    (repo / found.entry.manifest).unlink()
    with pytest.raises(DownloadRefused) as missing:
        device.downloads.prepare(found.entry, found.source)
    assert missing.value.kind is FailureKind.MISSING and not missing.value.retryable
    (repo / found.entry.manifest).write_bytes(manifest)
    (repo / found.entry.signature).unlink()
    with pytest.raises(DownloadRefused) as unsigned:
        device.downloads.prepare(found.entry, found.source)
    assert not unsigned.value.retryable


def test_a_manifest_that_is_not_the_one_the_catalog_describes_is_refused(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    course = add_course(repo, random_files(2, 10 * KB, 4), key=key)
    found = offered(device)
    course.manifest.write_bytes(course.manifest.read_bytes().replace(b"Module 1", b"Module X"))
    with pytest.raises(DownloadRefused, match="the catalog says") as refused:
        device.downloads.prepare(found.entry, found.source)
    # A kind the player words (not its English with two hashes): the server's copy is unusable.
    assert refused.value.kind is FailureKind.SERVER and not refused.value.retryable


def test_not_enough_free_space_is_said_before_anything_is_written(
    tmp_path: Path, key: PrivateKey, repo: Path
) -> None:
    add_course(repo, random_files(2, 10 * KB, 5), key=key)
    huge = DownloadOptions(free_space_margin=1 << 60)
    device = make_device(tmp_path / "d", [key], (str(repo),), options=huge)
    found = offered(device)
    with pytest.raises(DownloadRefused, match=r"not enough free space in .* are free") as full:
        device.downloads.prepare(found.entry, found.source)
    assert full.value.kind is FailureKind.SPACE
    assert device.downloads.downloads() == [] and device.stored_blobs() == set()


# --- updates -------------------------------------------------------------------------------------


def test_an_update_signed_by_a_key_not_trusted_over_another_key_is_told_apart(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    """A new key no installer holds yet is refused as UNTRUSTED_SIGNER, whose words ask for the
    institution's new installer; SIGNER says "another publisher" (review r16 #3)."""
    add_course(repo, random_files(2, 10 * KB, 41), key=key)
    install(device)
    other = PrivateKey.generate()  # not trusted here
    add_course(repo, random_files(2, 10 * KB, 42), key=other, version="2.0.0")
    found = offered(device)
    with pytest.raises(DownloadRefused, match="which this computer does not trust") as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.UNTRUSTED_SIGNER
    assert refused.value.signer == other.public.key_id


def test_an_update_signed_by_another_trusted_key_is_refused_before_any_file_is_fetched(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    """Another catalog, a LAN share or a key the learner added: trusted, but not the key that
    signed the installed version, so the update cannot replace it; nothing is downloaded."""
    add_course(repo, random_files(2, 10 * KB, 31), key=key)
    install(device)
    other = PrivateKey.generate()
    device.library.trust.add(other.public)
    add_course(repo, random_files(2, 10 * KB, 32), key=other, version="2.0.0")
    found = offered(device)
    assert found.state is CourseState.UPDATE
    before = device.stored_blobs()
    with pytest.raises(
        DownloadRefused,
        match=f"but the installed version 1.0.0 is signed by key {key.public.key_id}",
    ) as refused:
        device.downloads.prepare(found.entry, found.source)
    assert refused.value.kind is FailureKind.SIGNER
    assert refused.value.signer == other.public.key_id, "for the catalog of a server"
    assert device.stored_blobs() == before and device.downloads.downloads() == []
    installed = device.library.get("maths")
    assert installed is not None and installed.version == "1.0.0"
    device.catalogs.learn_signer(found, other.public.key_id)  # as the Downloads page does
    again = offered(device)
    assert again.other_signer is not None and again.untrusted_key is None


def test_an_update_fetches_only_the_changed_file_and_switches_at_the_end(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    files = random_files(20, 100 * KB, 6)
    add_course(repo, files, key=key)
    install(device)
    changed = [*files]
    changed[7] = random_files(1, 120 * KB, 7)[0]
    v2 = add_course(repo, changed, key=key, version="1.1.0")
    found = offered(device)
    assert found.state is CourseState.UPDATE and found.installed_version == "1.0.0"
    assert (found.to_download, found.size_known) == (120 * KB, True)  # read ahead: exact

    def still_v1(p: DownloadProgress) -> None:
        installed = device.library.get("maths")
        assert installed is not None and installed.version == "1.0.0"  # usable meanwhile

    prepared = device.downloads.prepare(found.entry, found.source)
    assert prepared.previous_version == "1.0.0" and prepared.to_download == 120 * KB
    outcome = device.downloads.run(prepared, progress=still_v1)
    assert outcome.state is DownloadState.COMPLETED and outcome.result is not None
    assert outcome.result.fetched_bytes == 120 * KB
    installed = device.library.get("maths")
    assert installed is not None and installed.version == "1.1.0"
    assert sorted(p.name for p in (device.root / "courses" / "maths").iterdir()) == [
        "1.1.0",
        "current",
    ]
    # The replaced file went with the old version; the others are shared.
    assert device.stored_blobs() == set(v2.course.files())


def test_learner_progress_carries_over_to_the_new_version(
    tmp_path: Path, key: PrivateKey, repo: Path
) -> None:
    clock = FakeClock()
    device = make_device(tmp_path / "d", [key], (str(repo),), clock=clock)
    files = random_files(3, 10 * KB, 8)
    add_course(repo, files, key=key)
    _, first = install(device)
    assert first.installed is not None
    v1 = first.installed.course
    profile = device.store.profiles.add("Awa", "fr")
    events = device.store.events
    events.course_launched(profile.id, v1)
    video = events.unit_opened(profile.id, v1, "u2")
    events.video_played(video, 0.0)
    clock.advance(60)
    events.video_paused(video, 60.0)
    events.unit_closed(video, 60.0)
    assert device.store.progress.unit(profile.id, "maths", "u2").completed
    registration = device.store.progress.registration(profile.id, "maths")
    add_course(repo, [*files, random_files(1, 10 * KB, 9)[0]], key=key, version="2.0.0")
    _, second = install(device)
    assert second.installed is not None and second.installed.version == "2.0.0"
    v2 = second.installed.course
    assert device.store.progress.unit(profile.id, "maths", "u2").completed
    assert device.store.progress.registration(profile.id, "maths") == registration
    summary = device.store.progress.course(profile.id, v2)
    assert summary.units_satisfied == 1 and summary.units_total == 4
    device.store.close()


# --- pause, cancel, crash ------------------------------------------------------------------------


def stop_after_first_blob(cancel: threading.Event):  # type: ignore[no-untyped-def]
    def progress(p: DownloadProgress) -> None:
        if p.blobs_done >= 1:
            cancel.set()

    return progress


def paused_download(device: Device) -> str:
    cancel = threading.Event()
    prepared, outcome = install(device, cancel=cancel, progress=stop_after_first_blob(cancel))
    assert outcome.state is DownloadState.PAUSED
    assert device.library.get("maths") is None
    return prepared.download_id


def test_cancel_keeps_nothing_half_installed(device: Device, key: PrivateKey, repo: Path) -> None:
    add_course(repo, random_files(5, 300 * KB, 10), key=key)
    download_id = paused_download(device)
    assert device.stored_blobs()  # some files arrived
    [item] = device.downloads.downloads()
    assert (item.state, item.title) == (DownloadState.PAUSED, "Mathématiques")
    device.downloads.discard(download_id)
    assert device.downloads.downloads() == []
    assert device.stored_blobs() == set() and device.parts() == []
    assert device.manifest_copies() == []
    assert device.library.installed() == []


def test_garbage_collection_spares_a_paused_download(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    other = add_course(repo, random_files(2, 10 * KB, 11), key=key, course_id="other", title="B")
    install(device, "other")
    add_course(repo, random_files(5, 300 * KB, 12), key=key)
    paused_download(device)
    arrived = device.stored_blobs() - set(other.course.files())
    assert arrived
    device.library.uninstall("other")  # collects garbage
    assert arrived <= device.stored_blobs()
    assert not set(other.course.files()) & device.stored_blobs()


def test_after_a_crash_the_download_resumes_from_its_parts_without_the_catalog(
    tmp_path: Path, key: PrivateKey, repo: Path
) -> None:
    course = add_course(repo, random_files(5, 300 * KB, 13), key=key)
    device = make_device(tmp_path / "d", [key], (str(repo),))
    download_id = paused_download(device)
    device.downloads.store.set_state(download_id, DownloadState.RUNNING)  # as a kill leaves it
    device.downloads.store.close()
    (repo / "catalog.json").unlink()  # the USB stick's catalog is gone: the manifest was kept
    again = make_device(tmp_path / "d", [key], (str(repo),))
    assert again.downloads.unfinished() == [download_id]
    outcome = again.downloads.resume(download_id)
    assert outcome.state is DownloadState.COMPLETED and outcome.result is not None
    assert outcome.result.reused_bytes > 0
    assert outcome.result.fetched_bytes + outcome.result.reused_bytes == course.size
    assert again.library.get("maths") is not None and again.downloads.downloads() == []


def test_a_resume_checks_the_signature_again(tmp_path: Path, key: PrivateKey, repo: Path) -> None:
    add_course(repo, random_files(5, 300 * KB, 14), key=key)
    device = make_device(tmp_path / "d", [key], (str(repo),))
    download_id = paused_download(device)
    device.downloads.store.close()
    distrusting = make_device(tmp_path / "d", [], (str(repo),))  # the key is no longer trusted
    outcome = distrusting.downloads.resume(download_id)
    assert outcome.state is DownloadState.FAILED and "not trusted" in (outcome.error or "")
    assert outcome.failure is FailureKind.TRUST
    item = distrusting.downloads.get(download_id)
    assert (
        item is not None
        and item.state is DownloadState.FAILED
        and "not trusted" in (item.reason or "")
        and item.failure is FailureKind.TRUST
    )


def test_a_damaged_local_copy_of_the_signature_is_read_again_from_the_source(
    tmp_path: Path, key: PrivateKey, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paused download's copy of course.json.sig damaged on this disk (review r7 #3): the
    resume failed as ALTERED ("tell its publisher", whose copy is fine) at every try. It reads
    the source's copy once; ALTERED only when that fails too."""
    course = add_course(repo, random_files(5, 300 * KB, 14), key=key)
    device = make_device(tmp_path / "d", [key], (str(repo),))
    download_id = paused_download(device)
    copy = device.downloads.manifests.folder(download_id) / "course.json.sig"
    copy.write_bytes(copy.read_bytes()[:40])
    read: list[str] = []
    real = download_manifests.read_repository_file
    monkeypatch.setattr(
        download_manifests,
        "read_repository_file",
        lambda source, path, *args, **kwargs: (
            read.append(path) or real(source, path, *args, **kwargs)
        ),
    )
    outcome = device.downloads.resume(download_id)
    assert outcome.state is DownloadState.COMPLETED, outcome.error
    assert device.library.get("maths") is not None
    # The manifest kept here is the one the download began with: only the signature is read
    # (review r8 #8: the manifest was downloaded again too).
    assert read == [str(course.manifest.relative_to(repo)) + ".sig"]
    # The source's copy damaged as well (the publisher's to fix): ALTERED, as before.
    other = make_device(tmp_path / "other", [key], (str(repo),))
    download_id = paused_download(other)
    copy = other.downloads.manifests.folder(download_id) / "course.json.sig"
    copy.write_bytes(copy.read_bytes()[:40])
    course.manifest.with_name("course.json.sig").write_bytes(b"truncated upl")
    outcome = other.downloads.resume(download_id)
    assert outcome.state is DownloadState.FAILED and outcome.failure is FailureKind.ALTERED
    assert "signature file is not JSON" in (outcome.error or "")


def test_killed_between_download_and_install_installs_at_next_start(
    tmp_path: Path, key: PrivateKey, repo: Path
) -> None:
    add_course(repo, random_files(3, 10 * KB, 15), key=key)
    device = make_device(tmp_path / "d", [key], (str(repo),))
    found = offered(device)
    prepared = device.downloads.prepare(found.entry, found.source)
    # What `run` does before the install, as if the process died right after.
    device.downloads.manifests.save(prepared.download_id, prepared.opened)
    result = device.downloads.downloader.run(
        prepared.download_id, prepared.source, prepared.blobs, meta=prepared.meta
    )
    assert result.state is DownloadState.COMPLETED and device.library.get("maths") is None
    device.downloads.store.close()
    again = make_device(tmp_path / "d", [key], (str(repo),))
    installed = again.downloads.finish_completed()
    assert [i.id for i in installed] == ["maths"] and again.downloads.downloads() == []


def test_one_downloading_process_per_installation(
    tmp_path: Path, key: PrivateKey, repo: Path
) -> None:
    add_course(repo, random_files(2, 10 * KB, 20), key=key)
    gui = make_device(tmp_path / "d", [key], (str(repo),))
    cli = make_device(tmp_path / "d", [key], (str(repo),))
    found = offered(cli)
    prepared = cli.downloads.prepare(found.entry, found.source)
    with gui.downloads.lock.held():  # the player is downloading something
        with pytest.raises(DownloadRefused, match="another Cartable on this computer"):
            cli.downloads.run(prepared)
        assert cli.downloads.downloads() == [] and cli.parts() == []
    assert cli.downloads.run(prepared).state is DownloadState.COMPLETED


# --- repair --------------------------------------------------------------------------------------


def test_a_damaged_file_is_fetched_again_from_the_catalog(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    course = add_course(repo, random_files(4, 50 * KB, 16), key=key)
    install(device)
    sha = next(iter(course.course.files()))
    device.blobs.path(sha).write_bytes(b"x" * 50 * KB)  # same size, other bytes
    assert device.library.damaged_files("maths") == [sha]
    result = device.downloads.refetch("maths", [str(repo)])
    assert result.state is DownloadState.COMPLETED and result.fetched_bytes == 50 * KB
    assert device.library.damaged_files("maths") == [] and device.downloads.downloads() == []


def test_refetch_without_a_catalog_says_so(device: Device, key: PrivateKey, repo: Path) -> None:
    add_course(repo, random_files(1, 10 * KB, 17), key=key)
    install(device)
    device.blobs.discard(next(iter(device.library.get("maths").course.files())))  # type: ignore[union-attr]
    with pytest.raises(DownloadRefused, match="no catalog offers this course"):
        device.downloads.refetch("maths", [])


# --- catalogs ------------------------------------------------------------------------------------


def test_catalog_sources_institution_first_and_kept(device: Device, tmp_path: Path) -> None:
    other = tmp_path / "usb"
    other.mkdir()
    with pytest.raises(CatalogSourceError, match=r"no catalog\.json in this folder"):
        device.catalogs.add(str(other))
    (other / "catalog.json").write_text(json.dumps({"format": 1, "courses": []}))
    added = device.catalogs.add(str(other / "catalog.json"))
    assert added.location == str(other.resolve()) and device.user_catalogs == [added.location]
    web = device.catalogs.add("https://cours.example.org/depot/catalog.json")
    assert web.location == "https://cours.example.org/depot/"
    with pytest.raises(CatalogSourceError, match="already in the catalogs"):
        device.catalogs.add("https://cours.example.org/depot")
    assert [(s.origin, s.removable) for s in device.catalogs.sources()] == [
        ("institution", False),
        ("user", True),
        ("user", True),
    ]
    institution = device.catalogs.sources()[0].location
    with pytest.raises(CatalogSourceError, match="comes with this installation"):
        device.catalogs.remove(institution)
    device.catalogs.remove("https://cours.example.org/depot/")
    device.catalogs.remove(str(other))
    assert device.user_catalogs == []
    with pytest.raises(CatalogSourceError, match="not in the catalogs"):
        device.catalogs.remove(str(other))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "needs a URL or a folder"),
        ("http://", "no host"),
        ("/nowhere/at/all", "no such folder"),
        ("300.1.1.1", "each of its four numbers goes from 0 to 255"),
        ("192.168.1", r"not a network address \(four numbers"),
        ("192.168.1.12:", "not a network address"),
        ("192.168.1.12:70000", "the port after “:” goes from 1 to 65535"),
        ("192.168.1.12:0", "goes from 1 to 65535"),
        ("~no-such-user-of-cartable/cours", "no such folder"),  # was expanduser's RuntimeError
        ("/tmp/" + "a" * 300, "cannot be read as a folder"),  # was is_dir's ENAMETOOLONG
        ("cours\x00usb", "cannot be read as a folder"),  # was resolve's ValueError
    ],
)
def test_bad_catalog_locations_are_named(text: str, message: str) -> None:
    with pytest.raises(CatalogSourceError, match=message) as raised:
        normalize_location(text)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("192.168.1.12", "http://192.168.1.12:8475/"),  # as written on the board
        ("192.168.1.12:8475", "http://192.168.1.12:8475/"),
        (" 10.0.0.7:9000/ ", "http://10.0.0.7:9000/"),  # the port chosen when 8475 was taken
        ("192.168.001.012", "http://192.168.1.12:8475/"),
        ("http://192.168.1.12:8475/catalog.json", "http://192.168.1.12:8475/"),
    ],
)
def test_a_bare_network_address_is_a_share_on_this_network(text: str, url: str) -> None:
    assert DEFAULT_PORT == 8475
    assert normalize_location(text) == url


def test_a_share_is_added_and_removed_by_its_bare_address(device: Device) -> None:
    added = device.catalogs.add("192.168.1.12")
    assert added.location == "http://192.168.1.12:8475/"
    assert device.user_catalogs == ["http://192.168.1.12:8475/"]
    with pytest.raises(CatalogSourceError, match="already in the catalogs"):
        device.catalogs.add("http://192.168.1.12:8475")
    device.catalogs.remove("192.168.1.12:8475")
    assert device.user_catalogs == []


def test_a_folder_named_with_numbers_is_still_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "2026.1"
    folder.mkdir()
    (folder / "catalog.json").write_text(json.dumps({"format": 1, "courses": []}))
    monkeypatch.chdir(tmp_path)
    assert normalize_location("2026.1") == str(folder.resolve())


def test_size_to_download_counts_only_what_is_not_on_disk(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    shared = random_files(2, 100 * KB, 18)
    add_course(repo, shared, key=key, course_id="intro", title="Introduction")
    install(device, "intro")
    own = random_files(1, 30 * KB, 19)
    add_course(repo, [*shared, *own], key=key, course_id="suite", title="Suite")
    found = offered(device, "suite")
    assert (found.state, found.to_download, found.size_known) == (
        CourseState.AVAILABLE,
        30 * KB,
        True,
    )


def test_an_unreadable_catalog_is_listed_with_its_reason(device: Device, tmp_path: Path) -> None:
    listings = device.catalogs.fetch(device.downloads.session)
    [listing] = listings
    assert listing.result is None and "no catalog.json" in (listing.error or "")
    assert device.catalogs.browse(listings).courses == ()


def test_one_bad_catalog_does_not_hide_the_others(
    device: Device, key: PrivateKey, repo: Path, tmp_path: Path
) -> None:
    add_course(repo, random_files(1, 10 * KB, 14), key=key)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "catalog.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    device.catalogs.add(str(bad))
    good, broken = device.catalogs.fetch(device.downloads.session)
    assert broken.result is None and "nested too deeply" in (broken.error or "")
    assert good.result is not None and [e.id for e in good.entries] == ["maths"]


# --- another process cleaning up ----------------------------------------------------------------

_SLOW_COLLECTOR = """
import sys, time
from pathlib import Path
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustStore

root, flag, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
original = BlobStore.collect_garbage

def slow(self, keep):  # what to keep is read: the files go once the test says so
    flag.touch()
    deadline = time.monotonic() + 60  # a guard against a test that never says so
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return original(self, keep)

BlobStore.collect_garbage = slow
library = Library(
    root / "courses", BlobStore(root / "blobs"), TrustStore(root / "keys", []),
    records=root / "cartable.sqlite3",
)
assert library.uninstall("first")
print(library.last_collection)
"""


def test_a_clean_up_in_another_process_never_takes_a_file_a_download_just_found(
    tmp_path: Path, key: PrivateKey, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cartable courses remove first` runs while the player downloads `second`, which shares
    its files: the clean-up read what to keep before the download was recorded. The download
    must not count on a file the clean-up is about to delete. The clean-up deletes once the
    download asks for the clean-up lock (after it is recorded), or has ended without asking:
    not after a fixed time a loaded machine may overrun."""
    import sys
    import time

    files = random_files(3, 20 * KB, 40)
    add_course(repo, files, key=key, course_id="first")
    device = make_device(tmp_path / "d", [key], (str(repo),))
    _, first = install(device, "first")
    assert first.state is DownloadState.COMPLETED
    add_course(repo, files, key=key, course_id="second")  # the same files
    flag, go = tmp_path / "collecting", tmp_path / "go"
    real_held = sync_download.held

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        go.touch()  # the download asks for the lock: the clean-up may delete now
        return real_held(*args, **kwargs)

    monkeypatch.setattr(sync_download, "held", held)
    with children.started(
        [sys.executable, "-c", _SLOW_COLLECTOR, str(device.root), str(flag), str(go)],
        cwd=Path(__file__).parents[2],
    ) as collector:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert collector.poll() is None and time.monotonic() < deadline, "no collection"
            time.sleep(0.02)
        _, second = install(device, "second")
        go.touch()  # a download that never asked for the lock: the clean-up deletes after it
        assert collector.wait(60) == 0
    assert second.state is DownloadState.COMPLETED, second.error
    assert device.library.damaged_files("second") == []
    device.store.close()
    device.downloads.store.close()


def test_a_file_that_cannot_be_read_is_neither_discarded_nor_fetched_again(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    """Fetch again (Check files…) discarded every file the check had not proven intact, a file
    it could not read too (a wrong owner, chmod 000), then fetched it: the download was lost
    when the fetch failed, and a permission the learner could correct cost one. It now fetches
    the missing and altered files only; the unreadable one stays, the same file."""
    denied_store = DeniedBlobs(device.blobs.root)
    device.library.blobs = denied_store
    course = add_course(repo, random_files(3, 50 * KB, 18), key=key)
    install(device)
    denied, altered = list(course.course.files())[:2]
    device.blobs.path(altered).write_bytes(b"x" * 50 * KB)  # same size, other bytes
    denied_store.deny(denied)
    before = device.blobs.path(denied).stat()

    result = device.downloads.refetch("maths", [str(repo)])
    assert result.state is DownloadState.COMPLETED and result.fetched_bytes == 50 * KB
    after = device.blobs.path(denied).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    checked = device.blobs.check(course.course.files()[denied])
    assert checked.state is BlobState.UNREADABLE and checked.error == errno.EACCES
    assert device.blobs.verify(course.course.files()[altered])


def test_a_refetch_without_a_catalog_removes_nothing(
    device: Device, key: PrivateKey, repo: Path
) -> None:
    """With no catalog to fetch from, the altered file stays as it was: nothing is removed for
    a fetch that cannot happen."""
    course = add_course(repo, random_files(2, 10 * KB, 19), key=key)
    install(device)
    altered = next(iter(course.course.files()))
    device.blobs.path(altered).write_bytes(b"x" * 10 * KB)
    with pytest.raises(DownloadRefused, match="no catalog offers this course"):
        device.downloads.refetch("maths", [])
    assert device.blobs.path(altered).read_bytes() == b"x" * 10 * KB


def test_the_session_and_folder_are_the_manifests_own_and_read_only(device: Device) -> None:
    """One source of truth: `DownloadManifests` fetches with its session and keeps under its
    root; copies on `CourseDownloads` that an assignment changed alone would steer nothing."""
    downloads = device.downloads
    assert downloads.session is downloads.manifests.session
    assert downloads.folder == downloads.manifests.root == device.root / "downloads"
    with pytest.raises(AttributeError):
        downloads.session = downloads.session  # type: ignore[misc]
    with pytest.raises(AttributeError):
        downloads.folder = device.root / "elsewhere"  # type: ignore[misc]
    assert downloads.folder == device.root / "downloads"
