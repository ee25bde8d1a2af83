"""`cartable trust add|list|remove`: the keys this installation accepts course signatures from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from player.commands import CommandError, os_failure
from player.context import open_context
from player.course.errors import SignatureError
from player.course.signing import PublicKey
from player.wording import named, shown_name


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    trust = subparsers.add_parser("trust", help="keys trusted to sign courses")
    sub = trust.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="list trusted keys and where they come from")
    p.set_defaults(func=_list)
    p = sub.add_parser("add", help="trust a publisher's public key file")
    p.add_argument(
        "key", metavar="PUBKEY_FILE", help="the public key file (KEY.pub of cartable-pack keygen)"
    )
    p.set_defaults(func=_add)
    p = sub.add_parser("remove", help="stop trusting a key you added (by key id)")
    p.add_argument(
        "key_id",
        metavar="KEY_ID",
        help="as `cartable trust list` shows it (the installer's are kept)",
    )
    p.set_defaults(func=_remove)


def _list(args: argparse.Namespace) -> int:
    keys, unread = open_context().trust.read()
    for trusted in keys:
        scope = f" (course {trusted.only_course} only)" if trusted.only_course else ""
        comment = f"  {trusted.key.comment}" if trusted.key.comment else ""
        print(f"{trusted.key_id}\t{trusted.origin}{scope}{comment}")
    # Hidden, they left the admin to wonder why a key added trusts nothing; said apart from the
    # list, on stderr, so that `trust list | cut -f1` gets key ids alone.
    for bad in unread:
        path, reason = shown_name(str(bad.path)), shown_name(bad.reason)
        print(f"cartable: warning: {path}: not read, trusts nothing: {reason}", file=sys.stderr)
    return 0


def _add(args: argparse.Namespace) -> int:
    try:
        key = PublicKey.from_file(Path(args.key))
    except SignatureError as exc:
        raise CommandError(str(exc)) from None
    context = open_context()
    listed = context.trust.listed(key.key_id)
    if listed is not None and listed.only_course is not None:  # a file cannot change its scope
        if context.trust.is_earlier(listed):
            scope = (
                f"an earlier key of the course {listed.only_course}, which this computer no "
                "longer accepts"
            )
        else:
            scope = f"the demo course's key, accepted only for the course {listed.only_course}"
        raise CommandError(f"{shown_name(args.key)}: key {key.key_id} is {scope}; not added")
    try:
        added = context.trust.add(key)
    except OSError as exc:  # the config folder: read-only, full, a file where a folder should be
        failure = os_failure(exc, named(context.branding.product_name, sys.stderr))
        raise CommandError(f"{shown_name(args.key)}: could not trust the key ({failure})") from None
    print(f"trusted key {added.key_id}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    context = open_context()
    key_id = shown_name(args.key_id)  # as typed: an ESC or a newline would reach the terminal
    builtin = [k for k in context.trust.built_in if k.key_id.startswith(args.key_id)]
    if builtin:
        raise CommandError(f"{key_id}: comes with this installer ({builtin[0].origin}); kept")
    try:
        removed = context.trust.remove(args.key_id)
    except OSError as exc:
        failure = os_failure(exc, named(context.branding.product_name, sys.stderr))
        raise CommandError(f"{key_id}: could not remove the key ({failure})") from None
    if not removed:
        raise CommandError(f"{key_id}: no such key was added")
    print(f"no longer trusted: {key_id}")
    return 0
