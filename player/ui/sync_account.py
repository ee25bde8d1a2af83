"""The Sync panel's account form with no widget and no text: what it shows of a profile's LRS
account, which field is missing or wrong, and saving it. The note under the form is a kind
(`NoteKind`) the panel words, so a change of language says it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sync.credentials import LrsAccount, default_home_page
from sync.server_address import (
    BIDI_CONTROLS,
    URLSPLIT_DROPS,
    refuse_control_characters,
    sendable_endpoint,
)

if TYPE_CHECKING:
    from player.ui.sync_controller import SyncController

# What the line under the form says ("error": an error's own text, kept as it is).
NoteKind = Literal[
    "",
    "no_profile",
    "none",
    "sync_needs_account",
    "keyring",
    "file",
    "type_endpoint",
    "bad_endpoint",
    "type_user",
    "bad_user",
    "user_control",
    "type_password",
    "refused",  # the institution's server refused the account's user name or password
    "error",
]
# A field of the form, in its order.
Field = Literal["endpoint", "user", "secret"]


def form_error(
    endpoint: str, user: str, secret: str, *, new_user: bool = True
) -> tuple[NoteKind, Field] | None:
    """The first field of the form, in its order, that is missing or wrong: the note's kind
    and the field (a form left empty named the password, its last field). A user name already
    saved (`new_user` False) is not refused for a control character: see `store_account`."""
    if not endpoint:
        return "type_endpoint", "endpoint"
    if not sendable_endpoint(endpoint):
        return "bad_endpoint", "endpoint"
    if not user:
        return "type_user", "user"
    if ":" in user:  # HTTP Basic cannot carry it
        return "bad_user", "user"
    try:  # sent as every statement's account name, as `account set --user` refuses them
        if new_user:
            refuse_control_characters(user, "the user name")
    except ValueError:
        return "user_control", "user"
    if not secret:
        return "type_password", "secret"
    return None


# What is dropped from a saved address shown in the form, which refuses them where typed.
_NOT_SHOWN = str.maketrans("", "", URLSPLIT_DROPS + BIDI_CONTROLS)


@dataclass(frozen=True)
class ShownAccount:
    """What the form shows of a profile's account; the password itself never."""

    endpoint: str  # the account's, else the installer's (branding), else none
    user: str
    secret_saved: bool  # a password is stored: the empty field means "unchanged"
    note: NoteKind


def shown_account(controller: SyncController, profile_id: str) -> ShownAccount:
    """Raises CredentialsError when the stored account cannot be read."""
    account = controller.sync.credentials.get(profile_id)
    branding = controller.context.branding.lrs
    if account is None:
        return ShownAccount(branding.endpoint if branding else "", "", False, "none")
    # An account is only ever saved with its password (CredentialStore.set refuses none).
    note: NoteKind = "keyring" if account.secret_in == "keyring" else "file"
    # as the sync sends to it: an address saved with a tab or a newline before the form refused
    # them was shown with it and refused by the form when only the password changed (review
    # r10 #1); a bidirectional mark saved before it was refused (no LRS serves that path) too
    endpoint = account.endpoint.translate(_NOT_SHOWN)
    return ShownAccount(endpoint, account.username, True, note)


def store_account(
    controller: SyncController, profile_id: str, endpoint: str, user: str, secret: str
) -> tuple[NoteKind, Field] | None:
    """Store the account (the stored secret kept when none is typed) and link the profile; the
    form's first missing or wrong field instead, nothing stored. Raises CredentialsError or
    StoreError."""
    credentials = controller.sync.credentials
    existing = credentials.get(profile_id)
    if not secret:
        secret = credentials.secret(profile_id) or "" if existing else ""
    # A user name saved with a control character before the form refused them (0a04584) is
    # kept as saved, its ends the panel strips too: refused, it blocked a password change
    # (review r15 #2); cleaned, it would put the learner's statements under two names.
    kept = False
    if existing is not None and user in (existing.username, existing.username.strip()):
        user, kept = existing.username, True
    if wrong := form_error(endpoint, user, secret, new_user=not kept):
        return wrong
    home_page = existing.home_page if existing and existing.home_page else ""
    account = LrsAccount(
        profile_id, endpoint, user, "basic", home_page or default_home_page(endpoint)
    )
    credentials.set(account, secret)
    controller.store.profiles.link_account(profile_id, account.home_page, user)
    return None
