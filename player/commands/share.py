"""`cartable share [--port N]`: this computer's installed courses, served to the other laptops of
the network until Ctrl+C (a school lab where one laptop downloaded the courses and the others
have no internet).

The other laptops add the printed address as a catalog (`cartable catalogs add URL`, or Settings
-> Catalogs; `cartable catalogs find` finds it: the share answers their search) and download as
from the institution's server: signatures and every file's sha256 are checked there, so nothing
here needs to be trusted. What is served: player/library/share.py;
how: sync/share_server.py. The share is taken when the command starts: a course installed or
updated afterwards is shared from the next start.

While it serves, it says what happens without a line per file: a line the first time each computer
connects, a summary every `SUMMARY_INTERVAL_S` when something was sent meanwhile ("3 files sent
(2.1 MB) to 2 computers"), and the totals when it stops.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TextIO
from urllib.parse import urlsplit

from player.commands import CommandError, plural
from player.context import open_context
from player.library.share import Computers, file_sent, served_elsewhere, uses_the_share
from sync.share_discovery import DiscoveryOptions
from sync.share_server import DEFAULT_PORT, Served, ShareServer, port_in_use

SUMMARY_INTERVAL_S = 30.0
"""At most one summary line this often, and only when something was sent since the last one."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "share",
        help="share the installed courses with the other computers of the network",
        description=(
            "Serve the installed courses (their current version) to the other computers of the "
            "local network, until Ctrl+C. On each of them, add the printed address as a catalog "
            "(`cartable catalogs add URL`) and download the courses from it."
        ),
    )
    p.add_argument(
        "--port",
        type=int,
        metavar="N",
        help=f"port to listen on (default: {DEFAULT_PORT}, or a free one if it is taken; "
        "0: any free port)",
    )
    p.set_defaults(func=_share)


def _share(args: argparse.Namespace) -> int:
    from player.library.share import computer_name, share_library

    if args.port is not None and not 0 <= args.port <= 65535:
        raise CommandError("--port must be a number from 0 to 65535")
    context = open_context()
    share = share_library(context.library, title=computer_name())
    for left in share.not_shared:
        print(
            f"cartable: note: not shared: {left.course_id} {left.version}: {left.reason}",
            file=sys.stderr,
        )
    if not share.courses:
        if share.not_shared:
            raise CommandError("nothing to share: no installed course can be shared (see above)")
        raise CommandError(
            "nothing to share: no course is installed (cartable import, cartable download)"
        )
    port = DEFAULT_PORT if args.port is None else args.port
    activity = ShareLog(sys.stdout)  # told this computer's addresses before serving
    try:
        server = ShareServer(
            share.resolve,
            port=port,
            fallback_port=args.port is None,
            on_served=activity.served,
            discovery=DiscoveryOptions(computer_name(), len(share.courses)),
        )
    except OSError as exc:
        if args.port is not None and port_in_use(exc):
            raise CommandError(
                f"port {port} is in use (another program, or another cartable share): "
                "choose another with --port"
            ) from None
        raise CommandError(f"cannot listen on port {port}: {exc.strerror or exc}") from None
    if args.port is None and server.port != DEFAULT_PORT:
        print(
            f"cartable: note: port {DEFAULT_PORT} is in use; sharing on port {server.port}",
            file=sys.stderr,
        )
    if server.discovery_error:
        print(
            "cartable: note: the other laptops cannot find this one with `cartable catalogs "
            f"find` ({server.discovery_error}): give them the address below",
            file=sys.stderr,
        )
    names = ", ".join(f"{c.id} {c.version}" for c in share.courses)
    print(f"Sharing {plural(len(share.courses), 'course')}: {names}", flush=True)
    urls = server.urls()
    if not urls:
        print(
            "cartable: warning: this computer has no network address: connect it to the "
            f"network (Wi-Fi or cable); sharing on port {server.port} meanwhile",
            file=sys.stderr,
        )
    for url in urls:
        print(f"Other laptops can add this catalog: {url}", flush=True)
    activity.own = tuple(host for url in urls if (host := urlsplit(url).hostname))
    print("Press Ctrl+C to stop sharing.", flush=True)
    _serve_until_interrupted(server, activity.tick)
    activity.stopped()
    return 0


def si_size(size: int) -> str:
    """`2.1 MB`, as the player's window says it (SI units)."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return plural(size, "byte") if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


class ShareLog:
    """What `cartable share` says while it serves: `served` hears every answer (from the server's
    threads), `tick` is called often from the main thread, `stopped` once at the end.

    A computer counts once it read the list of courses or got a course file (a browser's page
    and favicon, a port scan do not), unless it is this one (`served_elsewhere`: loopback, one
    of `own`, the addresses printed, or any other of its addresses): the teacher trying the
    address crosses no network, and what this computer gets is neither a file sent nor bytes.
    At most MAX_COMPUTERS are counted, then "1000+"."""

    def __init__(
        self,
        out: TextIO,
        *,
        interval: float = SUMMARY_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        own: tuple[str, ...] = (),
    ) -> None:
        self.out = out
        self.interval = interval
        self.clock = clock
        self.own = own
        """This computer's addresses, as the other computers type them."""
        self._lock = threading.Lock()
        self.files = 0
        """Course files and manifests answered whole or in part (a resumed file counts again)."""
        self.bytes_sent = 0
        self.computers = Computers()
        self._summarized = (0, 0)
        self._last = clock()

    def served(self, served: Served) -> None:
        if not served_elsewhere(served, self.own):
            return
        with self._lock:
            if file_sent(served):
                self.files += 1
            self.bytes_sent += served.body_bytes
            if not uses_the_share(served):
                return
            if self.computers.add(served.client):
                self._say(f"A computer connected: {served.client}")

    def tick(self) -> None:
        with self._lock:
            now = self.clock()
            if now - self._last < self.interval:
                return
            self._last = now
            if (self.files, self.bytes_sent) == self._summarized or not self.files:
                return
            self._summarized = (self.files, self.bytes_sent)
            self._say(self.totals() + ".")

    def stopped(self) -> None:
        with self._lock:
            self._say(f"Stopped sharing: {self.totals()}.")

    def totals(self) -> str:
        count = len(self.computers)
        more = self.computers.more
        computers = f"{count}+ computers" if more else plural(count, "computer")
        if self.files:
            files = plural(self.files, "file")
            return f"{files} sent ({si_size(self.bytes_sent)}) to {computers}"
        if count:
            return f"no file sent; {computers} read the list of courses"
        return "no computer connected"

    def _say(self, line: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # stdout gone (a closed pipe): goes on
            print(line, file=self.out, flush=True)


def _serve_until_interrupted(server: ShareServer, tick: Callable[[], None]) -> None:
    """Serve until Ctrl+C, or a SIGTERM (a service manager, a logout), then stop cleanly;
    `tick` is called about twice a second meanwhile."""
    stop = threading.Event()

    def on_term(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_term)
    server.start()
    try:
        while not stop.wait(0.5):
            tick()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
