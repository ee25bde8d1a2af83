"""Opening packages: every bad input of issue 2 is refused with a one-line reason, and nothing is
written outside the destination."""

from __future__ import annotations

import argparse
import json
import shutil
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from player.authoring.cli import build_parser
from player.course.archive_writer import write_archive
from player.course.errors import PackageError, SignatureError
from player.course.manifest import load_installed_manifest, parse_manifest
from player.course.package import MAX_SIGNATURE_BYTES, check_manifest, verify_path
from player.course.signing import PrivateKey, PublicKey, parse_signature
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from sync.interprocess import collection_lock_path
from tests.support import BuiltCourse, build_toy, run_cli

Entries = list[tuple[zipfile.ZipInfo, bytes]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


def entries_of(archive: Path) -> Entries:
    with zipfile.ZipFile(archive) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def rezip(entries: Entries, dest: Path, compress: set[str] | None = None) -> Path:
    with zipfile.ZipFile(dest, "w") as zf:
        for info, data in entries:
            new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            new.external_attr = info.external_attr
            new.create_system = info.create_system
            new.compress_type = (
                zipfile.ZIP_DEFLATED
                if compress and info.filename in compress
                else zipfile.ZIP_STORED
            )
            zf.writestr(new, data)
    return dest


def manifest_entry(entries: Entries) -> int:
    return next(i for i, (info, _) in enumerate(entries) if info.filename.endswith("course.json"))


def expect_refused(path: Path, built: BuiltCourse, *words: str, unsigned: bool = False) -> str:
    with pytest.raises(PackageError) as caught:
        verify_path(path, [built.public], allow_unsigned=unsigned)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


def test_repository_and_archive_verify(built: BuiltCourse) -> None:
    for path in (built.repo, built.archive, built.result.manifest.parent):
        result = verify_path(path, [built.public])
        (opened,) = result.courses
        assert opened.course.id == "toy"
        assert opened.signer is not None and opened.signer.key_id == built.public.key_id


def test_build_is_deterministic(built: BuiltCourse, tmp_path: Path) -> None:
    shutil.copytree(built.key_path.parent, tmp_path / "keys")  # same key: ed25519 is deterministic
    again = build_toy(tmp_path)
    assert again.result.manifest.read_bytes() == built.result.manifest.read_bytes()
    assert again.archive.read_bytes() == built.archive.read_bytes()


def test_archive_entries_are_stored(built: BuiltCourse) -> None:
    with zipfile.ZipFile(built.archive) as zf:
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../evil.txt", "escapes"),
        ("courses/../../evil", "escapes"),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/evil.dll", "absolute"),
        ("blobs\\sha256\\aa\\evil", "backslash"),
        ("notes.txt", "not part of a Cartable repository tree"),
    ],
)
def test_hostile_names(built: BuiltCourse, tmp_path: Path, name: str, reason: str) -> None:
    entries = entries_of(built.archive)
    entries.append((zipfile.ZipInfo(name), b"pwned"))
    archive = rezip(entries, tmp_path / "hostile.cartable")
    expect_refused(archive, built, reason)
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.parametrize(
    "mode, word", [(stat.S_IFLNK | 0o777, "symbolic link"), (stat.S_IFIFO | 0o644, "special file")]
)
def test_links_and_special_files(built: BuiltCourse, tmp_path: Path, mode: int, word: str) -> None:
    entries = entries_of(built.archive)
    info, data = entries[-1]
    link = zipfile.ZipInfo(info.filename)
    link.create_system = 3
    link.external_attr = mode << 16
    entries[-1] = (link, b"/etc/passwd" if stat.S_ISLNK(mode) else data)
    expect_refused(rezip(entries, tmp_path / "link.cartable"), built, word)


def test_duplicate_entries(built: BuiltCourse, tmp_path: Path) -> None:
    entries = entries_of(built.archive)
    entries.append(entries[-1])
    with pytest.warns(UserWarning):  # zipfile itself warns about the duplicate name
        archive = rezip(entries, tmp_path / "dup.cartable")
    expect_refused(archive, built, "duplicate entry")


