"""Where a word typed in a find bar is in a text: ignoring case and accents, so "eleve" finds
"Élève", "coeur" finds "cœur", and words split over two lines of a PDF are found ("élève de" in
"élève\\r\\nde"). No Qt: the reading and the slides view each give it their text.

A match's place is the text's own: the text is only read with each accented letter as its bare
one, character for character (`searchable`: the same length), and the word typed is made a
pattern in which each letter may be followed by combining accents and the characters a PDF's
text holds inside words (a soft hyphen, PDFium's U+FFFE where a word was hyphenated at a line's
end), and letters that may be one ligature ("ﬁ", "œ", "ß") are found either way. A long reading
is searched at the speed of `re` (1 MiB: milliseconds, once read: 0.2 s)."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from functools import lru_cache

# Marks after a letter that a match steps over: combining accents (a text written decomposed,
# "e" + U+0301), a soft hyphen (U+00AD), a zero-width space (U+200B), and the U+FFFE PDFium
# puts where a word was hyphenated at a line's end ("manip-" + "ulation": "manip\ufffeulation").
# A searchable text has them all as U+0300: the pattern steps over one character, not a class
# (a class of letters above U+00FF takes Python's re a millisecond to compile: 2 ms a letter).
_MARKS = [*range(0x300, 0x370), 0xAD, 0xFFFE, 0x200B]
_MARK = "\u0300*"
# The Latin letters with accents: Latin-1, Latin Extended-A and B, Latin Extended Additional.
_ACCENTED = itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00))
# Written as one character or as its letters: the letters the word typed is folded to. PDFs
# keep the typesetter's ligatures (U+FB00-FB06) in their text; "ß" folds to "ss".
_LIGATURES = {
    "oe": "œ",
    "ae": "æ",
    "ss": "ß",
    "ff": "\ufb00",
    "fi": "\ufb01",
    "fl": "\ufb02",
    "ffi": "\ufb03",
    "ffl": "\ufb04",
    "st": "\ufb05\ufb06",
}
_LONGEST = max(map(len, _LIGATURES))
# The longest word searched (characters): a pasted page is searched for its beginning.
MAX_QUERY = 200


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _table() -> dict[int, str]:
    """What `searchable` reads each character as: an accented letter as its bare one ("É":
    "e"), a typographic apostrophe as a typed one, any mark as U+0300, "ẞ" as "ß"."""
    table = {0x2019: "'", 0x02BC: "'", 0x1E9E: "ß"}
    for code in _ACCENTED:
        bare = _bare(chr(code))
        if len(bare) == 1 and bare != chr(code).casefold():
            table[code] = bare
    table.update(dict.fromkeys(_MARKS, "\u0300"))
    return table


_TABLE = _table()


def searchable(text: str) -> str:
    """`text` as a pattern reads it, of the same length: its places are the text's."""
    return text.translate(_TABLE)


# A reading's text, read again for each letter typed (1 MiB: 0.2 s to read).
_searchable = lru_cache(maxsize=2)(searchable)


def fold(text: str) -> str:
    """`text` without case, accents or ligatures: what two texts that match have in common."""
    bare = _bare(text).translate(_TABLE).replace("\u0300", "")
    for letters, ligatures in _LIGATURES.items():
        for ligature in ligatures:
            bare = bare.replace(ligature, letters)
    return bare


def _spellings(letters: str) -> list[str]:
    """The ways `letters` may be written, as patterns: each letter alone, or some of them as
    one ligature ("ffi": "ffi", "ﬀi", "fﬁ", "ﬃ")."""
    if not letters:
        return [""]
    found = []
    for size in range(1, len(letters) + 1):
        head = letters[:size]
        heads = [head] if size == 1 else list(_LIGATURES.get(head, ""))
        for rest in _spellings(letters[size:]) if heads else []:
            found += [re.escape(first) + _MARK + rest for first in heads]
    return found


