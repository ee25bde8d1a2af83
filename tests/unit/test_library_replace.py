"""What an import may replace: never a newer version unless asked, never a verified course with
an unverified one (a newer version, the same one again or an older one; from an archive, a folder,
or a folder catalog's unsigned course), whatever the learner accepted, nor with a copy signed by
another trusted key than the one that signed it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from player.course.archive_writer import write_archive
from player.course.errors import PackageError, SignatureError
from player.course.package import FolderSource
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.replacement_rules import (
    OlderVersion,
    OtherSigner,
    UntrustedOverSigned,
    UnverifiedOverVerified,
)
from player.library.trust import TrustedKey, TrustStore
from tests.course_repo import RepoCourse, add_course, random_files
from tests.course_repo import trusting_library as library


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def archive(root: Path, key: PrivateKey | None, version: str, seed: int) -> tuple[RepoCourse, Path]:
    repo = root / f"repo-{version}-{seed}"
    course = add_course(repo, random_files(2, 1000, seed), key=key, version=version)
    return course, write_archive(repo, course.course, root / f"maths-{version}-{seed}.cartable")


def folder(root: Path, key: PrivateKey | None, version: str, seed: int) -> tuple[RepoCourse, Path]:
    """A repository folder holding one course (a USB stick)."""
    repo = root / f"usb-{version}-{seed}"
    return add_course(repo, random_files(2, 1000, seed), key=key, version=version), repo


def stored(lib: Library) -> set[str]:
    return {p.name for p in (lib.blobs.root / "sha256").rglob("*") if p.is_file()}


def test_an_older_version_does_not_replace_a_newer_one_unless_asked(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib = library(tmp_path, key)
    newer, newer_archive = archive(tmp_path, key, "2.0.0", 1)
    older, older_archive = archive(tmp_path, key, "1.0.0", 2)
    lib.install_archive(newer_archive)
    with pytest.raises(OlderVersion) as refused:
        lib.install_archive(older_archive)
    assert str(refused.value) == "maths@1.0.0: older than the installed version 2.0.0"
    installed = lib.get("maths")
    assert installed is not None and installed.version == "2.0.0"
    assert stored(lib) == set(newer.course.files())
    (item,) = lib.install_archive(older_archive, allow_downgrade=True)
    assert item.version == "1.0.0" and stored(lib) == set(older.course.files())


def test_an_unverified_course_does_not_replace_a_verified_one(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    _, unsigned_archive = archive(tmp_path, None, "9.0.0", 2)
    lib.install_archive(signed_archive)
    with pytest.raises(PackageError) as refused:
        lib.install_archive(unsigned_archive, allow_unsigned=True, allow_downgrade=True)
    assert str(refused.value) == (
        "maths@9.0.0: not signed, and the installed version 1.0.0 is signed by a trusted key: "
        "the installed version is kept"
    )
    installed = lib.get("maths")
    assert installed is not None and installed.verified and installed.version == "1.0.0"
    assert stored(lib) == set(signed.course.files())


def kept_intact(lib: Library, signed: RepoCourse) -> None:
    """The verified version is still the one in use, whole, and nothing of the copy stayed."""
    fresh = Library(lib.dir, BlobStore(lib.blobs.root), lib.trust)  # what the next start reads
    for reader in (lib, fresh):
        installed = reader.get("maths")
        assert installed is not None and installed.verified, reader
        assert installed.course == signed.course
    assert lib.damaged_files("maths") == []
    assert stored(lib) == set(signed.course.files())
    course_dir = lib.dir / "maths"
    assert sorted(p.name for p in course_dir.iterdir()) == [signed.course.version, "current"]
    assert not list((lib.dir / ".installing").glob("*.json"))


@pytest.mark.parametrize("allow_unsigned", [False, True], ids=["asked", "accepted"])
@pytest.mark.parametrize("version", ["2.0.0", "1.0.0", "0.9.0"], ids=["newer", "same", "older"])
@pytest.mark.parametrize("form", ["archive", "folder"])
def test_an_unsigned_copy_of_a_verified_course_is_refused_as_such(
    tmp_path: Path, key: PrivateKey, form: str, version: str, allow_unsigned: bool
) -> None:
    """Refused for what it is, before any consent is asked: the learner is never offered to
    install as unverified what could not be installed anyway (`allow_unsigned` False: what an
    import tries first)."""
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    make, install = (
        (archive, lib.install_archive) if form == "archive" else (folder, lib.install_folder)
    )
    _, copy = make(tmp_path, None, version, 2)
    with pytest.raises(UnverifiedOverVerified) as refused:
        install(copy, allow_unsigned=allow_unsigned, allow_downgrade=True)
    assert str(refused.value) == (
        f"maths@{version}: not signed, and the installed version 1.0.0 is signed by a trusted "
        "key: the installed version is kept"
    )
    assert (refused.value.title, refused.value.installed_version) == ("Mathématiques", "1.0.0")
    kept_intact(lib, signed)


def test_a_folder_catalogs_unsigned_update_copies_nothing(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog's "install as unverified" of a USB stick's course: opened unsigned (accepted),
    then refused before a file is copied."""
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    _, usb = folder(tmp_path, None, "2.0.0", 2)
    source = FolderSource(usb)
    opened = lib.open(source, "maths", "2.0.0", allow_unsigned=True)
    copied: list[str] = []
    monkeypatch.setattr(BlobStore, "add_from", lambda _self, _src, ref: copied.append(ref.sha256))
    with pytest.raises(UnverifiedOverVerified):
        lib.install(source, opened, origin=str(usb))
    with pytest.raises(UnverifiedOverVerified):
        lib.commit(opened, origin=str(usb))  # the last check, right before the switch
    assert copied == []
    kept_intact(lib, signed)


