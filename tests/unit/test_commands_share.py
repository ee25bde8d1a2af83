"""player/commands/share.py: what `cartable share` prints while laptops download: a line the first
time each computer connects, a summary at most every 30 s when something was sent meanwhile,
and the totals at stop; proper singulars and plurals."""

from __future__ import annotations

import io

from player.commands import plural
from player.commands.share import SUMMARY_INTERVAL_S, ShareLog, si_size
from sync.share_server import Served


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


def test_plurals_and_sizes() -> None:
    assert [plural(n, "course") for n in (0, 1, 2)] == ["0 courses", "1 course", "2 courses"]
    assert [si_size(n) for n in (0, 999, 1_000, 2_100_000, 35_200_000_000)] == [
        "0 bytes",
        "999 bytes",
        "1.0 kB",
        "2.1 MB",
        "35.2 GB",
    ]
