"""Learners on this device: names, language, optional PIN, optional LRS account, media choices.

The PIN keeps classmates on a shared laptop out of each other's records; it is a 4-digit code,
so its scrypt hash slows guessing but cannot stop someone holding the file. Every records query
in the store takes a profile id; nothing lists another profile's records.

Guessing at the keyboard (or by a script driving it) is slowed by a limit kept in the file, so
reopening the window or Cartable resets nothing: after `FREE_TRIES` wrong PINs in a row, each
further try is refused unchecked until a wait has passed (`wait_after`: 30 s, doubling with each
wrong try, at most 15 min); the right PIN resets the count, and so does a new PIN. The wait is
counted like an exam's clock (exam_clock.py): by the never-going-back boot clock while the
computer has not restarted, so moving the wall clock forward skips nothing; after a restart by
the wall clock, never more than the whole wait, so moving it back does not lock anyone out.
A value that is not 4 digits is no try (`PinOutcome.MALFORMED`, not counted), and a try whose
count cannot be written (the file held by another process, the disk full) is answered anyway.

Names are told apart by what a learner sees: two names that look the same (case, a zero-width
space or another invisible character, a full-width letter, "é" typed as e + accent) are one
name, and two that look different ("Weiß" and "Weiss", "Awa²" and "Awa2") are two
(`name_key`); a name holds no control or text-direction character (an ESC rewrote the admin's
terminal in `cartable profiles list`; U+202E turned the rest of a list line around), and shows
something (a Hangul filler alone made a blank line).
"""

from __future__ import annotations

import enum
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from player.store.database import Database, StoreError, WriteFailed
from player.store.ids import new_uuid
from player.store.playback import PlaybackPreferences, from_json, to_json
from player.store.statements import Actor, device_actor
from sync.outbox import Outbox

PIN_PATTERN = re.compile(r"[0-9]{4}\Z")  # \Z: "$" would let "1234\n" through
MAX_NAME = 80
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1

#: Wrong PINs in a row allowed before each further try waits.
FREE_TRIES = 5
FIRST_WAIT = 30.0
LONGEST_WAIT = 15 * 60.0
#: How long a PIN try waits for another process's write lock (`cartable records import`...)
#: before answering without recording: the window must not freeze for the store's 30 s.
PIN_BUSY_TIMEOUT_MS = 2000

log = logging.getLogger(__name__)


def wait_after(failures: int) -> float:
    """Seconds before the next try once `failures` wrong PINs in a row were typed."""
    if failures < FREE_TRIES:
        return 0.0
    return min(FIRST_WAIT * 2.0 ** min(failures - FREE_TRIES, 32), LONGEST_WAIT)


class ProfileError(StoreError):
    """A profile operation refused: unknown profile, taken name, bad PIN..."""


class UndeliveredRecords(ProfileError):
    """Removing this profile would drop statements the institution has not received."""

    def __init__(self, name: str, waiting: int) -> None:
        super().__init__(
            f"profile {name!r} has {waiting} records not yet sent to the institution; "
            "export them first or remove with force"
        )
        self.waiting = waiting


@dataclass(frozen=True)
class Profile:
    """A learner's profile on this computer."""

    id: str
    name: str
    language: str
    has_pin: bool
    actor: Actor
    account_linked: bool
    created_at: datetime


@dataclass(frozen=True)
class NewProfile:
    """A profile checked and ready to insert (`Profiles.prepare`), not in the records yet."""

    id: str
    name: str
    language: str
    pin_hash: str | None
    actor: Actor


class PinOutcome(enum.Enum):
    RIGHT = "right"  # no PIN, or this one: the count starts again
    WRONG = "wrong"  # checked and wrong: `tries_left`, and `wait` once they are used up
    LOCKED = "locked"  # refused unchecked: `wait` more seconds before a try is checked
    MALFORMED = "malformed"  # not 4 digits (empty: Enter pressed too early): not a try, uncounted


@dataclass(frozen=True)
class PinCheck:
    """What a PIN try gave (`Profiles.try_pin`)."""

    outcome: PinOutcome
    #: WRONG: wrong tries still allowed before a wait (0: this one started a wait).
    tries_left: int = 0
    #: WRONG with no tries left, LOCKED: seconds before the next try is checked.
    wait: float = 0.0
    #: The same, as a time on the store's clock (None without a wait).
    until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is PinOutcome.RIGHT


