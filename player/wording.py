"""English wording shared by the command lines (`cartable`, `cartable-pack`, the self-test).

Kept apart from player.commands, which loads the records store: `cartable-pack` needs none of
it, and paid about 0.2 s of imports on every run for this one function. GUI text goes through
tr(), never through here; `isolated` holds no words, and the GUI puts names in its lines with it
too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode's bidirectional algorithm).
FSI, PDI = "\u2068", "\u2069"

# What a name must not bring raw to a terminal: C0 and C1 controls (ESC starts a terminal
# sequence, CR rewrites the line), DEL, line separators, embeddings, overrides and isolates;
# lone surrogates, which no output encodes (a file name's bytes that are no UTF-8). A pattern re
# compiles (and caches) at its first use: the commands' names only, not the player's start.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
#: The surrogates os.fsdecode makes of a name's bytes that are no UTF-8 (0x80 to 0xff).
_BYTE_SURROGATES = range(0xDC80, 0xDD00)


# The explicit directional controls: embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and
# isolates (LRI, RLI, FSI, PDI). The implicit marks (LRM, RLM, ALM) are left: they open nothing.
_DIRECTIONAL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def isolated(text: str) -> str:
    """`text` (a learner's name) as a part of a longer line: between FSI and PDI, it takes its
    own direction and leaves the line's alone, so an Arabic name first no longer turns
    "name · PIN · open now" right to left. Both are invisible; a name copied with them still
    finds its profile (`profiles.name_key` drops format characters).

    The text's own embeddings, overrides and isolates are dropped first: a PDI in it closed the
    isolate early, and an RLO after it reversed the rest of the player's sentence ('Les
    MOOC<PDI><RLO>' in "Cancel the download of “%1”?"). They are invisible, so the text reads
    the same without them; its own direction is FSI's to find."""
    return f"{FSI}{_DIRECTIONAL.sub('', text)}{PDI}"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _BYTE_SURROGATES:  # the byte, as os.fsencode(name).decode(errors=...) says it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_name(name: str) -> str:
    """A name in a command's output: its control and text-direction characters escaped as
    Python writes them (`\\x1b`), as names saved before they were refused may hold them (one
    ESC cleared the admin's terminal); a file name's bytes that are no UTF-8, which no output
    encodes (`trust list` failed on 'cl\\xe9.pub'), as the bytes (`\\xe9`)."""
    return re.sub(_UNPRINTABLE, _escape, name)


def listed_name(name: str, *, terminal: bool) -> str:
    """A name in a line of a listing, first (`profiles list`, `records stats`) or in a column (a
    course's title in `courses list`, `catalogs courses`, `download --list`): `shown_name`, and
    on a `terminal` `isolated`, so that an Arabic name leaves the line's columns left to right;
    a script reading the listing through a pipe gets the name without them."""
    return isolated(shown_name(name)) if terminal else shown_name(name)


def encodes(text: str, stream: object) -> bool:
    """Whether `stream` writes `text` as itself: its encoding has every character (a stream
    with none, a StringIO, writes str). A command's output escapes what it cannot (`\\u674e`,
    player.__main__), and an escaped name pasted from a suggested command finds no profile."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def isolates(stream: object) -> bool:
    """Whether names written to `stream` are `isolated`: on a terminal that can write FSI and
    PDI; a cp1252 one wrote them escaped, '\\u2068Awa\\u2069' around each name."""
    isatty = getattr(stream, "isatty", None)
    try:
        terminal = bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        terminal = False
    return terminal and encodes(FSI + PDI, stream)


def named(name: str, stream: object) -> str:
    """A name (a learner's, a course's, a catalog's) in a line written to `stream`: escaped as
    `shown_name`, and `isolated` when `stream` is a terminal (`isolates`), where an Arabic name
    took the neutral characters after it into its own run ("New PIN for <name> (4 digits)" drew
    "(4" on the wrong side) or, first, turned the whole line right to left; a script reading
    the line through a pipe gets it bare, as `listed_name` gives a listing's."""
    return listed_name(name, terminal=isolates(stream))


def plural(count: int, noun: str) -> str:
    """`1 course`, `2 courses`, `0 courses` (English nouns taking an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def courses_listed(ids: Iterable[str]) -> str:
    """A catalog's entries counted as courses, the versions apart when there are more: it lists
    every published version, and one course in three versions was said '3 courses'.
    `1 course (3 versions)`, `2 courses`."""
    versions = list(ids)
    courses = len(set(versions))
    said = plural(courses, "course")
    return said if len(versions) == courses else f"{said} ({plural(len(versions), 'version')})"
