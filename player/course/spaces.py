"""Text flattened to one line without losing French typography's no-break spaces.

`" ".join(text.split())` and a regex `\\s+` take U+00A0 and U+202F for ordinary spaces, so
"80\u00a0%", "160\u202f000", "«\u00a0mot\u00a0»" or "Quoi\u00a0?" came out with a space a line
may break at: a summary could wrap between "80" and "%", or start a line with "?".
"""

from __future__ import annotations

import html
import re

#: No-break space, narrow no-break space (French « » ; ? ! and thousands), figure space.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

#: What str.splitlines breaks at: a run holding one ends a line, whatever else it holds.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_BLANK_RUN = re.compile(r"\s+")

# Tags that end a line or a block (a paragraph, a cell, an item): their text is not one line.
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:br|p|li|div|td|th|tr|h[1-6]|blockquote|pre|ul|ol|table|hr)\b[^>]*>",
    re.IGNORECASE,
)
# Elements that stand between words as a box of their own (an image, a form field): a space.
_BOX_TAG = re.compile(
    r"<\s*(?:img|input|select|textarea|button|iframe|object|embed|video|audio)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def html_words(fragment: str) -> str:
    """An HTML fragment's text: a block-level tag is a line break, an image or form field a
    space, any other tag nothing (a reader sees "<b>tomb</b>?" as "tomb?", not "tomb ?"),
    entities decoded ("&nbsp;" is the U+00A0 it encodes). `one_line` then makes each break an
    ordinary space: Moodle's editor fills an empty paragraph with "&nbsp;", which sits between
    two paragraphs and is no French typography to keep."""
    spaced = _BOX_TAG.sub(" ", _BLOCK_TAG.sub("\n", fragment))
    return html.unescape(_TAG.sub("", spaced))


def one_line(text: str) -> str:
    """`text` on one line: each run of blank space one ordinary space, the ends stripped.

    A run holding a line break is one ordinary space (a line break is a break). Any other run
    holding a no-break space is ONE no-break space, the run's first: "80 &nbsp;%" (a tag
    dropped before an entity) leaves no space to break at before it, and a title padded with
    " \u00a0" pairs does not keep them all (it would grow past the GIFT title's limit)."""
    return _BLANK_RUN.sub(_one_space, text).strip()


def _one_space(run: re.Match[str]) -> str:
    blank = run.group()
    if any(c in LINE_BREAKS for c in blank):
        return " "
    return next((c for c in blank if c in NO_BREAK_SPACES), " ")