@lru_cache(maxsize=16)
def pattern(query: str) -> re.Pattern[str] | None:
    """The pattern finding `query` (its first MAX_QUERY characters) in a `searchable` text,
    None for a query of nothing but spaces. Letters that may be one ligature (the longest from
    the left: "ffi" in "office") are found either way."""
    words = fold(query[:MAX_QUERY]).split()
    if not words:
        return None
    parts: list[str] = []
    for word in words:
        if parts:
            parts.append(r"\s+")
        i = 0
        while i < len(word):
            size = next((n for n in range(_LONGEST, 1, -1) if word[i : i + n] in _LIGATURES), 1)
            spellings = _spellings(word[i : i + size])
            parts.append(spellings[0] if size == 1 else "(?:" + "|".join(spellings) + ")")
            i += size
    return re.compile("".join(parts), re.IGNORECASE)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Each match of `query` in `text`: (start, end), in characters of `text`."""
    return find_in(_searchable(text), query)


def find_in(text: str, query: str) -> list[tuple[int, int]]:
    """Each match of `query` in a text already `searchable` (kept so by a caller that searches
    it again as more is typed)."""
    found = pattern(query)
    if found is None:
        return []
    return [match.span() for match in found.finditer(text)]


class Matches:
    """The matches found so far, in the text's order, and the one shown: what a find bar counts
    ("3 of 12") and steps through (past the last, the first again). A match is any value that
    sorts in the text's order (a PDF's is its page and its place on the page).

    Kept as runs, one each `add` (a PDF's: the pages searched in one slice), ordered by their
    first match, with how many matches come before each: a slice adds its matches without
    sorting those found before, and counting or stepping is a bisection (a letter typed in a
    300-page deck: 270,000 matches). Runs that interleave are merged into one."""

    def __init__(self, found: list[tuple[int, ...]], current: tuple[int, ...] | None = None):
        self._runs: list[list[tuple[int, ...]]] = []
        self._firsts: list[tuple[int, ...]] = []
        self._before: list[int] = []  # matches in the runs before each
        self.current = current
        self.add(found)

    def __len__(self) -> int:
        return self._before[-1] + len(self._runs[-1]) if self._runs else 0

    @property
    def found(self) -> list[tuple[int, ...]]:
        """All of them, in order (a copy)."""
        return [match for run in self._runs for match in run]

    def add(self, more: list[tuple[int, ...]]) -> None:
        """More matches found (a later page, or an earlier one once the search wrapped)."""
        if not more:
            return
        run = sorted(more)
        at = bisect.bisect_left(self._firsts, run[0])
        if (at > 0 and self._runs[at - 1][-1] > run[0]) or (
            at < len(self._runs) and self._firsts[at] < run[-1]
        ):
            run = sorted(self.found + run)
            self._runs, self._firsts, self._before, at = [], [], [], 0
        self._runs.insert(at, run)
        self._firsts.insert(at, run[0])
        self._before.insert(at, self._before[at - 1] + len(self._runs[at - 1]) if at else 0)
        for later in range(at + 1, len(self._runs)):
            self._before[later] += len(run)

    def _index(self, match: tuple[int, ...] | None) -> int | None:
        """Where `match` is among them, from 0; None if not one of them."""
        if match is None or not self._runs:
            return None
        at = bisect.bisect_right(self._firsts, match) - 1
        if at < 0:
            return None
        run = self._runs[at]
        inside = bisect.bisect_left(run, match)
        if inside == len(run) or run[inside] != match:
            return None
        return self._before[at] + inside

    def _at(self, index: int) -> tuple[int, ...]:
        at = bisect.bisect_right(self._before, index) - 1
        return self._runs[at][index - self._before[at]]

    def first_from(self, place: tuple[int, ...]) -> tuple[int, ...] | None:
        """The first match at or after `place`, else the first of all."""
        if not self._runs:
            return None
        at = max(0, bisect.bisect_right(self._firsts, place) - 1)
        for run in self._runs[at : at + 2]:
            inside = bisect.bisect_left(run, place)
            if inside < len(run):
                return run[inside]
        return self._runs[0][0]

    def step(self, step: int) -> tuple[int, ...] | None:
        """The next (1) or previous (-1) match, round the ends; the first when none is shown."""
        if not self._runs:
            return None
        index = self._index(self.current)
        if index is None:
            self.current = self._at(0 if step > 0 else len(self) - 1)
        else:
            self.current = self._at((index + step) % len(self))
        return self.current

    @property
    def position(self) -> int:
        """The shown match's number, from 1; 0 when none is shown."""
        index = self._index(self.current)
        return 0 if index is None else index + 1