@pytest.mark.parametrize("damage", ["garbled", "missing"])
def test_a_verified_course_whose_install_record_is_damaged_is_kept_too(
    tmp_path: Path, key: PrivateKey, damage: str
) -> None:
    """A damaged install.json hides the course from the library (a repair shows it), not its
    signature: an unsigned copy does not take its place, a signed one may."""
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    record = lib.dir / "maths" / "1.0.0" / "install.json"
    if damage == "garbled":
        record.write_text("{", encoding="utf-8")
    else:
        record.unlink()
    lib = library(tmp_path, key)  # a later start
    assert lib.get("maths") is None
    _, unsigned_archive = archive(tmp_path, None, "2.0.0", 2)
    with pytest.raises(UnverifiedOverVerified) as refused:
        lib.install_archive(unsigned_archive, allow_unsigned=True)
    assert refused.value.installed_version == "1.0.0" and refused.value.title == "maths"
    assert (lib.dir / "maths" / "current").read_text(encoding="utf-8") == "1.0.0"
    assert (lib.dir / "maths" / "1.0.0" / "course.json.sig").is_file()
    assert stored(lib) == set(signed.course.files())
    newer, newer_archive = archive(tmp_path, key, "2.0.0", 3)
    (item,) = lib.install_archive(newer_archive)
    assert item.verified and item.course == newer.course


def test_a_copy_signed_by_an_untrusted_key_is_refused_whatever_is_installed(
    tmp_path: Path, key: PrivateKey
) -> None:
    """Never offered as unverified: a signature by an unknown key is refused, accepted unsigned
    or not."""
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    _, foreign = archive(tmp_path, PrivateKey.generate(), "2.0.0", 2)
    with pytest.raises(UntrustedOverSigned, match="which this computer does not trust"):
        lib.install_archive(foreign, allow_unsigned=True)
    kept_intact(lib, signed)


def test_a_new_key_over_a_course_installed_under_another_says_adding_it_would_not_help(
    tmp_path: Path, key: PrivateKey
) -> None:
    """A version signed by a key not trusted here: "not trusted, add the key" only where adding
    it would let it install. Over a course installed under another key, adding it would lead
    only to OtherSigner (review u2, a new signing key): said at once, naming both keys, with
    what does help; a course not installed is "not trusted" as before."""
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    new_key = PrivateKey.generate()
    _, update = folder(tmp_path, new_key, "1.0.2", 2)
    with pytest.raises(UntrustedOverSigned) as refused:
        lib.install_folder(update)
    line = str(refused.value)
    assert line.startswith(
        f"maths@1.0.2: signed by key {new_key.public.key_id}, which this computer does not trust, "
        f"and the installed version 1.0.0 is signed by key {key.public.key_id}"
    )
    assert f"adding key {new_key.public.key_id} here would not update this course" in line
    assert "ask the institution for its new installer" in line
    assert "which is not trusted" not in line  # the CLI's "run: cartable trust add" follows that
    assert (refused.value.key, refused.value.installed_key) == (
        new_key.public.key_id,
        key.public.key_id,
    )
    kept_intact(lib, signed)
    lib.trust.add(new_key.public)  # as the advice used to say: refused all the same
    with pytest.raises(OtherSigner):
        lib.install_folder(update)
    lib.uninstall("maths")
    lib.trust.remove(new_key.public.key_id)
    with pytest.raises(SignatureError, match="which is not trusted") as untrusted:
        lib.install_folder(update)
    assert not isinstance(untrusted.value, UntrustedOverSigned)