def test_unaccounted_entry(built: BuiltCourse, tmp_path: Path) -> None:
    entries = entries_of(built.archive)
    stray = "blobs/sha256/ab/" + "ab" * 32
    entries.append((zipfile.ZipInfo(stray), b"not in the manifest"))
    expect_refused(rezip(entries, tmp_path / "stray.cartable"), built, "not accounted for", stray)


def test_compressed_entry_is_refused_without_inflating(built: BuiltCourse, tmp_path: Path) -> None:
    entries = entries_of(built.archive)
    name = entries[-1][0].filename
    archive = rezip(entries, tmp_path / "deflated.cartable", compress={name})
    expect_refused(archive, built, "compressed", name)


def test_declared_size_lies(built: BuiltCourse, tmp_path: Path) -> None:
    archive = tmp_path / "liar.cartable"
    shutil.copy(built.archive, archive)
    data = bytearray(archive.read_bytes())
    # Central directory record of the first entry: make its uncompressed size disagree.
    offset = data.index(b"PK\x01\x02")
    (size,) = struct.unpack_from("<I", data, offset + 24)
    struct.pack_into("<I", data, offset + 24, size + 1000)
    archive.write_bytes(bytes(data))
    expect_refused(archive, built, "sizes")


def test_empty_and_truncated_archives(built: BuiltCourse, tmp_path: Path) -> None:
    empty = tmp_path / "empty.cartable"
    empty.write_bytes(b"")
    expect_refused(empty, built, "empty file")
    truncated = tmp_path / "truncated.cartable"
    truncated.write_bytes(built.archive.read_bytes()[: built.archive.stat().st_size // 2])
    expect_refused(truncated, built, "truncated")


def test_corrupt_archive_directories_are_one_line_errors(
    built: BuiltCourse, tmp_path: Path
) -> None:
    data = built.archive.read_bytes()
    # The end record's central directory offset made too large: entries would start before 0.
    end = data.rfind(b"PK\x05\x06")
    far = data[: end + 16] + struct.pack("<I", 0x24000000) + data[end + 20 :]
    (tmp_path / "far.cartable").write_bytes(far)
    expect_refused(tmp_path / "far.cartable", built, "corrupt archive")
    # An entry needing "version 12.0" of the zip format to extract: zipfile refuses to list it.
    first = data.find(b"PK\x01\x02")
    future = data[: first + 6] + struct.pack("<H", 120) + data[first + 8 :]
    (tmp_path / "future.cartable").write_bytes(future)
    expect_refused(tmp_path / "future.cartable", built, "corrupt archive")


def _directory_claims(data: bytes, entries: int, *, zip64: bool = False) -> bytes:
    """The archive with its end record claiming `entries` (in a zip64 end record if asked)."""
    end = data.rfind(b"PK\x05\x06")
    size, offset = struct.unpack("<II", data[end + 12 : end + 20])
    if not zip64:
        return data[: end + 8] + struct.pack("<HH", entries, entries) + data[end + 12 :]
    record = struct.pack(
        "<4sQHHII4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    last = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, size, offset, 0)
    return data[:end] + record + locator + last


@pytest.mark.parametrize(
    ("entries", "zip64", "reason"),
    [
        (30_000, False, "30000 entries, over the limit of 20100"),
        (2_000_000, True, "2000000 entries, over the limit of 20100"),
        (1, False, "corrupt archive"),  # a directory far bigger than one entry needs
    ],
)
def test_the_entry_count_is_checked_before_the_directory_is_read(
    built: BuiltCourse, tmp_path: Path, entries: int, zip64: bool, reason: str
) -> None:
    path = tmp_path / "many.cartable"
    path.write_bytes(_directory_claims(built.archive.read_bytes(), entries, zip64=zip64))
    expect_refused(path, built, reason)


def test_a_zip64_end_record_telling_the_truth_is_read(built: BuiltCourse, tmp_path: Path) -> None:
    data = built.archive.read_bytes()
    count = struct.unpack("<H", data[data.rfind(b"PK\x05\x06") + 10 :][:2])[0]
    path = tmp_path / "zip64.cartable"
    path.write_bytes(_directory_claims(data, count, zip64=True))
    assert verify_path(path, [built.public]).courses


def _replace(entries: Entries, name_suffix: str, new: Callable[[bytes], bytes]) -> Entries:
    return [
        (info, new(data) if info.filename.endswith(name_suffix) else data) for info, data in entries
    ]


def test_blob_hash_mismatch_and_missing_blob(built: BuiltCourse, tmp_path: Path) -> None:
    course = built.result.course
    victim = max(course.files().values(), key=lambda r: r.size)
    entries = entries_of(built.archive)
    flipped = _replace(entries, victim.sha256, lambda d: d[:100] + bytes([d[100] ^ 1]) + d[101:])
    expect_refused(rezip(flipped, tmp_path / "flip.cartable"), built, victim.sha256, "sha256")
    missing = [(i, d) for i, d in entries if not i.filename.endswith(victim.sha256)]
    expect_refused(rezip(missing, tmp_path / "missing.cartable"), built, "missing blob")
    shorter = _replace(entries, victim.sha256, lambda d: d[:-1])
    expect_refused(rezip(shorter, tmp_path / "short.cartable"), built, "bytes, the manifest says")


def _resign(
    built: BuiltCourse,
    tmp_path: Path,
    mutate: Callable[[dict], object] | None = None,
    raw: bytes | None = None,
    name: str = "m.cartable",
) -> Path:
    """An archive whose manifest was changed and properly re-signed by the trusted key."""
    entries = entries_of(built.archive)
    index = manifest_entry(entries)
    data = raw
    if data is None:
        manifest = json.loads(entries[index][1])
        assert mutate is not None
        mutate(manifest)
        data = json.dumps(manifest).encode()
    entries[index] = (entries[index][0], data)
    entries = [(i, built.key.sign(data) if i.filename.endswith(".sig") else d) for i, d in entries]
    return rezip(entries, tmp_path / name)


def test_manifest_not_json_or_against_schema(built: BuiltCourse, tmp_path: Path) -> None:
    expect_refused(_resign(built, tmp_path, raw=b"{not json", name="a.cartable"), built, "not JSON")

    def drop_title(m: dict) -> None:
        del m["title"]

    expect_refused(_resign(built, tmp_path, drop_title, name="b.cartable"), built, "'title'")

    def bad_type(m: dict) -> None:
        m["modules"][0]["units"][0]["type"] = "hologram"

    expect_refused(
        _resign(built, tmp_path, bad_type, name="c.cartable"), built, "$.modules[0].units[0].type"
    )

    def future(m: dict) -> None:
        m["format"] = 2

    expect_refused(_resign(built, tmp_path, future, name="d.cartable"), built, "format version")


def test_manifest_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    big = b'{"format": 1, "pad": "' + b"x" * (1024 * 1024) + b'"}'
    with pytest.raises(PackageError, match="1 MiB"):
        parse_manifest(big)

    def ref(n: int) -> dict:
        return {"sha256": f"{n:064x}", "size": 1, "media_type": "a/b"}

    # 11 readings of 1,000 images each: within every schema limit, over the 10,000-file limit.
    units = [
        {
            "id": f"u{u}",
            "type": "reading",
            "title": "r",
            "text": ref(10**6 + u),
            "images": {f"{i}": ref(u * 1000 + i) for i in range(1000)},
        }
        for u in range(11)
    ]
    manifest = {
        "format": 1,
        "id": "big",
        "version": "1",
        "title": "t",
        "language": "fr",
        "modules": [{"id": "m", "title": "m", "units": units}],
    }
    data = json.dumps(manifest, separators=(",", ":")).encode()
    # 10,001 file references cannot fit in 1 MiB, so the size limit refuses it first...
    with pytest.raises(PackageError, match="1 MiB"):
        parse_manifest(data)
    # ...and the file-count rule still holds on its own if the size limit is ever raised.
    monkeypatch.setattr("player.course.manifest.MAX_MANIFEST_BYTES", 4 * 1024 * 1024)
    with pytest.raises(PackageError, match="10000"):
        parse_manifest(data)


def test_deeply_nested_manifest_or_signature_is_one_clear_line() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(PackageError, match="not JSON: nested too deeply"):
        parse_manifest(deep)
    with pytest.raises(PackageError, match="not JSON: nested too deeply"):
        load_installed_manifest(deep, "course.json")
    with pytest.raises(SignatureError, match="signature file is not JSON"):
        parse_signature(b"[" * 2000 + b"]" * 2000, "course.json.sig")


def test_signature_checks(built: BuiltCourse, tmp_path: Path) -> None:
    stranger = PrivateKey.generate()
    with pytest.raises(SignatureError, match="not trusted"):
        verify_path(built.archive, [stranger.public])
    # Signature over other bytes: the manifest changed after signing.
    entries = entries_of(built.archive)
    index = manifest_entry(entries)
    entries[index] = (entries[index][0], entries[index][1].replace(b"Cours jouet", b"Cours jeuet"))
    message = expect_refused(rezip(entries, tmp_path / "tamper.cartable"), built, "does not match")
    assert "course.json.sig" in message
    # Unsigned: refused unless the caller accepts unsigned courses (after warning the user).
    unsigned = [(i, d) for i, d in entries_of(built.archive) if not i.filename.endswith(".sig")]
    path = rezip(unsigned, tmp_path / "unsigned.cartable")
    expect_refused(path, built, "not signed")
    (opened,) = verify_path(path, [built.public], allow_unsigned=True).courses
    assert opened.signer is None


def test_a_manifest_fetched_on_its_own_is_checked_as_one_read_from_a_source(
    built: BuiltCourse,
) -> None:
    course = built.result.course
    folder = built.repo / "courses" / course.id / course.version
    data = (folder / "course.json").read_bytes()
    signature = (folder / "course.json.sig").read_bytes()
    opened = check_manifest(data, signature, course.id, course.version, [built.public])
    assert opened.course == course and opened.signer == built.public
    with pytest.raises(SignatureError, match="not trusted"):
        check_manifest(data, signature, course.id, course.version, [PrivateKey.generate().public])
    with pytest.raises(SignatureError, match="not signed"):
        check_manifest(data, None, course.id, course.version, [built.public])
    with pytest.raises(PackageError, match="byte limit"):
        check_manifest(data, b" " * (MAX_SIGNATURE_BYTES + 1), course.id, course.version, [])
    with pytest.raises(PackageError, match="over the 1 MiB limit"):
        check_manifest(b" " * (2**20 + 1), signature, course.id, course.version, [built.public])
    with pytest.raises(PackageError, match="lies at"):
        check_manifest(data, signature, course.id, "9.9.9", [built.public])


def test_hostile_archive_installs_nothing(built: BuiltCourse, tmp_path: Path) -> None:
    library = Library(
        tmp_path / "courses",
        BlobStore(tmp_path / "blobs"),
        TrustStore(tmp_path / "trust", [TrustedKey(built.public, "user")]),
    )
    course = built.result.course
    victim = max(course.files().values(), key=lambda r: r.size)
    entries = _replace(entries_of(built.archive), victim.sha256, lambda d: b"\0" * len(d))
    with pytest.raises(PackageError, match="sha256"):
        library.install_archive(rezip(entries, tmp_path / "bad.cartable"))
    assert library.installed() == []
    stored = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert stored in ([], [collection_lock_path(tmp_path / "blobs")]), "left blobs behind"
    # The good archive installs, and exports back to an archive that verifies.
    (item,) = library.install_archive(built.archive)
    assert item.verified and library.get("toy") == item
    exported = library.export("toy", tmp_path / "toy.cartable")
    assert verify_path(exported, [built.public]).courses[0].course == course


def test_cli_prints_one_line_never_a_traceback(built: BuiltCourse, tmp_path: Path) -> None:
    ok = run_cli(
        "-m",
        "player.authoring.cli",
        "verify",
        str(built.archive),
        "--trust",
        str(built.key_path) + ".pub",
    )
    assert ok.returncode == 0, ok.stderr
    assert "ok toy 1.0.0" in ok.stdout
    bad = tmp_path / "bad.cartable"
    bad.write_bytes(b"PK\x03\x04garbage")
    result = run_cli("-m", "player.authoring.cli", "verify", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "bad.cartable" in result.stderr
    untrusted = run_cli("-m", "player.authoring.cli", "verify", str(built.repo))
    assert untrusted.returncode == 1 and "not trusted" in untrusted.stderr


def test_a_public_and_a_private_key_given_for_each_other_are_named(built: BuiltCourse) -> None:
    """The two files of a key pair sit side by side: taking one for the other (`--key KEY.pub`,
    `--trust KEY`, pasting the private key into a branding file) says which file was meant."""
    public = Path(str(built.key_path) + ".pub")
    with pytest.raises(SignatureError, match=r"a public key, not a private one: sign with the"):
        PrivateKey.from_file(public)
    with pytest.raises(SignatureError, match=r"a private key, not a public one: give its \.pub"):
        PublicKey.from_file(built.key_path)
    (course,) = (built.repo / "courses").glob("*/*")  # the one version built
    signed = run_cli("-m", "player.authoring.cli", "sign", str(course), "--key", str(public))
    assert signed.returncode == 1
    reason = "a public key, not a private one: sign with the file without .pub"
    assert signed.stderr.strip() == f"cartable-pack: {public}: {reason}"


def test_every_cartable_pack_argument_says_what_it_is() -> None:
    """An admin learns cartable-pack from --help: a bare `SRC_DIR` or `--trust PUB` did not say
    which folder, which of the two key files, or that --trust may be repeated."""
    silent = [
        f"{name} {argument.metavar or argument.dest}"
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, sub in action.choices.items()
        for argument in sub._actions
        if not isinstance(argument, argparse._HelpAction) and not argument.help
    ]
    assert silent == []


def test_export_of_unsigned_keeps_it_unsigned(tmp_path: Path) -> None:
    unsigned = build_toy(tmp_path, sign=False)
    course = unsigned.result.course
    archive = write_archive(unsigned.repo, course, tmp_path / "u.cartable")
    with pytest.raises(SignatureError):
        verify_path(archive, [])
    assert verify_path(archive, [], allow_unsigned=True).courses[0].signer is None


def _rewrite_local_sizes(archive: Path, dest: Path, compressed: int, size: int) -> Path:
    """A copy of `archive` whose last entry's local header claims other sizes than its central
    directory record (which readers that stream an archive, like unzip -, go by)."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        offset = zf.infolist()[-1].header_offset
    struct.pack_into("<II", data, offset + 18, compressed, size)
    dest.write_bytes(bytes(data))
    return dest


def test_local_header_sizes_that_disagree_with_the_directory_are_refused(
    built: BuiltCourse, tmp_path: Path
) -> None:
    # Two readers of the archive would take the entry for different bytes (the format says it
    # is refused); the local header's sizes were never read.
    liar = _rewrite_local_sizes(built.archive, tmp_path / "local.cartable", 5, 5)
    name = entries_of(built.archive)[-1][0].filename
    expect_refused(liar, built, f"entry {name!r} declares other sizes in its local header")


def test_local_headers_in_zip64_form_are_read(built: BuiltCourse, tmp_path: Path) -> None:
    # What the archive writer does past 2 GiB (and other tools for any size): the local header
    # says 0xFFFFFFFF and its zip64 extra field holds the sizes.
    path = tmp_path / "zip64-local.cartable"
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in entries_of(built.archive):
            with zf.open(zipfile.ZipInfo(info.filename), "w", force_zip64=True) as out:
                out.write(data)
    assert verify_path(path, [built.public]).courses
    liar = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        last = zf.infolist()[-1]
    extra = last.header_offset + 30 + len(last.filename.encode())
    assert struct.unpack_from("<HH", liar, extra) == (1, 16)  # the zip64 extra: two sizes
    struct.pack_into("<QQ", liar, extra + 4, 5, 5)
    (tmp_path / "zip64-liar.cartable").write_bytes(bytes(liar))
    expect_refused(tmp_path / "zip64-liar.cartable", built, "other sizes in its local header")
