"""`cartable account set|show|remove PROFILE`: link a learner profile to an LRS account.

`set` stores the endpoint and user, the secret (read from standard input, never from the command
line where `ps` shows it) in the OS keyring or a user-only file, and links the profile so that
statements recorded from now on name the learner's account (`account{homePage, name}`).
Statements already queued keep the device actor: queued bytes are never edited.
"""

from __future__ import annotations

import argparse
import sys

from player.commands import CommandError, open_records, store_failure
from player.context import Context, open_context
from player.store import Store, StoreError
from player.store.profiles import Profile
from player.wording import named, shown_name
from sync.credentials import CredentialsError, CredentialStore, LrsAccount, default_home_page
from sync.lrs import check_typed_endpoint
from sync.server_address import refuse_control_characters


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    account = subparsers.add_parser("account", help="a profile's account at the institution's LRS")
    sub = account.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("set", help="link a profile to an LRS account (secret read from stdin)")
    p.add_argument("profile", metavar="PROFILE", help="profile name or id")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the LRS xAPI endpoint")
    p.add_argument("--user", default="", metavar="USER", help="account name (Basic auth user)")
    secret = p.add_mutually_exclusive_group(required=True)
    secret.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    secret.add_argument(
        "--token-stdin", action="store_true", help="read a bearer token from standard input"
    )
    p.add_argument(
        "--home-page",
        metavar="URL",
        help="the account's homePage in statements (default: the endpoint's site)",
    )
    p.set_defaults(func=_set)
    p = sub.add_parser("show", help="the profile's LRS account (never the secret)")
    p.add_argument("profile", metavar="PROFILE", help="profile name or id")
    p.set_defaults(func=_show)
    p = sub.add_parser("remove", help="forget the account and its secret; unlink the profile")
    p.add_argument("profile", metavar="PROFILE", help="profile name or id")
    p.set_defaults(func=_remove)


def _open(args: argparse.Namespace) -> tuple[Context, Store, Profile]:
    context = open_context()
    store = open_records(context.paths)
    try:
        profile = store.profiles.find(args.profile)
    except StoreError as error:
        store.close()
        raise CommandError(store_failure(error)) from None
    return context, store, profile


def _read_secret(kind: str) -> str:
    if sys.stdin is None or sys.stdin.closed:
        raise CommandError(f"the {kind} is read from standard input, which is closed")
    line = sys.stdin.readline()
    secret = line.rstrip("\r\n")
    if not secret:
        raise CommandError(f"no {kind} on standard input (one line expected)")
    return secret


def _set(args: argparse.Namespace) -> int:
    auth = "token" if args.token_stdin else "basic"
    if auth == "basic" and not args.user:
        raise CommandError("--user is required with --password-stdin")
    try:
        endpoint = check_typed_endpoint(args.endpoint)
        # the account's homePage in every statement sent: an ESC there was saved, sent, and
        # printed raw by `account show` (review r6 #7)
        if args.home_page is not None:
            refuse_control_characters(args.home_page, "--home-page")
        # every statement's account name, saved and sent as typed (review r10 #3)
        refuse_control_characters(args.user, "--user")
    except ValueError as error:
        raise CommandError(str(error)) from None
    home_page = args.home_page or default_home_page(endpoint)
    if not home_page.startswith(("http://", "https://")):
        raise CommandError(f"--home-page must be an http(s) URL, got {home_page!r}")
    secret = _read_secret("token" if auth == "token" else "password")
    context, store, profile = _open(args)
    try:
        credentials = CredentialStore(context.paths.secrets)
        try:
            previous = credentials.get(profile.id)
            previous_secret = None if previous is None else credentials.secret(profile.id)
            account = LrsAccount(profile.id, endpoint, args.user, auth, home_page)
            stored = credentials.set(account, secret)
        except CredentialsError as error:
            raise CommandError(str(error)) from None
        if args.user:
            try:
                store.profiles.link_account(profile.id, home_page, args.user)
            except StoreError as error:  # the records locked, the disk full: the account too
                _restore(credentials, profile.id, previous, previous_secret)
                raise CommandError(f"{store_failure(error)}; the account was not changed") from None
    finally:
        store.close()
    where = (
        "the OS keyring"
        if stored.secret_in == "keyring"
        else f"{shown_name(str(context.paths.secrets))} (readable by you only)"
    )
    name = named(profile.name, sys.stdout)
    print(
        f"{name}: linked to {shown_name(args.user) or 'a token'} at {endpoint}; secret in {where}"
    )
    return 0


def _restore(
    credentials: CredentialStore,
    profile_id: str,
    previous: LrsAccount | None,
    secret: str | None,
) -> None:
    """Put back the account a profile had before `set` (none: removed), so that the account
    and the profile's link never disagree."""
    if previous is None or secret is None:
        credentials.remove(profile_id)
    else:
        credentials.set(previous, secret)


def _show(args: argparse.Namespace) -> int:
    context, store, profile = _open(args)
    store.close()
    try:
        account = CredentialStore(context.paths.secrets).get(profile.id)
    except CredentialsError as error:
        raise CommandError(str(error)) from None
    actor = f"{profile.actor.home_page} {profile.actor.name}"
    if account is None:
        name = named(profile.name, sys.stdout)
        print(f"{name}: no LRS account (statements name the device: {shown_name(actor)})")
        return 0
    where = "OS keyring" if account.secret_in == "keyring" else "file readable by you only"
    # escaped: saved before control characters were refused, or written in accounts.json
    print(f"profile:   {named(profile.name, sys.stdout)} ({profile.id})")
    print(f"endpoint:  {shown_name(account.endpoint)}")
    print(f"auth:      {account.auth}")
    print(f"user:      {shown_name(account.username) or '-'}")
    print(f"home page: {shown_name(account.home_page)}")
    print(f"secret:    stored ({where})")
    print(f"actor:     {shown_name(actor)}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    context, store, profile = _open(args)
    try:
        if profile.account_linked:  # first: a records file locked or full changes nothing
            try:
                store.profiles.unlink_account(profile.id)
            except StoreError as error:
                raise CommandError(f"{store_failure(error)}; the account was not removed") from None
        try:
            removed = CredentialStore(context.paths.secrets).remove(profile.id)
        except CredentialsError as error:
            raise CommandError(str(error)) from None
    finally:
        store.close()
    if not removed:
        raise CommandError(f"{named(profile.name, sys.stderr)}: no LRS account was set")
    print(f"{named(profile.name, sys.stdout)}: LRS account removed")
    return 0
