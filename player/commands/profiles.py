"""`cartable profiles list|add|remove`: the learners of this device, for lab admins preparing
shared laptops. Removing a profile that still has records waiting to reach the institution is
refused unless `--force` (export them first: `cartable records export`)."""

from __future__ import annotations

import argparse
import sys

from player.commands import CommandError, records_unavailable
from player.paths import user_paths
from player.store import Store, StoreError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    profiles = subparsers.add_parser("profiles", help="learner profiles on this device")
    sub = profiles.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="list profiles and their records waiting to be sent")
    p.set_defaults(func=_list)
    p = sub.add_parser("add", help="add a profile")
    p.add_argument("name", metavar="NAME", help="the learner's name, as the player shows it")
    p.add_argument("--language", default="en", help="interface language (default: en)")
    p.add_argument(
        "--pin-stdin", action="store_true", help="read a 4-digit PIN from standard input"
    )
    p.set_defaults(func=_add)
    p = sub.add_parser("remove", help="remove a profile and all its records")
    p.add_argument("name", metavar="NAME", help="profile name or id")
    p.add_argument(
        "--force",
        action="store_true",
        help="remove even if some records were never sent to the institution (they are lost)",
    )
    p.set_defaults(func=_remove)


def open_store() -> Store:
    """The records of this installation; a recovery at open is reported on stderr."""
    paths = user_paths().ensure()
    try:
        store = Store.open(paths)
    except StoreError as error:
        raise records_unavailable(paths.database, error) from None
    if store.recovery is not None:
        print(f"cartable: {store.recovery.summary()}", file=sys.stderr)
    return store


def _list(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        profiles = store.profiles.all()
        if not profiles:
            print("no profile")
        for profile in profiles:
            counts = store.outbox.counts(profile.id)
            pin = "PIN" if profile.has_pin else "-"
            account = "account" if profile.account_linked else "device"
            print(
                f"{profile.name}\t{profile.language}\t{pin}\t{account}\t"
                f"{counts.queued} waiting\t{counts.poison} refused\t{profile.id}"
            )
    finally:
        store.close()
    return 0


def _add(args: argparse.Namespace) -> int:
    pin = None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    store = open_store()
    try:
        profile = store.profiles.add(args.name, args.language, pin)
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"added profile {profile.name} ({profile.id})")
    return 0


def _remove(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        profile = store.profiles.find(args.name)
        store.profiles.remove(profile.id, force=args.force)
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        store.close()
    print(f"removed profile {profile.name}")
    return 0
