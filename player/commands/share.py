"""`cartable share [--port N]`: this computer's installed courses, served to the other laptops of
the network until Ctrl+C (a school lab where one laptop downloaded the courses and the others
have no internet).

The other laptops add the printed address as a catalog (`cartable catalogs add URL`, or Settings
-> Catalogs) and download as from the institution's server: signatures and every file's sha256
are checked there, so nothing here needs to be trusted. What is served: player/library/share.py;
how: sync/share_server.py. The share is taken when the command starts: a course installed or
updated afterwards is shared from the next start.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from player.commands import CommandError
from player.context import open_context
from sync.share_server import DEFAULT_PORT, ShareServer, port_in_use


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
    try:
        server = ShareServer(share.resolve, port=port, fallback_port=args.port is None)
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
    names = ", ".join(f"{c.id} {c.version}" for c in share.courses)
    print(f"Sharing {len(share.courses)} course(s): {names}", flush=True)
    urls = server.urls()
    if not urls:
        print(
            "cartable: warning: this computer has no network address: connect it to the "
            f"network (Wi-Fi or cable); sharing on port {server.port} meanwhile",
            file=sys.stderr,
        )
    for url in urls:
        print(f"Other laptops can add this catalog: {url}", flush=True)
    print("Press Ctrl+C to stop sharing.", flush=True)
    _serve_until_interrupted(server)
    print("Stopped sharing.", flush=True)
    return 0


def _serve_until_interrupted(server: ShareServer) -> None:
    """Serve until Ctrl+C, or a SIGTERM (a service manager, a logout), then stop cleanly."""
    stop = threading.Event()

    def on_term(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_term)
    server.start()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
