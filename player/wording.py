"""English wording shared by the command lines (`cartable`, `cartable-pack`, the self-test).

Kept apart from player.commands, which loads the records store: `cartable-pack` needs none of
it, and paid about 0.2 s of imports on every run for this one function. GUI text goes through
tr(), never through here.
"""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """`1 course`, `2 courses`, `0 courses` (English nouns taking an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
