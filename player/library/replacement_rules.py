"""What a copy of a course may replace of what is installed, and the typed refusals.

A course installed verified is replaced (update, reinstall) only by a copy signed by the key
that signed it: anyone can make a course with the same id, and a key trusted for one
publisher's courses (one the learner added, another catalog's, a USB stick's) must not take
over another's. Between two keys built into the installer a course goes from one to the other
(an institution changing its key ships both), and from an earlier key of a built-in key to it
(the demo, rebuilt with a new key each time). A newer installed version is kept unless a
downgrade is asked: its files go with it. Every install checks these rules before any file is
copied or fetched, and again under the course's lock at the switch (`Library.commit`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from player.course.errors import PackageError, UntrustedKey
from player.course.manifest import version_key
from player.library.course_switch import pointer, version_of
from player.library.trust import TrustStore

if TYPE_CHECKING:
    from player.course.package import OpenedCourse
    from player.library.library import InstalledCourse


class OlderVersion(PackageError):
    """An import would put an older version in place of the installed one (`allow_downgrade`)."""


class UnverifiedOverVerified(PackageError):
    """A copy not signed by a trusted key of a course whose installed version is: it never
    replaces that version (anyone can make a course with the same id), whatever its own version
    (newer, the same again, older) and whatever the learner accepted. `title` and
    `installed_version` name what is kept, for the learner's words."""

    def __init__(self, course_id: str, version: str, installed_version: str, title: str) -> None:
        self.course_id = course_id
        self.installed_version = installed_version
        self.title = title
        super().__init__(
            f"{course_id}@{version}",
            f"not signed, and the installed version {installed_version} is signed by a trusted "
            "key: the installed version is kept",
        )


class OtherSigner(PackageError):
    """A copy signed by a trusted key of a course whose installed version another key signed:
    it never replaces that version. Every trusted key may sign a new course, but a course stays
    with the key that signed it (the institution's, or one the learner added for a teacher),
    so a key trusted for one publisher's courses cannot take over another's. `title`,
    `installed_version` and both key ids name what is kept and what was refused."""

    def __init__(
        self,
        opened: OpenedCourse,
        installed_version: str,
        title: str,
        installed_key: str,
        installed_publisher: str,
    ) -> None:
        course = opened.course
        assert opened.signer is not None
        self.course_id = course.id
        self.installed_version = installed_version
        self.title = title
        self.key = opened.signer.key_id
        self.installed_key = installed_key
        publisher = course.publisher.name if course.publisher else ""
        super().__init__(
            course.key,
            f"signed by key {_named(self.key, publisher)}, but the installed version "
            f"{installed_version} is signed by key {_named(installed_key, installed_publisher)}: "
            "only a copy signed by the same key replaces it; the installed version is kept",
        )


class UntrustedOverSigned(OtherSigner):
    """A copy signed by a key not trusted here of a course whose installed version another key
    signed: trusting that key would not let it replace that version either (a key added here
    stays bound to its own courses), so the refusal says so, and what does help (the
    institution's new installer, holding both keys; or removing the course first), instead of
    "add the key", whose advice only led to `OtherSigner` (review u2: a new signing key)."""

    def __init__(
        self,
        course_id: str,
        version: str,
        key: str,
        installed_version: str,
        title: str,
        installed_key: str,
        installed_publisher: str,
    ) -> None:
        self.course_id = course_id
        self.installed_version = installed_version
        self.title = title
        self.key = key
        self.installed_key = installed_key
        PackageError.__init__(
            self,
            f"{course_id}@{version}",
            f"signed by key {key}, which this computer does not trust, and the installed version "
            f"{installed_version} is signed by key {_named(installed_key, installed_publisher)}: "
            f"adding key {key} here would not update this course (only a copy signed by the "
            "installed version's key replaces it); ask the institution for its new installer, "
            "which holds both keys, or remove the course first (its learners' records are "
            "kept), then add the key; the installed version is kept",
        )


def _named(key_id: str, publisher: str) -> str:
    return f"{key_id} ({publisher})" if publisher else key_id


