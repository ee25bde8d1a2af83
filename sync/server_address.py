"""The rule for a server address the player can request (a catalog, an LRS endpoint), in one
place: the build checks the branding's addresses with it (player.branding), the Sync panel's
account form the address a learner types (player.ui.sync_account). Each address it refuses
was one that requests would not send to, or that failed at every learner's sync or download
rather than where it was written."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

#: C0 controls, DEL and C1 controls: no part of an address. An ESC was read as an unclosed
#: IPv6 "[" ("Invalid IPv6 URL"), a tab or a newline, which urlsplit drops, was saved as typed
#: (review s17 #6), and a --home-page's went into every statement's account (review r6 #7).
#: The bidirectional controls too (Unicode's Bidi_Control: ALM, LRM, RLM, embeddings,
#: overrides, isolates), invisible where typed: in a host refused only as "not a valid IDNA
#: label", in a path taken and sent percent-encoded ("https://lrs.example.org/xAPI/<RLM>" posted
#: to /xAPI/%E2%80%8F/statements), a path no LRS serves (review r10 #8).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
#: What urlsplit drops from a URL before parsing it (a tab, CR and LF, as browsers do).
URLSPLIT_DROPS = "\t\r\n"


def refuse_control_characters(text: str, what: str) -> None:
    """ValueError naming the first control character of `text` (an address typed, or one
    given to statements), escaped, and where it is: `what` "holds a control character ('\\x1b',
    character 20): '…'"."""
    found = _CONTROL.search(text)
    if found:
        raise ValueError(
            f"{what} holds a control character ({found.group()!r}, character"
            f" {found.start() + 1}): {text!r}"
        )


class AddressFault(enum.StrEnum):
    """What is wrong with an address, for the player to say in the learner's language (the
    English line, which quotes the parser, is for the log and support)."""

    MALFORMED = "malformed"
    """Not an address as written: an unclosed "[", a space or an empty label in its host."""
    NO_HOST = "no_host"
    """Nothing names the server ("http://:8475/")."""
    PORT = "port"
    """The port is not a number from 1 to 65535."""
    QUERY = "query"
    """A query (?…) or fragment (#…)."""


@dataclass(frozen=True)
class AddressProblem:
    fault: AddressFault
    line: str
    """In English, worded to follow the address ("'…' is not a valid URL (…)")."""


def find_address_problem(url: str) -> AddressProblem | None:
    """Why the player cannot request this http(s) address; None when it can. The host as
    requests parses it (a space or a bad IDNA label raises there), no empty label
    ("cours..ut.example"), no port 0 (requests accepts both), no query or fragment, which would
    sit before the `catalog.json` or `statements` the player appends. The scheme and
    credentials are the caller's to check."""
    # requests only here: the branding is read at every start, which never needs it
    from requests.exceptions import RequestException
    from requests.models import PreparedRequest

    try:
        parts = urlsplit(url)
    except ValueError as exc:  # an unclosed "[", a bracketed host that is no IPv6 address
        return AddressProblem(AddressFault.MALFORMED, f"is not a valid URL ({exc})")
    try:
        port = parts.port  # a port over 65535 or not a number raises
    except ValueError as exc:
        return AddressProblem(AddressFault.PORT, f"is not a valid URL ({exc})")
    if not parts.hostname:
        return AddressProblem(AddressFault.NO_HOST, "is not a valid URL (no host)")
    try:
        PreparedRequest().prepare_url(url, None)
    except (RequestException, ValueError) as exc:
        return AddressProblem(AddressFault.MALFORMED, f"is not a valid URL ({exc})")
    host = parts.hostname
    if ":" not in host and not all(host.removesuffix(".").split(".")):
        return AddressProblem(
            AddressFault.MALFORMED, "is not a valid URL (an empty label in its host)"
        )
    if port == 0:
        return AddressProblem(AddressFault.PORT, "is not a valid URL (port 0)")
    if parts.query or parts.fragment:
        return AddressProblem(AddressFault.QUERY, "must not have a query (?…) or fragment (#…)")
    return None


def address_problem(url: str) -> str:
    """`find_address_problem`'s English line, "" when the player can request `url`."""
    problem = find_address_problem(url)
    return problem.line if problem else ""


def sendable_endpoint(endpoint: str) -> bool:
    """Whether the sync can send to this LRS address, typed in the Sync panel's form: an
    http(s) web address with a host, no password and no control character
    (`check_typed_endpoint`, the client's own rule), that `address_problem` takes;
    "https://lrs example.org/xAPI/" passed the Sync panel's form, then every sync failed with
    requests' "InvalidURL"."""
    from sync.lrs import check_typed_endpoint  # and requests: see address_problem

    try:
        base = check_typed_endpoint(endpoint)  # typed in the Sync panel: a tab refused
    except ValueError:
        return False
    return not address_problem(urljoin(base, "statements"))