def _hash_pin(pin: str) -> str:
    import hashlib  # here, not at the top: OpenSSL loads in 3 ms the start does not need

    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def _pin_matches(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(digest))


#: Embeddings, overrides and isolates: in a name they turn around what follows it on screen.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt of Unicode 14.0, this
#: Python's unicodedata): characters a text shows as nothing when it does not act on them.
#: Format characters (zero-width space, soft hyphen, joiners, direction marks, tags),
#: variation selectors, the combining grapheme joiner, Mongolian free variation selectors,
#: Hangul fillers.
# A pattern re compiles (and caches) when a name is first compared, not at every start (1.2 ms).
_IGNORABLE = (
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)

#: Compatibility forms showing the same letters in another width, typeface, joining shape or
#: ligature; the other tags (<super>, <sub>, <circle>, <square>, <fraction>, <small>,
#: <vertical>) change a character's size or place, and "Awa²" is not "Awa2".
_SAME_LOOKING_FORMS = frozenset(
    {"<wide>", "<narrow>", "<font>", "<compat>", "<noBreak>"}
    | {"<initial>", "<medial>", "<final>", "<isolated>"}
)


def _same_looking(char: str) -> str:
    """`char` as the plain characters it shows (full-width "Ａ": "A"; "ﬁ": "fi"), else itself.
    Hangul compatibility jamo stay: folded, "ㄱㅏ" side by side would become the syllable "가"."""
    tag, _, codes = unicodedata.decomposition(char).partition(" ")
    if tag not in _SAME_LOOKING_FORMS or "\u3131" <= char <= "\u318e":
        return char
    return "".join(_same_looking(chr(int(code, 16))) for code in codes.split())


def name_key(name: str) -> str:
    """What two names that look the same share, and two names that look different never do.

    Merged: canonical equivalents ("é" typed as e + accent), case (`str.lower`, which keeps
    "ß" as it is and lowers "ẞ" to it, and keeps a final "ς" apart from "σ"; `casefold` made
    "Weiß" "weiss"), the compatibility forms in `_SAME_LOOKING_FORMS` (full-width "Ａ",
    half-width katakana, mathematical "𝖠", ligatures, Arabic presentation forms), the
    default-ignorable characters, dropped (`_IGNORABLE`: "Awa" + a zero-width space, a
    variation selector, a Hangul filler; ZWJ and ZWNJ stay allowed in a name, for Persian,
    Indic scripts and emoji, but "A" + ZWJ + "wa" is "Awa"), and runs of spaces. Kept apart:
    superscripts, subscripts, circled and other compatibility forms that change a character's
    size or place ("Awa²", "Awa2"), "ß" and "ss", and letters of other scripts that happen to
    look alike (Cyrillic "а", Latin "a")."""
    folded = "".join(_same_looking(c) for c in unicodedata.normalize("NFD", name)).lower()
    return unicodedata.normalize("NFC", " ".join(re.sub(_IGNORABLE, "", folded).split()))


def refused_character(name: str) -> str | None:
    """The first control or text-direction character of `name` ("U+001B"), else None."""
    for char in name:
        if char in _DIRECTION_CONTROLS or unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def _clean_name(name: str) -> str:
    cleaned = unicodedata.normalize("NFC", " ".join(name.split()))
    if not cleaned:
        raise ProfileError("a profile needs a name")
    if not name_key(cleaned):  # a Hangul filler, a zero-width space: a blank line in the lists
        codes = " ".join(f"U+{ord(c):04X}" for c in cleaned if not c.isspace())
        raise ProfileError(f"a profile needs a name that shows: this one shows nothing ({codes})")
    if len(cleaned) > MAX_NAME:
        raise ProfileError(f"profile name is longer than {MAX_NAME} characters")
    refused = refused_character(cleaned)
    if refused:
        raise ProfileError(
            f"a profile name cannot hold control or text-direction characters ({refused})"
        )
    return cleaned


def _check_pin(pin: str) -> str:
    if not PIN_PATTERN.match(pin):
        raise ProfileError("a PIN is exactly 4 digits")
    return pin


