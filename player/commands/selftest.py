"""`cartable self-test` (and `cartable --self-test`): check that this installation works."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "self-test",
        help="check this installation (video, slides, quiz, records, signatures) and exit",
        description="Runs every check in a temporary CARTABLE_HOME, offscreen without a display; "
        "prints one line per check and exits 0 only when all passed.",
    )
    p.add_argument(
        "--online",
        action="store_true",
        help="also fetch the branding's https catalogs (folders are always read)",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from player.selftest import run_self_test  # Qt is loaded only when the check runs

    return run_self_test(online=args.online)