class ReplacementRules:
    """The rules as methods of `Library` (its base class): they read its courses folder, its
    trust store and its installed courses, and callers ask the library itself."""

    dir: Path
    trust: TrustStore

    def get(self, course_id: str) -> InstalledCourse | None:
        raise NotImplementedError  # Library's

    def signed_install(self, course_id: str) -> tuple[str, str] | None:
        """The version and title of the installed version of `course_id` when a trusted key
        signed it: only a copy signed by a trusted key may replace it (anyone can make a course
        with the same id). Its install record says so; when that record cannot be read (the
        course is then missing from the library until repaired), its signature file does (an
        install keeps one only when verified), and the title is the course id."""
        installed = self.get(course_id)
        if installed is not None:
            return (installed.version, installed.course.title) if installed.verified else None
        course_dir = self.dir / course_id
        name = pointer(course_dir) or ""
        version = version_of(name)
        if version is not None and (course_dir / name / "course.json.sig").is_file():
            return version, course_id
        return None

    def refuse_unverified(self, course_id: str, version: str) -> None:
        """Raise UnverifiedOverVerified when an unverified copy of `course_id` (at `version`)
        would replace a verified installed version."""
        kept = self.signed_install(course_id)
        if kept is not None:
            raise UnverifiedOverVerified(course_id, version, *kept)

    def installed_key(self, course_id: str) -> str | None:
        """The key id that verified the installed version of `course_id`: its install record's,
        or the one its kept signature names (an install keeps one only when verified). None:
        not installed verified, or the key is not known (an install record without it: then any
        trusted key may replace it, once, and the new record names that key)."""
        installed = self.get(course_id)
        if installed is not None:
            if not installed.verified:
                return None
            if installed.signer:
                return installed.signer
            folder = installed.folder
        else:
            if self.signed_install(course_id) is None:
                return None
            folder = self.dir / course_id / (pointer(self.dir / course_id) or "")
        from player.course.signing import MAX_SIGNATURE_BYTES, signer_of

        try:
            with open(folder / "course.json.sig", "rb") as handle:
                return signer_of(handle.read(MAX_SIGNATURE_BYTES + 1))
        except OSError:
            return None

    def other_signer(self, course_id: str, key_id: str) -> str | None:
        """The key that signed the verified installed version of `course_id` when a copy signed
        by `key_id` may not replace it; None when it may. The one rule of `refuse_other_signer`,
        also read by a catalog that knows an update's signer before any download. For a key not
        trusted here, whether trusting it would let the copy replace it (`key_id` would be a key
        added here, bound to its own courses): `refuse_untrusted_update`."""
        if self.signed_install(course_id) is None:
            return None
        key = self.installed_key(course_id)
        if key is None or key == key_id:
            return None
        if {key, key_id} <= self._branding_keys():
            return None  # the institution's new key: its installer vouches for both
        if self.trust.taken_over(key, key_id, course_id):
            return None  # the demo's new key: the installer names its earlier ones
        return key

    def refuse_other_signer(self, opened: OpenedCourse) -> None:
        """Raise OtherSigner when `opened` (signed by a trusted key) would replace a verified
        installed version that another key signed."""
        course = opened.course
        if opened.signer is None:
            return
        key = self.other_signer(course.id, opened.signer.key_id)
        if key is None:
            return
        kept = self.signed_install(course.id)  # other_signer found one: read again only here
        assert kept is not None
        installed = self.get(course.id)
        publisher = installed.course.publisher if installed is not None else None
        raise OtherSigner(opened, *kept, key, publisher.name if publisher else "")

    def refuse_untrusted_update(self, error: UntrustedKey, course_id: str, version: str) -> None:
        """Raise UntrustedOverSigned when the copy `error` refused (signed by a key not trusted
        here) could not replace the installed version even once its key is added: checked
        before "not trusted" is said, whose "add the key" would lead only to `OtherSigner`."""
        key = self.other_signer(course_id, error.key_id)
        if key is None:
            return
        kept = self.signed_install(course_id)
        assert kept is not None  # other_signer found one
        installed = self.get(course_id)
        publisher = installed.course.publisher if installed is not None else None
        raise UntrustedOverSigned(
            course_id, version, error.key_id, *kept, key, publisher.name if publisher else ""
        ) from None

    def _branding_keys(self) -> set[str]:
        """The keys built into the institution's installer: an institution that changes its
        signing key ships the old and the new one, and its courses go from one to the other."""
        return {k.key_id for k in self.trust.trusted() if k.origin == "branding"}

    def check_replaces(self, opened: OpenedCourse, *, allow_downgrade: bool = False) -> None:
        """Refuse what an install would lose unasked: a verified course, which only a copy
        signed by the same key replaces (`refuse_unverified`, `refuse_other_signer`), and a
        newer installed version (its files go with it) unless a downgrade is asked."""
        course = opened.course
        if not opened.verified:
            self.refuse_unverified(course.id, course.version)
        else:
            self.refuse_other_signer(opened)
        installed = self.get(course.id)
        if installed is None:
            return
        if not allow_downgrade and version_key(course.version) < version_key(installed.version):
            raise OlderVersion(course.key, f"older than the installed version {installed.version}")
