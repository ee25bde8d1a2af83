"""`cartable profiles list|add|remove|pin`: the learners of this device, for lab admins preparing
shared laptops. Removing a profile that still has records waiting to reach the institution is
refused unless `--force` (export them first: `cartable records export`). `pin` is the way back
for a learner who forgot their PIN, records kept: a PIN cannot be recovered, only replaced."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from player.branding import product_name_or_plain
from player.commands import CommandError, open_records, plural, store_failure
from player.languages import LANGUAGES, supported
from player.paths import user_paths
from player.store import Store, StoreError
from player.store.profiles import PIN_PATTERN, Profile
from player.wording import isolates, listed_name, named, shown_name
from sync.credentials import CredentialsError, CredentialStore


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    profiles = subparsers.add_parser("profiles", help="learner profiles on this computer")
    sub = profiles.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="list profiles and their records waiting to be sent")
    p.set_defaults(func=_list)
    p = sub.add_parser("add", help="add a profile")
    p.add_argument("name", metavar="NAME", help="the learner's name, as the player shows it")
    p.add_argument(
        "--language",
        default="en",
        help=f"interface language: {' or '.join(sorted(LANGUAGES))} (default: en)",
    )
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
    p = sub.add_parser(
        "pin",
        help="give a profile a new PIN (typed twice, not shown) or remove it with --remove;"
        " for a learner who forgot theirs (records kept)",
    )
    p.add_argument("name", metavar="NAME", help="profile name or id")
    p.add_argument(
        "--remove", action="store_true", help="remove the PIN: the profile opens without one"
    )
    p.set_defaults(func=_pin)


def open_store() -> Store:
    """The records of this installation (`open_records`: a repair at open is said)."""
    return open_records(user_paths().ensure())


def _list(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        profiles = store.profiles.all()
        terminal = isolates(sys.stdout)
        if not profiles:
            print("no profile")
        for profile in profiles:
            counts = store.outbox.counts(profile.id)
            pin = "PIN" if profile.has_pin else "-"
            account = "account" if profile.account_linked else "device"
            print(
                f"{listed_name(profile.name, terminal=terminal)}\t{profile.language}"
                f"\t{pin}\t{account}\t{counts.queued} waiting\t{counts.poison} refused"
                f"\t{profile.id}"
            )
    finally:
        store.close()
    return 0


def _add(args: argparse.Namespace) -> int:
    # fr_FR, FR, fr-CA are French, as the player reads a system's language (review r6 #2); a
    # code Cartable does not ship was stored, and the player spoke English under it.
    language = supported(args.language)
    if language is None:
        raise CommandError(
            f"--language {shown_name(args.language)}: not a language"
            f" {named(product_name_or_plain(), sys.stderr)} ships"
            f" ({', '.join(sorted(LANGUAGES))}); no profile was added"
        )
    pin = None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    store = open_store()
    try:
        profile = store.profiles.add(args.name, language, pin)
    except StoreError as error:
        raise CommandError(store_failure(error)) from None
    finally:
        store.close()
    print(f"added profile {named(profile.name, sys.stdout)} ({profile.id})")
    return 0


def _remove(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        profile = store.profiles.find(args.name)
        lost = store.profiles.remove(profile.id, force=args.force)
    except StoreError as error:
        raise CommandError(store_failure(error)) from None
    finally:
        store.close()
    print(f"removed profile {named(profile.name, sys.stdout)}")
    # Its LRS account and password go with it: its records went, queued ones too, so nothing
    # is left to send with them, and sync no longer sends them (review r5 #2).
    try:
        CredentialStore(user_paths().secrets).remove(profile.id)
    except (CredentialsError, OSError) as error:
        print(f"cartable: its LRS account could not be removed: {error}", file=sys.stderr)
    if lost:  # --force: said, never silent (exam attempts among them, perhaps)
        print(
            f"{plural(lost, 'record')} never sent to the institution"
            f" {'was' if lost == 1 else 'were'} deleted with it",
            file=sys.stderr,
        )
    return 0


def _pin(args: argparse.Namespace) -> int:
    """Setting or removing the PIN also ends a wait after wrong tries (`Profiles.set_pin`)."""
    store = open_store()
    try:
        profile = store.profiles.find(args.name)
        name = named(profile.name, sys.stdout)
        if args.remove:
            if profile.has_pin:
                store.profiles.set_pin(profile.id, None)
                print(f"The PIN of {name} was removed; {name} opens without a PIN.")
            else:
                print(f"{name} has no PIN; nothing changed.")
            return 0
        pin = _new_pin(profile)
        store.profiles.set_pin(profile.id, pin)
    except StoreError as error:
        raise CommandError(store_failure(error)) from None
    finally:
        store.close()
    if profile.has_pin:
        print(f"The PIN of {name} was changed; {name} opens with the new PIN.")
    else:
        print(f"{name} now has a PIN; {name} opens with it.")
    return 0


def _new_pin(profile: Profile) -> str:
    """The new PIN, typed twice on the terminal without being shown: one slip would lock the
    learner out again. Anything else is refused before a change."""
    unchanged = f"the PIN of {named(profile.name, sys.stderr)} was not changed"
    if not _on_a_terminal():  # getpass's warnings, its prompt and ours: 4 lines (review s17 #2)
        raise CommandError(
            f"a new PIN is typed on a terminal (twice, not shown), and this command has none:"
            f" run it in a terminal; {unchanged}"
        )
    # Asked on the terminal (getpass writes there): the name isolated, whatever stdin is.
    first = _ask(f"New PIN for {listed_name(profile.name, terminal=True)} (4 digits): ", unchanged)
    if not PIN_PATTERN.fullmatch(first):
        raise CommandError(f"a PIN is exactly 4 digits (0-9); {unchanged}")
    if _ask("The same PIN again: ", unchanged) != first:
        raise CommandError(f"the two PINs typed differ; {unchanged}")
    return first


def _on_a_terminal() -> bool:
    """Whether getpass has a terminal to ask on. On POSIX it opens /dev/tty, the controlling
    terminal, whatever standard input is: `cartable profiles pin Awa < /dev/null` typed in a
    terminal (or run by xargs there) prompts; testing stdin alone refused it (review r6 #1)."""
    if hasattr(os, "O_NOCTTY"):  # POSIX, as getpass.unix_getpass opens it
        try:
            fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        except OSError:  # no controlling terminal (cron, a new session): stdin, as getpass
            pass
        else:
            os.close(fd)
            return True
    stdin = sys.stdin
    try:
        return stdin is not None and stdin.isatty()
    except ValueError:  # closed
        return False


def _ask(prompt: str, unchanged: str) -> str:
    try:
        return getpass.getpass(prompt).strip()
    except EOFError:
        raise CommandError(f"no PIN typed; {unchanged}") from None
