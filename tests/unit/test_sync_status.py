"""`unanswered`: which sync errors are raw exceptions of the HTTP client (told in the learner's
words) and which are a server's answer (shown as they are, for support)."""

from __future__ import annotations

import pytest

from player.ui.sync_status import unanswered


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        ("InvalidURL: Failed to parse: https://lrs example.org/xAPI/", "bad_address"),
        ("MissingSchema: Invalid URL 'lrs.example.org': No scheme supplied.", "bad_address"),
        ("LocationParseError: Failed to parse: https://[::1/", "bad_address"),
        ("ConnectionError: ('Connection aborted.', RemoteDisconnected(...))", "no_answer"),
        ("ReadTimeout: HTTPSConnectionPool(host='lrs.example.org', port=443)", "no_answer"),
        ("SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "no_answer"),
        # a grade read's error names the request before the exception
        (
            "GET https://lrs.example.org/xAPI/statements: no answer (retry): InvalidURL: bad",
            "bad_address",
        ),
        (
            "GET https://lrs.example.org/xAPI/statements: no answer (retry): ConnectTimeout: x",
            "no_answer",
        ),
        # sync.request_failure's lines (tests/unit/test_request_failure.py makes them for real)
        ("could not connect to 127.0.0.1:9 (connection refused)", "no_answer"),
        ("the server name lrs.invalid was not found (no network or a wrong address?)", "no_answer"),
        ("lrs.example.org did not answer within 30 s", "no_answer"),
        (
            "the secure connection to lrs.example.org failed: its certificate has expired",
            "no_answer",
        ),
        ("lrs.example.org timed out (no whole answer within 90 s)", "no_answer"),
        ("name lookup timed out: no answer for lrs.example.org within 10 s", "no_answer"),
        (
            "GET https://lrs.example.org/xAPI/statements: no answer (retry): could not connect "
            "to lrs.example.org:443 (network unreachable)",
            "no_answer",
        ),
    ],
)
def test_a_raw_exception_of_the_http_client_is_told_by_its_kind(error: str, kind: str) -> None:
    assert unanswered(error) == kind


@pytest.mark.parametrize(
    "error",
    [
        "HTTP 403: Forbidden",
        "HTTP 500: ConnectionError: upstream",  # a server's answer that names an exception
        "HTTP 502: could not connect to db:5432 (connection refused)",  # a server's words
        "ValueError: not an HTTP client's",  # an exception the HTTP client does not raise
        "the records could not be read",
        "",
        "  ConnectionError: indented, so not the exception's own text",
    ],
)
def test_a_servers_answer_or_any_other_text_is_not_an_exception(error: str) -> None:
    assert unanswered(error) is None
