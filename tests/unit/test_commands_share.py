"""player/commands/share.py: what `cartable share` prints while laptops download: a line the first
time each computer connects, a summary at most every 30 s when something was sent meanwhile,
and the totals at stop; proper singulars and plurals."""

from __future__ import annotations

import http.client
import io
import sys
import threading

import pytest

from player.commands import plural
from player.commands.share import SUMMARY_INTERVAL_S, ShareLog, si_size
from player.library import share
from player.library.share import MAX_COMPUTERS
from sync.share_server import Served, SharedFile, ShareServer


def get(client: str, path: str, body: int, status: int = 200) -> Served:
    return Served(client, "GET", path, status, None, None, body)


def test_a_line_per_new_computer_a_summary_every_interval_and_the_totals_at_stop() -> None:
    out = io.StringIO()
    now = [0.0]
    log = ShareLog(out, clock=lambda: now[0])
    log.served(get("192.168.1.20", "/", 900))  # a browser: the page, not a file
    log.served(get("192.168.1.20", "/catalog.json", 1_000))
    log.served(get("192.168.1.21", "/catalog.json", 1_000))
    log.served(get("192.168.1.21", "/catalog.json", 0, status=304))
    assert out.getvalue().splitlines() == [
        "A computer connected: 192.168.1.20",
        "A computer connected: 192.168.1.21",
    ]
    now[0] = SUMMARY_INTERVAL_S + 1
    log.tick()  # only the list read: no file sent, nothing to sum up
    assert len(out.getvalue().splitlines()) == 2

    for _ in range(3):
        log.served(get("192.168.1.20", "/blobs/sha256/ab/ab12", 700_000))
    log.served(get("192.168.1.21", "/courses/maths/1.0.0/course.json", 2_100, status=206))
    now[0] += 10
    log.tick()  # not yet: 30 s since the last look
    assert len(out.getvalue().splitlines()) == 2
    now[0] += SUMMARY_INTERVAL_S
    log.tick()
    log.tick()
    assert out.getvalue().splitlines()[2:] == ["4 files sent (2.1 MB) to 2 computers."]
    now[0] += SUMMARY_INTERVAL_S
    log.tick()  # nothing new: no line
    assert len(out.getvalue().splitlines()) == 3

    log.stopped()
    assert out.getvalue().splitlines()[3:] == [
        "Stopped sharing: 4 files sent (2.1 MB) to 2 computers."
    ]


def test_the_totals_at_stop_say_what_happened_in_singular_or_plural() -> None:
    out = io.StringIO()
    ShareLog(out).stopped()
    assert out.getvalue() == "Stopped sharing: no computer connected.\n"

    out = io.StringIO()
    log = ShareLog(out)
    log.served(get("10.0.0.5", "/catalog.json", 1_000))
    log.stopped()
    assert out.getvalue().splitlines()[-1] == (
        "Stopped sharing: no file sent; 1 computer read the list of courses."
    )

    out = io.StringIO()
    log = ShareLog(out)
    log.served(get("10.0.0.5", "/blobs/sha256/ab/ab12", 999))
    log.stopped()
    assert (
        out.getvalue().splitlines()[-1] == "Stopped sharing: 1 file sent (999 bytes) to 1 computer."
    )


def test_this_computer_a_browser_or_a_port_scan_is_not_another_computer() -> None:
    """127.0.0.1 reading the list (the teacher checking the share) was "A computer connected";
    so was any request, a favicon or a port scan's. A computer counts when it reads the list
    or gets a course file, and is not this one: loopback, or an address it prints."""
    out = io.StringIO()
    log = ShareLog(out, own=("192.168.1.20",))
    log.served(get("127.0.0.1", "/catalog.json", 1_000))
    log.served(get("::1", "/catalog.json", 1_000))
    log.served(get("::ffff:127.0.0.1", "/blobs/sha256/ab/ab12", 700))
    log.served(get("192.168.1.20", "/catalog.json", 1_000))  # the address it gives
    log.served(get("192.168.1.30", "/", 900))  # a browser: the page,
    log.served(get("192.168.1.30", "/favicon.ico", 0, status=404))  # its icon
    log.served(Served("192.168.1.31", "HEAD", "/catalog.json", 200, None, None, 0))
    log.served(Served("192.168.1.32", "\x16\x03\x01", "*", 400, None, None, 0))  # a scan
    log.served(get("192.168.1.33", "/catalog.json", 0, status=503))
    assert out.getvalue() == ""
    log.served(get("192.168.1.30", "/catalog.json", 1_000))
    log.stopped()
    assert out.getvalue().splitlines() == [
        "A computer connected: 192.168.1.30",
        "Stopped sharing: no file sent; 1 computer read the list of courses.",
    ]


