"""One rule for a server address the player can request (sync/server_address.py): the build's
check of the branding's LRS endpoint and the Sync panel's account form held two copies of it,
and a fix to one (the empty label, port 0) reached the other a commit later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from player.branding import BrandingError, parse_branding
from sync.server_address import (
    AddressFault,
    address_problem,
    find_address_problem,
    sendable_endpoint,
)

ROOT = Path(__file__).resolve().parents[2]

ADDRESSES = [
    ("https://lrs.example.org/xAPI/", True),
    ("http://lrs.example.org:8100/xAPI", True),
    ("http://[::1]:8100/xAPI/", True),
    ("https://lrs.éxample.org./xAPI/", True),
    ("https://lrs example.org/xAPI/", False),
    ("https://lrs..example.org/xAPI/", False),
    ("https://.example.org/xAPI/", False),
    ("https://lrs.example.org:0/xAPI/", False),
    ("https://lrs.example.org:99999/xAPI/", False),
    ("https://lrs.example.org/xAPI/?v=2", False),
    ("https://lrs.example.org/xAPI/#top", False),
    ("ftp://lrs.example.org/xAPI/", False),
    ("https://user:pw@lrs.example.org/xAPI/", False),
    # review r10 #2: the build took them (urlsplit drops a tab; requests quotes an ESC)
    ("https://lrs.example.org/x\tAPI/", False),
    ("https://lrs.example.org/x\x1bAPI/", False),
    # review r10 #8: invisible, and sent percent-encoded (/xAPI/%E2%80%8F/statements)
    ("https://lrs.example.org/xAPI/\u200f", False),
]


@pytest.mark.parametrize(("endpoint", "usable"), ADDRESSES)
def test_the_build_and_the_account_form_take_the_same_lrs_addresses(
    endpoint: str, usable: bool
) -> None:
    assert sendable_endpoint(endpoint) is usable
    try:
        parse_branding({"lrs": {"endpoint": endpoint}}, Path("/ut/branding.toml"))
    except BrandingError:
        built = False
    else:
        built = True
    assert built is usable


@pytest.mark.parametrize(
    # review r10 #8: the bidirectional controls too (LRM, RLM, ALM, an override, an isolate)
    "control",
    ["\t", "\r", "\n", "\x1b", "\x85", "\u200e", "\u200f", "\u061c", "\u202e", "\u2066"],
)
def test_an_address_typed_with_a_control_character_is_refused(control: str) -> None:
    """Typed in the Sync panel's form: a tab or a newline is refused, not saved in the address
    (the client drops those of an address saved earlier, review r6 #6)."""
    assert not sendable_endpoint(f"https://lrs.example.org/x{control}API/")
    assert not sendable_endpoint(f"https://lrs.example.org/xAPI/{control}")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://cours ut.example/", "is not a valid URL ("),
        ("https://cours..ut.example/", "is not a valid URL (an empty label in its host)"),
        ("https://cours.ut.example:0/", "is not a valid URL (port 0)"),
        ("https://ut.example/cours/?v=2", "must not have a query (?…) or fragment (#…)"),
        ("https://cours.ut.example/", ""),
    ],
)
def test_the_rule_says_what_is_wrong(url: str, said: str) -> None:
    assert address_problem(url).startswith(said) and bool(address_problem(url)) is bool(said)


@pytest.mark.parametrize(
    ("url", "fault"),
    [
        ("http://[::1/", AddressFault.MALFORMED),  # urlsplit: "Invalid IPv6 URL"
        ("http://[abc]/", AddressFault.MALFORMED),
        ("https://cours ut.example/", AddressFault.MALFORMED),
        ("https://cours..ut.example/", AddressFault.MALFORMED),
        ("http://cours.ut.example:99999/", AddressFault.PORT),
        ("http://cours.ut.example:abc/", AddressFault.PORT),
        ("http://cours.ut.example:0/", AddressFault.PORT),
        ("http://:8475/", AddressFault.NO_HOST),
        ("http:///catalog.json", AddressFault.NO_HOST),
        ("https://ut.example/cours/#top", AddressFault.QUERY),
    ],
)
def test_the_rule_names_what_is_wrong_for_the_player_to_word(url: str, fault: AddressFault) -> None:
    """The kind a caller says in the learner's language; the English line stays the one
    `address_problem` gives (the build's and the command line's)."""
    problem = find_address_problem(url)
    assert problem is not None and problem.fault is fault
    assert problem.line == address_problem(url) and "\n" not in problem.line
    assert find_address_problem("http://[::1]:8475/") is None


def test_the_rule_is_qt_free_and_loads_no_player_code() -> None:
    """sync/ may not import player (tests/test_lint.py), and the rule loads requests only
    when an address is checked: the branding that imports it is read at every start."""
    code = (
        "import sys, sync.server_address;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('player', 'PySide6', "
        "'requests')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
