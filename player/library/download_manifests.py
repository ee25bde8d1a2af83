"""The signed manifest of a course download: read from its repository and checked before any
file is fetched (the one its catalog describes, signed by a key trusted here), then kept in
`<data>/downloads/<course>@<version>/` so a resume after a crash, a kill or a reboot needs no
network for it, and checked again then (a key may have been removed meanwhile)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import requests

from player.course.errors import CourseError, KeyScope, NotSigned, SignatureError
from player.course.package import OpenedCourse, manifest_path
from player.course.signing import signer_of
from player.library.catalogs import check_manifest_bytes
from player.library.download_refusals import DownloadRefused, refused
from player.library.library import Library
from player.library.replacement_rules import OtherSigner, UntrustedOverSigned
from sync.catalog import read_repository_file
from sync.catalog_parse import CatalogEntry, CatalogError
from sync.download_state import DownloadRecord, FailureKind
from sync.durable import write_atomic

MANIFEST = "course.json"
SIGNATURE = "course.json.sig"


class DownloadManifests:
    """The manifests of `CourseDownloads`' installs: fetched with `session`, kept under `root`
    (one folder per download), opened against `library`'s trusted keys."""

    def __init__(self, library: Library, session: requests.Session, root: Path) -> None:
        self.library = library
        self.session = session
        self.root = root

    def fetch(self, entry: CatalogEntry, source: str) -> OpenedCourse:
        """The manifest and its signature of a course `entry` offers, read from its repository
        and checked: the manifest the catalog describes, signed by a key trusted here (and by
        the installed version's signer); raises DownloadRefused."""
        where = f"{entry.title} ({entry.id} {entry.version})"
        try:
            manifest = read_repository_file(source, entry.manifest, self.session)
        except CatalogError as exc:
            raise refused(where, exc) from None
        try:
            check_manifest_bytes(entry, manifest, source)
        except CatalogError as exc:  # a truncated upload or a stale catalog: the server's copy
            # is unusable, a kind the player words (its own words hold two hashes).
            raise DownloadRefused(f"{where}: {exc}", kind=FailureKind.SERVER) from None
        try:
            signature = read_repository_file(source, entry.signature, self.session)
        except CatalogError as exc:
            if exc.kind is FailureKind.MISSING:
                raise DownloadRefused(
                    f"{where}: refused: the course is not signed (no {entry.signature} in the "
                    "catalog); courses from a catalog must be signed by a trusted publisher",
                    kind=FailureKind.UNSIGNED,
                ) from None
            raise refused(where, exc) from None
        return self._open(entry.id, entry.version, manifest, signature, source, where)

    def _open(
        self,
        course_id: str,
        version: str,
        manifest: bytes,
        signature: bytes | None,
        source: str,
        where: str,
    ) -> OpenedCourse:
        try:
            opened = self.library.check_manifest(manifest, signature, course_id, version, source)
            # Before any file is fetched: the install would refuse it after the download.
            self.library.refuse_other_signer(opened)
            return opened
        except OtherSigner as exc:  # its signer, so a server's catalog stops offering it
            untrusted = isinstance(exc, UntrustedOverSigned)  # a new key: not another publisher
            kind = FailureKind.UNTRUSTED_SIGNER if untrusted else FailureKind.SIGNER
            raise DownloadRefused(
                f"{where}: refused: {exc.reason}", kind=kind, signer=exc.key
            ) from None
        except KeyScope as exc:  # the demo key on another course, or an earlier demo key: no
            # key to add; the catalog learns the signer, and says so as this refusal does
            # (`CatalogCourse.scoped_key`), not to add it.
            raise DownloadRefused(
                f"{where}: refused: {exc.reason}",
                kind=FailureKind.EARLIER_KEY if exc.earlier else FailureKind.KEY_SCOPE,
                signer=exc.key_id,
            ) from None
        except NotSigned as exc:  # no key to add helps: only a signed copy
            raise DownloadRefused(
                f"{where}: refused: {exc.reason}", kind=FailureKind.UNSIGNED
            ) from None
        except SignatureError as exc:
            signer = signer_of(signature) if signature is not None else None
            if signer is None or self.library.trust.trusts(signer, course_id):
                # A trusted key's signature over other bytes, or no signature to read: no key
                # to trust would help (the row said to add one), its publisher must fix it.
                raise DownloadRefused(
                    f"{where}: refused: {exc.reason} (the course was changed after it was "
                    "signed, or its signature is damaged: ask its publisher for a correct copy)",
                    kind=FailureKind.ALTERED,
                ) from None
            raise DownloadRefused(
                f"{where}: refused: {exc.reason}", kind=FailureKind.TRUST, signer=signer
            ) from None
        except CourseError as exc:
            raise DownloadRefused(f"{where}: {exc}") from None

    def folder(self, download_id: str) -> Path:
        """Where a download's manifest copy is kept."""
        return self.root / download_id.replace(":", "-")

    def save(self, download_id: str, opened: OpenedCourse) -> None:
        """Keep the checked manifest and signature beside the download, for its resume."""
        folder = self.folder(download_id)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / MANIFEST, opened.manifest_bytes)
        if opened.signature_bytes is not None:
            write_atomic(folder / SIGNATURE, opened.signature_bytes)

    def stored(self, record: DownloadRecord) -> OpenedCourse:
        """The manifest saved when the download began, checked again (a key may have been
        removed since); fetched again from the source if the copy is gone or fails as ALTERED
        (a damaged copy on this disk is not the publisher's to fix)."""
        meta = record.meta
        course_id, version = str(meta.get("course_id", "")), str(meta.get("version", ""))
        title = str(meta.get("title") or course_id)
        where = f"{title} ({course_id} {version})"
        expected = str(meta.get("manifest_sha256", ""))
        folder = self.folder(record.id)
        manifest = _read(folder / MANIFEST)
        kept = manifest if hashlib.sha256(manifest).hexdigest() == expected else None
        signature = _read(folder / SIGNATURE)
        if kept is not None and signature:
            try:
                opened = self._open(course_id, version, kept, signature, record.source, where)
            except DownloadRefused as exc:
                if exc.kind is not FailureKind.ALTERED:
                    raise
                # This disk's copy damaged (its signature cut, bits flipped): the source's may
                # be fine, and ALTERED ("tell its publisher") only if it fails too.
                opened = self._from_source(record, course_id, version, where, expected, kept)
        else:
            opened = self._from_source(record, course_id, version, where, expected, kept)
        self.save(record.id, opened)
        return opened

    def _from_source(
        self,
        record: DownloadRecord,
        course_id: str,
        version: str,
        where: str,
        expected: str,
        kept: bytes | None = None,
    ) -> OpenedCourse:
        """The download's manifest and signature read again from its source, checked: the
        local copy is gone or damaged. `kept`: this disk's manifest, when it is the one the
        download began with: only the signature is read then (the manifest may be megabytes)."""
        relative = str(record.meta.get("manifest") or manifest_path(course_id, version))
        try:
            manifest = kept or read_repository_file(record.source, relative, self.session)
            signature = read_repository_file(record.source, relative + ".sig", self.session)
        except CatalogError as exc:
            raise refused(where, exc) from None
        if hashlib.sha256(manifest).hexdigest() != expected:
            raise DownloadRefused(
                f"{where}: the course changed in its catalog since the download began; "
                "download it again from the catalog (the files already fetched are kept)",
                kind=FailureKind.CHANGED,
            )
        return self._open(course_id, version, manifest, signature, record.source, where)


def _read(path: Path) -> bytes:
    """A kept copy's bytes; empty when it cannot be read (gone, a disk error): read again."""
    try:
        return path.read_bytes()
    except OSError:
        return b""