def test_an_unverified_course_is_still_updated_by_an_unsigned_copy_or_a_signed_one(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib = library(tmp_path, key)
    _, first = archive(tmp_path, None, "1.0.0", 1)
    _, second = folder(tmp_path, None, "2.0.0", 2)
    _, third = archive(tmp_path, key, "3.0.0", 3)
    (item,) = lib.install_archive(first, allow_unsigned=True)
    assert not item.verified
    (item,) = lib.install_folder(second, allow_unsigned=True)
    assert (item.version, item.verified) == ("2.0.0", False)
    (item,) = lib.install_archive(third)
    assert (item.version, item.verified) == ("3.0.0", True)


# --- a verified course stays with the key that signed it ------------------------------------------


def two_keys(tmp_path: Path, key: PrivateKey) -> tuple[Library, PrivateKey]:
    """A library trusting the branding's `key` and another key the learner added (a teacher's,
    another catalog's): both trusted, neither may take over the other's courses."""
    lib = library(tmp_path, key)
    other = PrivateKey.generate()
    lib.trust.add(other.public)
    return lib, other


@pytest.mark.parametrize("form", ["archive", "folder"])
def test_a_copy_signed_by_the_same_key_updates_a_verified_course(
    tmp_path: Path, key: PrivateKey, form: str
) -> None:
    lib, _ = two_keys(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    make, install = (
        (archive, lib.install_archive) if form == "archive" else (folder, lib.install_folder)
    )
    newer, copy = make(tmp_path, key, "2.0.0", 2)
    (item,) = install(copy)
    assert (item.version, item.verified, item.signer) == ("2.0.0", True, key.public.key_id)
    assert item.course == newer.course
    (again,) = install(copy)  # the same version again (a reinstall)
    assert again.signer == key.public.key_id


def other_key_refusal(version: str, other: PrivateKey, installed: PrivateKey) -> str:
    return (
        f"maths@{version}: signed by key {other.public.key_id} (Université de test), but the "
        f"installed version 1.0.0 is signed by key {installed.public.key_id} (Université de "
        "test): only a copy signed by the same key replaces it; the installed version is kept"
    )


@pytest.mark.parametrize("installed_by", ["branding", "user"])
@pytest.mark.parametrize("version", ["2.0.0", "1.0.0"], ids=["newer", "same"])
@pytest.mark.parametrize("form", ["archive", "folder"])
def test_a_copy_signed_by_another_trusted_key_is_refused_and_the_installed_one_kept(
    tmp_path: Path, key: PrivateKey, form: str, version: str, installed_by: str
) -> None:
    """An institution's course is not replaced through a key the learner added, nor the other
    way round: refused before a file is copied, the installed version whole."""
    lib, other = two_keys(tmp_path, key)
    first, second = (key, other) if installed_by == "branding" else (other, key)
    signed, signed_archive = archive(tmp_path, first, "1.0.0", 1)
    lib.install_archive(signed_archive)
    make, install = (
        (archive, lib.install_archive) if form == "archive" else (folder, lib.install_folder)
    )
    _, copy = make(tmp_path, second, version, 2)
    with pytest.raises(OtherSigner) as refused:
        install(copy, allow_unsigned=True, allow_downgrade=True)
    assert str(refused.value) == other_key_refusal(version, second, first)
    assert (refused.value.title, refused.value.installed_version) == ("Mathématiques", "1.0.0")
    assert refused.value.installed_key == first.public.key_id
    kept_intact(lib, signed)
    installed = lib.get("maths")
    assert installed is not None and installed.signer == first.public.key_id


def test_an_institution_changing_its_key_updates_its_courses_from_one_to_the_other(
    tmp_path: Path, key: PrivateKey
) -> None:
    """Both keys built into the institution's installer (the old and the new one): the course
    signed by the old key is updated by a copy signed by the new one, and stays with it."""
    new = PrivateKey.generate()
    trust = TrustStore(
        tmp_path / "trust", [TrustedKey(key.public, "branding"), TrustedKey(new.public, "branding")]
    )
    lib = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), trust)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    (item,) = lib.install_archive(archive(tmp_path, new, "2.0.0", 2)[1])
    assert (item.version, item.signer) == ("2.0.0", new.public.key_id)
    learner_added = PrivateKey.generate()
    lib.trust.add(learner_added.public)
    with pytest.raises(OtherSigner):  # a key the learner added is still no institution's key
        lib.install_archive(archive(tmp_path, learner_added, "3.0.0", 3)[1])