_COLUMNS = "id, name, language, pin_hash, actor_home_page, actor_name, account_linked, created_at"


def _profile(row: tuple) -> Profile:
    return Profile(
        id=row[0],
        name=row[1],
        language=row[2],
        has_pin=bool(row[3]),
        actor=Actor(row[4], row[5]),
        account_linked=bool(row[6]),
        created_at=datetime.fromtimestamp(row[7], UTC),
    )


def _at(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


class Profiles:
    def __init__(self, database: Database, monotonic: Callable[[], float] | None = None) -> None:
        """`monotonic`: the clock that never goes back and counts sleep (exam_clock.boot_clock
        by default; a store on its own clock, as in tests and tools, keeps time by it alone)."""
        self.database = database
        self.conn = database.conn
        self._monotonic = monotonic

    def all(self) -> list[Profile]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [_profile(r) for r in rows]

    def get(self, profile_id: str) -> Profile:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        return _profile(row)

    def find(self, name_or_id: str) -> Profile:
        """By id, else by name as `name_key` compares them: what the command line accepts.
        The id first: a profile named as another's id must not be reached in its place
        (`profiles remove`). Two profiles whose names look alike (made before names were told
        apart so) are refused even when one is written exactly so: the admin sees two
        identical lines and cannot know which one the name meant."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles WHERE id = ?", (name_or_id,)
        ).fetchone()
        if row is not None:
            return _profile(row)
        alike = self._named_like(name_or_id)
        if len(alike) > 1:
            raise ProfileError(
                f"{len(alike)} profiles have a name that looks like {name_or_id!r}: give the id"
                " that `cartable profiles list` shows"
            )
        if not alike:
            raise ProfileError(f"no profile named {name_or_id!r}")
        return alike[0]

    def named_like(self, name: str, other_than: str = "") -> Profile | None:
        """The profile whose name looks the same as `name` (`name_key`), other than the one
        with id `other_than`; None if there is none."""
        alike = self._named_like(name, other_than)
        return alike[0] if alike else None

    def _named_like(self, name: str, other_than: str = "") -> list[Profile]:
        key = name_key(name)
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles WHERE id != ? ORDER BY name", (other_than,)
        ).fetchall()
        return [_profile(r) for r in rows if name_key(r[1]) == key]

    def add(self, name: str, language: str = "en", pin: str | None = None) -> Profile:
        new = self.prepare(name, language, pin)
        with self.database.transaction():
            self.insert(new)
        return self.get(new.id)

    def prepare(self, name: str, language: str = "en", pin: str | None = None) -> NewProfile:
        """A profile to `insert`, checked and made outside any transaction (the PIN's hash is
        slow, the device id may be written)."""
        name = _clean_name(name)
        pin_hash = _hash_pin(_check_pin(pin)) if pin is not None else None
        profile_id = new_uuid()
        actor = device_actor(self.database.device_id(), profile_id)
        return NewProfile(profile_id, name, language, pin_hash, actor)

    def insert(self, new: NewProfile) -> None:
        """Add `new` inside the caller's transaction: an import making a profile for its file
        makes both or neither (a failure, or the player killed mid-import, leaves no empty
        profile whose name the learner is then told is taken). Outside one, the name's check
        and the insert were not under one write lock: another process could take the name."""
        assert self.conn.in_transaction, "Profiles.insert outside a transaction"
        self._refuse_taken(new.name)
        self.conn.execute(
            f"INSERT INTO profiles ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
            (
                new.id,
                new.name,
                new.language,
                new.pin_hash,
                new.actor.home_page,
                new.actor.name,
                self.database.clock(),
            ),
        )

    def _refuse_taken(self, name: str, other_than: str = "") -> None:
        same = self.named_like(name, other_than)
        if same is not None:
            raise ProfileError(f"a profile named {same.name!r} already exists")

    def _update(self, profile_id: str, sql: str, params: tuple) -> Profile:
        with self.database.transaction():
            cursor = self.conn.execute(sql + " WHERE id = ?", (*params, profile_id))
            if cursor.rowcount != 1:
                raise ProfileError(f"no profile with id {profile_id}")
        return self.get(profile_id)

    def rename(self, profile_id: str, name: str) -> Profile:
        name = _clean_name(name)
        with self.database.transaction():  # checked and renamed under one write lock
            self._refuse_taken(name, profile_id)
            cursor = self.conn.execute(
                "UPDATE profiles SET name = ? WHERE id = ?", (name, profile_id)
            )
            if cursor.rowcount != 1:
                raise ProfileError(f"no profile with id {profile_id}")
        return self.get(profile_id)

    def set_language(self, profile_id: str, language: str) -> Profile:
        return self._update(profile_id, "UPDATE profiles SET language = ?", (language,))

    def playback(self, profile_id: str) -> PlaybackPreferences:
        """The learner's media choices as last saved; a damaged value is its default."""
        row = self.conn.execute(
            "SELECT playback FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        return from_json(row[0])

    def set_playback(self, profile_id: str, preferences: PlaybackPreferences) -> None:
        self._update(profile_id, "UPDATE profiles SET playback = ?", (to_json(preferences),))

    def set_pin(self, profile_id: str, pin: str | None) -> Profile:
        """Set, change (`pin`) or remove (None) the PIN; the count of wrong tries starts again."""
        pin_hash = _hash_pin(_check_pin(pin)) if pin is not None else None
        return self._update(
            profile_id,
            "UPDATE profiles SET pin_hash = ?, pin_failures = 0, pin_locked_until = NULL,"
            " pin_locked_boot = NULL",
            (pin_hash,),
        )

    def check_pin(self, profile_id: str, pin: str) -> bool:
        """True when the profile has no PIN or `pin` is it: a try, counted (`try_pin`)."""
        return self.try_pin(profile_id, pin).ok

    def _boot_clock(self) -> float:
        if self._monotonic is None:
            if self.database.clock is time.time:
                from player.store.exam_clock import boot_clock  # loads the attempts: when used

                self._monotonic = boot_clock
            else:
                self._monotonic = self.database.clock
        return self._monotonic()

    def try_pin(self, profile_id: str, pin: str) -> PinCheck:
        """Check `pin` (constant-time comparison), within the limit of wrong tries.

        A value that is not 4 digits is MALFORMED, not counted. With no wrong try recorded,
        the right PIN is a read alone: no write lock, so another process writing the file
        (`cartable records import`) does not hold it up. Otherwise one transaction reads the
        count, checks, and writes the new count and wait. When that write cannot be made
        (the file held by another process past `PIN_BUSY_TIMEOUT_MS`, the disk full) the try
        is answered all the same, and logged: a right PIN opens, its count left as it was;
        a wrong one stays wrong, unrecorded."""
        stored, failures, locked_until, _ = self._pin_row(profile_id)
        if stored is None:
            return PinCheck(PinOutcome.RIGHT)
        if not PIN_PATTERN.match(pin):
            return PinCheck(PinOutcome.MALFORMED)
        matched: dict[str, bool] = {}  # hashed once, even when the write is retried as a read

        def matches(stored: str) -> bool:
            if stored not in matched:
                matched[stored] = _pin_matches(pin, stored)
            return matched[stored]

        if not failures and locked_until is None and matches(stored):
            return PinCheck(PinOutcome.RIGHT)
        (previous,) = self.conn.execute("PRAGMA busy_timeout").fetchone()
        self.conn.execute(f"PRAGMA busy_timeout = {int(PIN_BUSY_TIMEOUT_MS)}")
        try:
            with self.database.transaction():
                return self._try(profile_id, matches, self._pin_row(profile_id), write=True)
        except WriteFailed as exc:
            check = self._try(profile_id, matches, self._pin_row(profile_id), write=False)
            log.warning(
                "profile %s: a %s PIN try could not be recorded (%s)",
                profile_id,
                check.outcome.value,
                exc,
            )
            return check
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(previous)}")

    def _pin_row(self, profile_id: str) -> tuple[str | None, int, float | None, float | None]:
        row = self.conn.execute(
            "SELECT pin_hash, pin_failures, pin_locked_until, pin_locked_boot"
            " FROM profiles WHERE id = ?",
            (profile_id,),
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        return row[0], row[1], row[2], row[3]

    def _try(
        self,
        profile_id: str,
        matches: Callable[[str], bool],
        row: tuple[str | None, int, float | None, float | None],
        *,
        write: bool,
    ) -> PinCheck:
        """The try on `row`: recorded when `write` (in the caller's transaction), else only
        answered (the write failed)."""
        stored, failures, locked_until, locked_boot = row
        if stored is None:
            return PinCheck(PinOutcome.RIGHT)
        now, boot = self.database.clock(), self._boot_clock()
        left, anchor = self._wait_left(failures, locked_until, locked_boot, now, boot)
        if anchor is not None and write:
            self.conn.execute(
                "UPDATE profiles SET pin_locked_until = ?, pin_locked_boot = ? WHERE id = ?",
                (*anchor, profile_id),
            )
        if left > 0:
            return PinCheck(PinOutcome.LOCKED, wait=left, until=_at(now + left))
        if matches(stored):
            if write and (failures or locked_until is not None):
                self.conn.execute(
                    "UPDATE profiles SET pin_failures = 0, pin_locked_until = NULL,"
                    " pin_locked_boot = NULL WHERE id = ?",
                    (profile_id,),
                )
            return PinCheck(PinOutcome.RIGHT)
        failures += 1
        wait = wait_after(failures)
        if write:
            self.conn.execute(
                "UPDATE profiles SET pin_failures = ?, pin_locked_until = ?, pin_locked_boot = ?"
                " WHERE id = ?",
                (failures, now + wait if wait else None, boot if wait else None, profile_id),
            )
        if wait:
            return PinCheck(PinOutcome.WRONG, wait=wait, until=_at(now + wait))
        return PinCheck(PinOutcome.WRONG, tries_left=FREE_TRIES - failures)

    @staticmethod
    def _wait_left(
        failures: int,
        locked_until: float | None,
        locked_boot: float | None,
        now: float,
        boot: float,
    ) -> tuple[float, tuple[float, float] | None]:
        """Seconds of the wait still to pass, and the new (locked_until, locked_boot) to write
        when the boot clock is re-anchored (else None). Counted by the boot clock since the wait
        began; when it cannot say (the computer restarted: it is below its reading then), by the
        wall clock but never more than the whole wait, and the boot clock re-anchored so a wall
        clock set back does not keep the profile locked. A restart the boot clock does not show
        (its new reading already past the old one) can only make the wait longer, never more
        than the whole wait."""
        if locked_until is None:
            return 0.0, None
        wait = wait_after(failures)
        if locked_boot is not None and boot >= locked_boot:
            return max(0.0, min(wait - (boot - locked_boot), wait)), None
        left = max(0.0, min(locked_until - now, wait))
        return left, (now + left, boot - (wait - left))

    def link_account(self, profile_id: str, home_page: str, name: str) -> Profile:
        """Statements made from now on name the learner's account at the institution.

        Statements already queued keep the device actor (queued bytes are never edited).
        """
        if not home_page.startswith(("http://", "https://")) or not name:
            raise ProfileError("an account needs an http(s) home page and a name")
        return self._update(
            profile_id,
            "UPDATE profiles SET actor_home_page = ?, actor_name = ?, account_linked = 1",
            (home_page, name),
        )

    def unlink_account(self, profile_id: str) -> Profile:
        actor = device_actor(self.database.device_id(), profile_id)
        return self._update(
            profile_id,
            "UPDATE profiles SET actor_home_page = ?, actor_name = ?, account_linked = 0",
            (actor.home_page, actor.name),
        )

    def remove(self, profile_id: str, *, force: bool = False) -> int:
        """Remove a profile and all its records; refused while statements wait to be sent.
        Returns how many never reached the institution (`force`: lost with it, to be said).
        Counted under the removal's write lock: a statement queued meanwhile by another
        process (the player, `cartable records import`) was removed uncounted, even unforced."""
        profile = self.get(profile_id)
        box = Outbox(self.conn)
        with self.database.transaction():
            counts = box.counts(profile_id)
            waiting = counts.queued + counts.poison
            if waiting and not force:
                raise UndeliveredRecords(profile.name, waiting)
            box.delete_profile(profile_id)
            self.conn.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))
        return waiting
