"""player/ui/html_reading.py's checks at import, on a Python whose html.parser or _markupbase
lost or reshaped a name they read (CPython marks locatestarttagend_tolerant "not used, but
temporarily left for backward compatibility"): the shortcuts off, html.parser reading alone,
and question_text imported. Raising there, it left no quiz or exam to open (review r8)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support import ROOT

CHANGES = {
    "locatestarttagend_tolerant removed": (
        "import html.parser; del html.parser.locatestarttagend_tolerant"
    ),
    "_declname_match a plain function": (
        "import _markupbase, re; p = re.compile(r'[a-zA-Z][-_.a-zA-Z0-9]*\\s*');"
        " _markupbase._declname_match = lambda s, i=0: p.match(s, i)"
    ),
}


@pytest.mark.parametrize("python_change", CHANGES.values(), ids=CHANGES.keys())
def test_question_text_imports_on_another_html_parser(python_change: str) -> None:
    """In a new interpreter: the change is made before the modules' first import."""
    code = (
        f"{python_change}\n"
        "from player.ui import html_reading, question_text\n"
        "assert not html_reading.SHORTCUTS\n"
        "print(question_text.sanitize_html('a &lt; b'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-600:]
    assert run.stdout == "a &lt; b\n"
