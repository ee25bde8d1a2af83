"""Text flattened to one line without losing French typography's no-break spaces.

`" ".join(text.split())` and a regex `\\s+` take U+00A0 and U+202F for ordinary spaces, so
"80\u00a0%", "160\u202f000", "«\u00a0mot\u00a0»" or "Quoi\u00a0?" came out with a space a line
may break at: a summary could wrap between "80" and "%", or start a line with "?".
"""

from __future__ import annotations

import re

#: No-break space, narrow no-break space (French « » ; ? ! and thousands), figure space.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

_BLANK_RUN = re.compile(r"\s+")


def one_line(text: str) -> str:
    """`text` on one line: each run of blank space one ordinary space, the ends stripped; a run
    holding a no-break space becomes its no-break spaces alone, so "80 &nbsp;%" (a tag dropped
    before an entity) does not leave a space to break at before the no-break one."""
    return _BLANK_RUN.sub(_one_space, text).strip()


def _one_space(run: re.Match[str]) -> str:
    kept = "".join(c for c in run.group() if c in NO_BREAK_SPACES)
    return kept or " "
