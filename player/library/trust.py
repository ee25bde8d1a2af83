"""Which public keys the player trusts to sign courses.

Three origins, shown to the user with each key: the institution's branding (built into the
installer, cannot be removed from the player), the demo course's key (when the branding includes
the demo), and keys the user added in Settings or with `cartable trust add` (one `.pub` file each
in the config folder). Apart from these, the earlier keys of a built-in key (each demo rebuild
takes a new key): trusted for nothing, only named as signers its course may be taken over from.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from player.course.errors import SignatureError
from player.course.signing import PublicKey
from sync.durable import write_atomic

Origin = Literal["branding", "demo", "user"]


@dataclass(frozen=True)
class TrustedKey:
    """A key trusted here, where its trust comes from, and the course it is limited to."""

    key: PublicKey
    origin: Origin
    # The demo key, trusted for the demo only (defence in depth should it leak).
    only_course: str | None = None

    @property
    def key_id(self) -> str:
        return self.key.key_id


@dataclass(frozen=True)
class UnreadKey:
    """A file of the keys folder read as no key (bad bytes, not allowed, a folder), or the
    folder itself not listed: it trusts nothing, and `trust list` says why (it hid them)."""

    path: Path
    reason: str


class TrustStore:
    def __init__(
        self, folder: Path, built_in: list[TrustedKey], earlier: Sequence[TrustedKey] = ()
    ) -> None:
        self.folder = folder
        self.built_in = built_in
        # Keys that signed a built-in key's course before it (`only_course`, `origin`: whose):
        # never in `trusted`, so a leaked one signs nothing that installs (`taken_over`).
        self.earlier = list(earlier)

    def trusted(self) -> list[TrustedKey]:
        """The built-in keys and the user's; a user's file of an earlier demo key trusts
        nothing: like the demo key's, that private key left the publisher's hands (its file may
        come from a `trust add` a refusal seemed to ask for)."""
        return self.read()[0]

    def read(self) -> tuple[list[TrustedKey], list[UnreadKey]]:
        """`trusted`, and the files of the keys folder that could not be read as a key (a
        damaged file trusts nothing), or the folder itself when it could not be listed."""
        found = {k.key_id: k for k in self.built_in}
        earlier = {k.key_id for k in self.earlier}
        paths, unread = self._key_files()
        for path in paths:
            try:
                key = PublicKey.from_file(path)
            except SignatureError as error:
                unread.append(UnreadKey(path, error.reason))
                continue
            if key.key_id not in earlier:
                found.setdefault(key.key_id, TrustedKey(key, "user"))
        return list(found.values()), unread

    def _key_files(self) -> tuple[list[Path], list[UnreadKey]]:
        """The folder's `*.pub` files (none without a folder), or why it could not be listed:
        listed by glob, a folder not allowed gave no file and no word."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:  # no key added yet
            return [], []
        except NotADirectoryError:
            return [], [UnreadKey(self.folder, "not a folder: no key added here can be read")]
        except OSError as error:
            return [], [UnreadKey(self.folder, f"cannot list the folder ({error.strerror})")]
        return sorted(self.folder / n for n in names if fnmatch.fnmatch(n, "*.pub")), []

    def public_keys(self, course_id: str | None = None) -> list[PublicKey]:
        """The keys that may sign `course_id` (every unrestricted key when None)."""
        return [
            k.key for k in self.trusted() if k.only_course is None or k.only_course == course_id
        ]

    def trusts(self, key_id: str, course_id: str) -> bool:
        """Whether the key named `key_id` (a signature's) may sign `course_id` here."""
        return any(key.key_id == key_id for key in self.public_keys(course_id))

    def scoped_elsewhere(self, course_id: str) -> dict[str, str]:
        """The keys trusted here for one other course only (the demo key, and the earlier demo
        keys, named for their course too), each with that course: a course they sign is refused
        for the key's scope, not as unknown (trusting the key again changes nothing, the
        built-in limited entry wins). The earlier keys are in it whatever course they sign, the
        demo's included, mapped to their course: refused as earlier keys (`earlier_ids`,
        `KeyScope.earlier`), not as a stranger's whose key to add."""
        trusted = self.trusted()  # one read of the keys folder (public_keys would be a second)
        allowed = {k.key_id for k in trusted if k.only_course in (None, course_id)}
        return {
            k.key_id: k.only_course
            for k in [*self.earlier, *trusted]
            if k.only_course is not None
            and (k.only_course != course_id or k in self.earlier)
            and k.key_id not in allowed
        }

    def taken_over(self, installed_key: str, key_id: str, course_id: str) -> bool:
        """Whether a copy of `course_id` signed by `key_id` may replace the installed one that
        `installed_key` signed because the installer ships the first as the built-in key of
        that course and the second as one of its earlier keys (a demo rebuilt with a new key:
        learners get the new demo, their progress kept). Never the other way round."""
        return any(
            old.key_id == installed_key
            and old.only_course == course_id
            and new.key_id == key_id
            and new.origin == old.origin
            and new.only_course in (None, course_id)
            for old in self.earlier
            for new in self.built_in
        )

    def listed(self, key_id: str) -> TrustedKey | None:
        """The installer's entry for `key_id` when a `trust add` of it cannot change what it
        signs: a built-in key (the demo key stays the demo's only) or an earlier key (trusted
        for nothing, whatever file names it: `trusted`); None for any other key."""
        return next((k for k in [*self.built_in, *self.earlier] if k.key_id == key_id), None)

    def is_earlier(self, entry: TrustedKey) -> bool:
        """Whether `entry` is an earlier key (of `entry.only_course`'s built-in key)."""
        return entry.key_id in self.earlier_ids()

    def earlier_ids(self) -> frozenset[str]:
        """The ids of the earlier keys, whatever course they sign: what the key is, not what it
        signs, makes it one ("an earlier key of les-mooc" signing maths was said as "accepted
        only for les-mooc", false). A built-in key is never one (the installer trusts it)."""
        return frozenset(k.key_id for k in self.earlier) - {k.key_id for k in self.built_in}

    def add(self, key: PublicKey) -> TrustedKey:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key.key_id}.pub"
        write_atomic(path, key.to_text() + "\n")  # a full disk leaves no half key, never trusted
        return TrustedKey(key, "user")

    def remove(self, key_id: str) -> bool:
        """Remove a user-added key; built-in keys stay (the institution's installer owns them).
        A file that cannot be read as a key is matched by its name, `<key_id>.pub` as `add`
        wrote it: a key trusted before the 64 KiB limit with a larger comment trusts nothing
        now, and must still be removable."""
        removed = False
        if self.folder.is_dir():
            for path in self.folder.glob("*.pub"):
                try:
                    found = PublicKey.from_file(path).key_id
                except SignatureError:
                    found = path.name.removesuffix(".pub")
                if found.startswith(key_id):
                    path.unlink()
                    removed = True
        return removed
