"""The rule for a server address the player can request (a catalog, an LRS endpoint), in one
place: the build checks the branding's addresses with it (player.branding), the Sync panel's
account form the address a learner types (player.ui.sync_account). Each address it refuses
was one that requests would not send to, or that failed at every learner's sync or download
rather than where it was written."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit


def address_problem(url: str) -> str:
    """Why the player cannot request this http(s) address, worded to follow it ("'…' is not a
    valid URL (…)"); "" when it can. The host as requests parses it (a space or a bad IDNA
    label raises there), no empty label ("cours..ut.example"), no port 0 (requests accepts
    both), no query or fragment, which would sit before the `catalog.json` or `statements` the
    player appends. The scheme, host and credentials are the caller's to check."""
    # requests only here: the branding is read at every start, which never needs it
    from requests.exceptions import RequestException
    from requests.models import PreparedRequest

    try:
        parts = urlsplit(url)
        port = parts.port  # a port over 65535 or not a number raises
        PreparedRequest().prepare_url(url, None)
    except (RequestException, ValueError) as exc:
        return f"is not a valid URL ({exc})"
    host = parts.hostname or ""
    if ":" not in host and not all(host.removesuffix(".").split(".")):
        return "is not a valid URL (an empty label in its host)"
    if port == 0:
        return "is not a valid URL (port 0)"
    if parts.query or parts.fragment:
        return "must not have a query (?…) or fragment (#…)"
    return ""


def sendable_endpoint(endpoint: str) -> bool:
    """Whether the sync can send to this LRS address: an http(s) web address with a host and
    no password (`check_endpoint`, the client's own rule), that `address_problem` takes;
    "https://lrs example.org/xAPI/" passed the Sync panel's form, then every sync failed with
    requests' "InvalidURL"."""
    from sync.lrs import check_endpoint  # and requests: see address_problem

    try:
        base = check_endpoint(endpoint)
    except ValueError:
        return False
    return not address_problem(urljoin(base, "statements"))
