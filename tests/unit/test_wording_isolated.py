"""`isolated`: a name put into a sentence between FSI and PDI must stay inside them. A name that
held a PDI of its own closed the isolate early, and a U+202E (RLO) after it reversed the rest of
the player's sentence: Qt laid out "Cancel the download of “%1”?" with 'Les MOOC<PDI><RLO>'
reversed. The embeddings, overrides and isolates are dropped from the name; the command lines'
`shown_name` and `named` write them escaped (\\u2069), so none reaches a terminal either."""

from __future__ import annotations

import io

import pytest

from player.wording import FSI, PDI, isolated, isolates, named, shown_name

SENTENCE = "Cancel the download of “%1”?"
#: every explicit directional control: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def directional(text: str) -> list[str]:
    return [c for c in text if c in CONTROLS]


@pytest.mark.parametrize(
    "name",
    ["Les MOOC\u2069\u202e", "\u2069\u2069\u202eLes MOOC", "Les\u202b MOOC\u202c\u2067"],
)
def test_a_name_cannot_close_its_isolate(name: str) -> None:
    sentence = SENTENCE.replace("%1", isolated(name))
    assert sentence == f"Cancel the download of “{FSI}Les MOOC{PDI}”?"
    assert directional(sentence) == [FSI, PDI]  # ours only, the isolate closed where we close it


def test_the_directional_marks_are_kept() -> None:
    """LRM, RLM and ALM open nothing: an Arabic name may need them to read right."""
    name = "\u0639\u0644\u064a\u200f (2)\u061c\u200e"
    assert isolated(name) == f"{FSI}{name}{PDI}"


def test_the_command_lines_escape_them() -> None:
    name = "Les MOOC\u2069\u202e"
    assert shown_name(name) == "Les MOOC\\u2069\\u202e"
    assert named(name, Terminal()) == f"{FSI}Les MOOC\\u2069\\u202e{PDI}"
    assert named(name, io.StringIO()) == "Les MOOC\\u2069\\u202e"


class Cp1252Terminal(io.TextIOWrapper):
    """A terminal writing cp1252 (Windows' legacy console, PYTHONIOENCODING=cp1252)."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="cp1252", errors="backslashreplace")

    def isatty(self) -> bool:
        return True


def test_a_terminal_that_cannot_write_the_isolates_gets_the_name_bare() -> None:
    """Review r13 #5: a cp1252 terminal wrote FSI and PDI escaped, '\\u2068Awa\\u2069' around
    each name; they are left out there, as on a pipe."""
    terminal = Cp1252Terminal()
    assert named("Awa", terminal) == "Awa"
    assert named("Awa", Terminal()) == f"{FSI}Awa{PDI}"  # a StringIO writes every character
    assert isolates(Terminal()) and not isolates(terminal)
    terminal.reconfigure(encoding="utf-8")
    assert named("Awa", terminal) == f"{FSI}Awa{PDI}"
