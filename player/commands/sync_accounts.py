"""Which profiles `cartable sync` can send for (those with an LRS account), and what it says of
the others: without an account nothing of a profile can ever leave the computer, so a sync
that waits for it would wait forever."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass

from player.branding import Branding
from player.commands import CommandError, plural
from player.store import Store
from player.store.profiles import Profile
from player.wording import encodes, named, shown_name
from sync.credentials import CredentialsError, CredentialStore


@dataclass(frozen=True)
class Skipped:
    """A profile left out of the sync: it has no account; `kept` statements wait on it."""

    profile: Profile
    kept: int


@dataclass(frozen=True)
class Chosen:
    linked: list[str]  # the ids of the profiles with an account, in the store's order
    skipped: list[Skipped]
    asked: list[str] | None  # what the command was asked for (None: every profile)

    @property
    def to_sync(self) -> list[str] | None:
        """What the engine is given: as asked when nothing is skipped (None lets it take the
        profiles with statements waiting), else only the linked ones."""
        return self.linked if self.skipped else self.asked


def link_command(branding: Branding, profile: str) -> str:
    """The `cartable account set` line that links `profile`, filled in from the branding."""
    lrs = branding.lrs
    endpoint = shlex.quote(lrs.endpoint) if lrs is not None else "URL"
    secret = (
        "--token-stdin"
        if lrs is not None and lrs.auth == "token"
        else "--user USER --password-stdin"
    )
    return f"cartable account set {shlex.quote(profile)} --endpoint {endpoint} {secret}"


def link_target(profile: Profile, stream: object) -> str:
    """What `account set` is told in a command suggested on `stream`: the profile's name, unless
    it would not print as itself (an ESC, a CR, a U+202E in a name saved before they were
    refused: printed raw, they cleared or rewrote the admin's terminal; a '李' on a cp1252
    stream, escaped: 'Awa \\u674e' found no profile), then its id, which `account set` takes as
    well (`Profiles.find`)."""
    name = profile.name
    return name if shown_name(name) == name and encodes(name, stream) else profile.id


def choose(
    store: Store,
    credentials: CredentialStore,
    profile_ids: list[str] | None,
) -> Chosen:
    """The profiles asked for (all when None) split by whether they have an account;
    CommandError when the accounts cannot be read."""
    try:
        accounts = {a.profile_id for a in credentials.accounts()}
    except CredentialsError as error:
        raise CommandError(str(error)) from None
    profiles = [p for p in store.profiles.all() if profile_ids is None or p.id in profile_ids]
    linked = [p.id for p in profiles if p.id in accounts]
    skipped = [
        Skipped(p, store.outbox.counts(p.id).queued) for p in profiles if p.id not in accounts
    ]
    return Chosen(linked, skipped, profile_ids)


def require_linked(chosen: Chosen, branding: Branding) -> None:
    """CommandError, one line saying how to link a profile, when none chosen has an account."""
    if chosen.linked:
        return
    if not chosen.skipped:
        raise CommandError(
            "nothing to sync: there is no profile on this computer; add one with "
            "`cartable profiles add NAME`, then link it to an account with "
            f"`{link_command(branding, 'NAME')}`"
        )
    if len(chosen.skipped) == 1:
        only = chosen.skipped[0]
        link = link_command(branding, link_target(only.profile, sys.stderr))
        raise CommandError(
            f"{named(only.profile.name, sys.stderr)}: not linked to an LRS account, so nothing can"
            f" be sent{_kept(only.kept)}; link it with `{link}`"
        )
    kept = sum(s.kept for s in chosen.skipped)
    raise CommandError(
        f"no profile is linked to an LRS account, so nothing can be sent{_kept(kept)}; link one "
        f"with `{link_command(branding, 'PROFILE')}`"
    )


def skipped_line(skipped: Skipped, branding: Branding, stream: object) -> str:
    """Said on `stream`: the name isolated on a terminal (`named`), bare in the command to copy
    (`link_target`)."""
    profile = skipped.profile
    return (
        f"{named(profile.name, stream)}: skipped, no LRS account{_kept(skipped.kept)}; link it "
        f"with `{link_command(branding, link_target(profile, stream))}`"
    )


def _kept(count: int) -> str:
    if not count:
        return ""
    return f" ({plural(count, 'statement')} kept on this computer)"