def test_a_copy_signed_by_another_key_never_reaches_the_switch(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened fine (a trusted key), then refused by the install and by the commit (a
    catalog's download ends there) before a file is copied."""
    lib, other = two_keys(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    _, usb = folder(tmp_path, other, "2.0.0", 2)
    source = FolderSource(usb)
    opened = lib.open(source, "maths", "2.0.0", allow_unsigned=False)
    assert opened.verified
    copied: list[str] = []
    monkeypatch.setattr(BlobStore, "add_from", lambda _self, _src, ref: copied.append(ref.sha256))
    with pytest.raises(OtherSigner):
        lib.install(source, opened, origin=str(usb))
    with pytest.raises(OtherSigner):
        lib.commit(opened, origin=str(usb))
    assert copied == []
    kept_intact(lib, signed)


def forget_signer(lib: Library, version: str) -> None:
    """An install record that does not name its key (written by hand, or by a tool)."""
    record = lib.dir / "maths" / version / "install.json"
    meta = json.loads(record.read_text(encoding="utf-8"))
    del meta["signer"]
    record.write_text(json.dumps(meta), encoding="utf-8")


def test_a_record_without_its_key_is_bound_to_the_key_its_kept_signature_names(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, other = two_keys(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    forget_signer(lib, "1.0.0")
    lib = library(tmp_path, key)  # a later start: the added key is still trusted
    installed = lib.get("maths")
    assert installed is not None and installed.verified and installed.signer is None
    assert lib.installed_key("maths") == key.public.key_id
    with pytest.raises(OtherSigner):
        lib.install_archive(archive(tmp_path, other, "2.0.0", 2)[1])
    kept_intact(lib, signed)


def test_a_legacy_install_with_no_key_known_takes_any_trusted_key_once_and_records_it(
    tmp_path: Path, key: PrivateKey
) -> None:
    """Verified, but neither its record nor a kept signature names the key: it keeps working,
    updated by a copy signed by any trusted key, which it is bound to from then on."""
    lib, other = two_keys(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    forget_signer(lib, "1.0.0")
    (lib.dir / "maths" / "1.0.0" / "course.json.sig").unlink()
    lib = library(tmp_path, key)  # a later start: the added key is still trusted
    installed = lib.get("maths")
    assert installed is not None and installed.verified and lib.installed_key("maths") is None
    _, unsigned_archive = archive(tmp_path, None, "2.0.0", 2)
    with pytest.raises(UnverifiedOverVerified):  # still verified: no unsigned copy replaces it
        lib.install_archive(unsigned_archive, allow_unsigned=True)
    (item,) = lib.install_archive(archive(tmp_path, other, "2.0.0", 3)[1])
    assert (item.version, item.verified, item.signer) == ("2.0.0", True, other.public.key_id)
    record = json.loads((item.folder / "install.json").read_text(encoding="utf-8"))
    assert record["signer"] == other.public.key_id
    _, newer_archive = archive(tmp_path, key, "3.0.0", 4)
    with pytest.raises(OtherSigner):
        lib.install_archive(newer_archive)
    kept = lib.get("maths")
    assert kept is not None and kept.version == "2.0.0"


def test_a_verified_course_whose_install_record_is_damaged_stays_with_its_key(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, other = two_keys(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(signed_archive)
    (lib.dir / "maths" / "1.0.0" / "install.json").write_text("{", encoding="utf-8")
    lib = library(tmp_path, key)  # a later start: the added key is still trusted
    assert lib.get("maths") is None
    with pytest.raises(OtherSigner) as refused:
        lib.install_archive(archive(tmp_path, other, "2.0.0", 2)[1])
    assert refused.value.title == "maths" and refused.value.installed_key == key.public.key_id
    assert (lib.dir / "maths" / "current").read_text(encoding="utf-8") == "1.0.0"
    assert stored(lib) == set(signed.course.files())


@pytest.mark.parametrize(
    "record",
    [
        "null",
        "[]",
        '{"verified": true, "installed_at": "yesterday"}',
        '{"verified": true, "signer": 42}',
    ],
    ids=["null", "list", "date-not-a-number", "signer-not-a-key-id"],
)
def test_an_install_record_of_the_wrong_shape_is_damaged_and_the_course_keeps_its_key(
    tmp_path: Path, key: PrivateKey, record: str
) -> None:
    """Valid JSON of another shape is as damaged as a torn file: the library still lists the
    other courses (no traceback), and the kept signature still binds the course to its key, so
    another trusted key's copy is refused while its own key's copy repairs it."""
    lib, other = two_keys(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    (lib.dir / "maths" / "1.0.0" / "install.json").write_text(record, encoding="utf-8")
    lib = library(tmp_path, key)  # a later start: the added key is still trusted
    assert lib.installed() == [] and lib.get("maths") is None
    assert lib.installed_key("maths") == key.public.key_id
    with pytest.raises(OtherSigner):
        lib.install_archive(archive(tmp_path, other, "2.0.0", 2)[1])
    (item,) = lib.install_archive(archive(tmp_path, key, "2.0.0", 3)[1])
    assert (item.version, item.signer) == ("2.0.0", key.public.key_id)