def test_what_this_computer_gets_from_its_own_share_is_not_a_file_sent() -> None:
    """r3: this computer was no computer, but the files and bytes it got were counted:
    "1 file sent (35.2 MB) to 0 computers." The same through an address not printed (a VPN's,
    a container bridge's: the server says the request came from this computer, `local`)."""
    out = io.StringIO()
    log = ShareLog(out, own=("192.168.1.20",))
    log.served(get("127.0.0.1", "/catalog.json", 1_000))
    log.served(get("192.168.1.20", "/blobs/sha256/ab/ab12", 35_200_000))
    log.served(Served("10.8.0.2", "GET", "/catalog.json", 200, None, None, 1_000, local=True))
    log.served(Served("10.8.0.2", "GET", "/blobs/sha256/cd/cd34", 200, None, None, 700, True))
    log.stopped()
    assert out.getvalue() == "Stopped sharing: no computer connected.\n"
    assert (log.files, log.bytes_sent, len(log.computers)) == (0, 0, 0)


def test_the_computers_counted_are_capped_then_said_1000_plus() -> None:
    """A host spraying addresses (an IPv6 /64 has plenty) grew the list without end, and each
    request scanned it: MAX_COMPUTERS are counted and named, the totals say "1000+", written
    as the count up to it is ("1000 computers", r3: then "1,000+")."""
    out = io.StringIO()
    log = ShareLog(out)
    for n in range(MAX_COMPUTERS):
        log.served(get(f"fd00::{n:x}", "/catalog.json", 10))
    log.stopped()
    assert out.getvalue().splitlines()[-1] == (
        "Stopped sharing: no file sent; 1000 computers read the list of courses."
    )
    for n in range(MAX_COMPUTERS, MAX_COMPUTERS + 500):
        log.served(get(f"fd00::{n:x}", "/catalog.json", 10))
    log.served(get("fd00::1", "/blobs/sha256/ab/ab12", 999))
    log.stopped()
    lines = out.getvalue().splitlines()
    assert len(lines) == MAX_COMPUTERS + 2 and len(log.computers) == MAX_COMPUTERS
    assert lines[-1] == "Stopped sharing: 1 file sent (16.0 kB) to 1000+ computers."
    assert lines[MAX_COMPUTERS - 1] == f"A computer connected: fd00::{MAX_COMPUTERS - 1:x}"


def test_what_a_real_share_serves_another_computer_is_counted_and_this_one_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r12 #4: the end-to-end test of `cartable share` has this computer alone, which
    counts for nothing: a ShareLog counting nothing passed it. Here a real server's reports
    reach ShareLog as the command wires them (on_served, own empty as before the addresses
    are printed). Another computer is 127.0.0.2 reaching the share on 127.0.0.1 (Linux routes
    127/8 to lo): the ends differ, as another computer's do; only the rule that loopback is
    this computer is told otherwise."""
    if not sys.platform.startswith("linux"):
        pytest.skip("127.0.0.2 is loopback's on Linux only")
    other = "127.0.0.2"
    real = share.another_computer
    monkeypatch.setattr(
        share, "another_computer", lambda client, own: client == other or real(client, own)
    )
    catalog = b'{"format": 1, "courses": []}\n'
    blob = b"x" * 2_100
    files = {
        "catalog.json": SharedFile("cafe", len(catalog), "application/json", data=catalog),
        "blobs/sha256/ab/ab12": SharedFile("ab12", len(blob), data=blob),
    }
    out = io.StringIO()
    log = ShareLog(out, own=())
    reports: list[Served] = []
    reported = threading.Condition()

    def served(answer: Served) -> None:
        log.served(answer)
        with reported:
            reports.append(answer)
            reported.notify_all()

    def get_from(source: str, port: int, path: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, 10, source_address=(source, 0))
        connection.request("GET", path)
        assert connection.getresponse().read()
        connection.close()

    # 127.0.0.1 only: 127.0.0.2 reaches it, and nothing off this computer can (review r16 #4).
    with ShareServer(files.get, host="127.0.0.1", port=0, on_served=served) as server:
        for source in ("127.0.0.1", other):  # this computer, then another
            get_from(source, server.port, "/catalog.json")
            get_from(source, server.port, "/blobs/sha256/ab/ab12")
        with reported:  # a guard against a report never made, not a measure
            assert reported.wait_for(lambda: len(reports) == 4, timeout=60)
    assert [(r.client, r.local) for r in reports] == [
        ("127.0.0.1", True),
        ("127.0.0.1", True),
        (other, False),
        (other, False),
    ]
    log.stopped()
    assert out.getvalue().splitlines() == [
        f"A computer connected: {other}",
        "Stopped sharing: 1 file sent (2.1 kB) to 1 computer.",
    ]


def test_plurals_and_sizes() -> None:
    assert [plural(n, "course") for n in (0, 1, 2)] == ["0 courses", "1 course", "2 courses"]
    assert [si_size(n) for n in (0, 999, 1_000, 2_100_000, 35_200_000_000)] == [
        "0 bytes",
        "999 bytes",
        "1.0 kB",
        "2.1 MB",
        "35.2 GB",
    ]
