"""Where a word typed in a find bar is in a text: ignoring case and accents, so "eleve" finds
"Élève", "coeur" finds "cœur", and words split over two lines of a PDF are found ("élève de" in
"élève\\r\\nde"). No Qt: the reading and the slides view each give it their text.

The text is never rewritten: the word typed is made a pattern in which each letter also takes
its accented forms (and combining accents after it), so a match's place is the text's own, and a
long reading is searched at the speed of `re` (1 MiB: milliseconds)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Combining accents following a letter (a text written decomposed: "e" + U+0301).
_MARKS = "[\u0300-\u036f]*"
# The Latin letters with accents: Latin-1, Latin Extended-A and B, Latin Extended Additional.
_ACCENTED = itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00))
# Written as one letter or as two: the two the word typed is folded to.
_LIGATURES = {"œ": "oe", "æ": "ae"}


def _bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variants() -> dict[str, str]:
    """Each bare letter and its accented forms: "e" -> "éèêëÉ..." (case is the pattern's)."""
    found: dict[str, set[str]] = {}
    for code in _ACCENTED:
        letter = chr(code)
        bare = _bare(letter)
        if len(bare) == 1 and bare != letter.casefold():
            found.setdefault(bare, set()).add(letter)
    return {bare: "".join(sorted(letters)) for bare, letters in found.items()}


_VARIANTS = _variants()


def fold(text: str) -> str:
    """`text` without case, accents or ligatures: what two texts that match have in common."""
    bare = _bare(text)
    for ligature, letters in _LIGATURES.items():
        bare = bare.replace(ligature, letters)
    return bare


def _letter(bare: str) -> str:
    variants = _VARIANTS.get(bare, "")
    if not variants:
        return re.escape(bare) + _MARKS
    return "[" + "".join(re.escape(ch) for ch in bare + variants) + "]" + _MARKS


@lru_cache(maxsize=16)
def pattern(query: str) -> re.Pattern[str] | None:
    """The pattern finding `query`, None for a query of nothing but spaces."""
    words = fold(query).split()
    if not words:
        return None
    parts: list[str] = []
    for word in words:
        if parts:
            parts.append(r"\s+")
        i = 0
        while i < len(word):
            pair = word[i : i + 2]
            ligature = next((lig for lig, two in _LIGATURES.items() if two == pair), None)
            if ligature is not None:
                parts.append(f"(?:{re.escape(ligature)}|{_letter(pair[0])}{_letter(pair[1])})")
                i += 2
            else:
                parts.append(_letter(word[i]))
                i += 1
    return re.compile("".join(parts), re.IGNORECASE)


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Each match of `query` in `text`: (start, end), in characters of `text`."""
    found = pattern(query)
    if found is None:
        return []
    return [match.span() for match in found.finditer(text)]


@dataclass
class Matches:
    """The matches found so far, in the text's order, and the one shown: what a find bar counts
    ("3 of 12") and steps through (past the last, the first again). A match is any value that
    sorts in the text's order (a PDF's is its page and its place on the page)."""

    found: list[tuple[int, ...]]
    current: tuple[int, ...] | None = None

    def add(self, more: list[tuple[int, ...]]) -> None:
        """More matches found (a later page, or an earlier one once the search wrapped)."""
        self.found = sorted(self.found + more)

    def first_from(self, place: tuple[int, ...]) -> tuple[int, ...] | None:
        """The first match at or after `place`, else the first of all."""
        after = next((m for m in self.found if m >= place), None)
        return after if after is not None else (self.found[0] if self.found else None)

    def step(self, step: int) -> tuple[int, ...] | None:
        """The next (1) or previous (-1) match, round the ends; the first when none is shown."""
        if not self.found:
            return None
        if self.current is None or self.current not in self.found:
            self.current = self.found[0 if step > 0 else -1]
        else:
            at = self.found.index(self.current)
            self.current = self.found[(at + step) % len(self.found)]
        return self.current

    @property
    def position(self) -> int:
        """The shown match's number, from 1; 0 when none is shown."""
        if self.current is None or self.current not in self.found:
            return 0
        return self.found.index(self.current) + 1
