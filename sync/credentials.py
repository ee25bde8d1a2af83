"""Where a profile's LRS account lives: the endpoint and user in a file, the secret in the OS
keyring when one works, else in a file only the user can read.

The secret never appears in a log, a repr or an error message. The keyring is optional: many
lab machines and minimal desktops have none (keyring's `fail` backend), and a Secret Service that
is installed but locked or broken raises at use; either way the secret goes to
`<folder>/<profile id>.secret` (mode 0600, folder 0700) and `LrsAccount.secret_in` says where it
went, so the user can be told. Writes are atomic (temporary file, fsync, rename).
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sync.durable import write_atomic
from sync.lrs import BasicAuth, BearerAuth

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Cartable LRS"
ACCOUNTS_FILE = "accounts.json"
AuthKind = Literal["basic", "token"]
SecretPlace = Literal["keyring", "file"]
_PROFILE_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


class CredentialsError(Exception):
    """An account cannot be stored or read (bad endpoint, unreadable file...)."""


@dataclass(frozen=True)
class LrsAccount:
    """A profile's link to an LRS account: everything but the secret."""

    profile_id: str
    endpoint: str
    username: str  # "" for a bearer token
    auth: AuthKind = "basic"
    home_page: str = ""  # the actor's account homePage (the institution's site)
    secret_in: SecretPlace = "file"
    saved: str = ""
    """Which saving of the account this is: a new random value at each `CredentialStore.set`
    (a new password too), so that a confirmation by the LRS (player.player_sync) is of this
    one; "" for an account saved before it existed."""

    def __post_init__(self) -> None:
        if not _PROFILE_ID.match(self.profile_id):
            raise CredentialsError(f"not a profile id: {self.profile_id!r}")
        parts = urlsplit(self.endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CredentialsError(f"LRS endpoint must be an http(s) URL, got {self.endpoint!r}")
        if parts.username or parts.password:
            raise CredentialsError("LRS endpoint must not carry credentials")
        if self.auth not in ("basic", "token"):
            raise CredentialsError(f"auth must be 'basic' or 'token', got {self.auth!r}")
        if self.auth == "basic" and (not self.username or ":" in self.username):
            raise CredentialsError("a Basic auth user name is required and cannot contain ':'")


def _auth(account: LrsAccount, secret: str) -> BasicAuth | BearerAuth:
    """The header an account's client sends; ValueError naming the field it cannot send."""
    if account.auth == "token":
        return BearerAuth(secret)
    return BasicAuth(account.username, secret)


def default_home_page(endpoint: str) -> str:
    """The account's homePage when none is given: the LRS's origin."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class CredentialStore:
    """Accounts of the profiles on this device, under `folder` (the caller's config folder).

    `keyring_backend`: "default" uses the keyring package's choice for this desktop; None never
    uses a keyring (files only); any `keyring.backend.KeyringBackend` is used as given (tests).
    """

    def __init__(self, folder: Path, *, keyring_backend: Any = "default") -> None:
        self.folder = folder
        self._backend_choice = keyring_backend
        self._backend: Any = None
        self._backend_ready = False

    # -- accounts (not secret) ----------------------------------------------------------------

    def _accounts_path(self) -> Path:
        return self.folder / ACCOUNTS_FILE

    def _read_accounts(self) -> dict[str, dict[str, Any]]:
        path = self._accounts_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise CredentialsError(f"{path}: cannot read the LRS accounts: {error}") from None
        if not isinstance(raw, dict):
            raise CredentialsError(f"{path}: not a JSON object")
        return {k: v for k, v in raw.items() if isinstance(v, dict)}

    def _write_accounts(self, accounts: dict[str, dict[str, Any]]) -> None:
        self._write_private(self._accounts_path(), json.dumps(accounts, indent=1).encode())

    def get(self, profile_id: str) -> LrsAccount | None:
        raw = self._read_accounts().get(profile_id)
        return None if raw is None else self._account(profile_id, raw)

    def _account(self, profile_id: str, raw: dict[str, Any]) -> LrsAccount:
        try:
            return LrsAccount(
                profile_id=profile_id,
                endpoint=str(raw["endpoint"]),
                username=str(raw.get("username", "")),
                auth=raw.get("auth", "basic"),
                home_page=str(raw.get("home_page", "")),
                secret_in=raw.get("secret_in", "file"),
                saved=str(raw.get("saved", "")),
            )
        except (KeyError, CredentialsError) as error:
            raise CredentialsError(
                f"{self._accounts_path()}: account of profile {profile_id}: {error}"
            ) from None

    def accounts(self) -> list[LrsAccount]:
        accounts = self._read_accounts()  # once, whatever the number of profiles
        return [self._account(profile_id, accounts[profile_id]) for profile_id in sorted(accounts)]

    # -- secrets ------------------------------------------------------------------------------

    def set(self, account: LrsAccount, secret: str) -> LrsAccount:
        """Store the account and its secret; returns it with `secret_in` telling where."""
        if not secret:
            raise CredentialsError("the secret (password or token) is empty")
        if "\n" in secret or "\r" in secret:
            raise CredentialsError("the secret contains a line break")
        try:
            _auth(account, secret)  # what the client will send, refused now rather than then
        except ValueError as error:
            raise CredentialsError(str(error)) from None
        # The new saving's marker first, the secret after: a crash or a full disk between
        # left a new password under the old marker, which sync-status.json's "confirmed"
        # holds, so a mistyped password counted as confirmed and was never checked (review
        # r5 #4). Now the old password under a new marker is checked once more, no harm.
        saved = secrets.token_hex(8)
        accounts = self._read_accounts()
        if account.profile_id in accounts:
            accounts[account.profile_id] = {**accounts[account.profile_id], "saved": saved}
            self._write_accounts(accounts)
        place: SecretPlace = "keyring" if self._keyring_set(account.profile_id, secret) else "file"
        secret_file = self._secret_path(account.profile_id)
        if place == "file":
            self._write_private(secret_file, secret.encode("utf-8"))
        else:
            secret_file.unlink(missing_ok=True)
        stored = replace(account, secret_in=place, saved=saved)
        accounts[account.profile_id] = {
            k: v for k, v in asdict(stored).items() if k != "profile_id"
        }
        self._write_accounts(accounts)
        return stored

    def secret(self, profile_id: str) -> str | None:
        account = self.get(profile_id)
        return None if account is None else self._secret_of(account)

    def _secret_of(self, account: LrsAccount) -> str | None:
        profile_id = account.profile_id
        if account.secret_in == "keyring":
            return self._keyring_get(profile_id)
        try:
            return self._secret_path(profile_id).read_text(encoding="utf-8") or None
        except FileNotFoundError:
            return None
        except OSError as error:
            raise CredentialsError(
                f"cannot read the LRS secret of profile {profile_id}: {error.strerror}"
            ) from None
        except UnicodeDecodeError:  # written by hand, or by another program: said, not raised
            raise CredentialsError(
                f"the LRS secret of profile {profile_id} is not UTF-8 text; set it again"
            ) from None

    def auth(self, profile_id: str) -> BasicAuth | BearerAuth | None:
        """What the LRS client sends for this profile; None when no account or no secret."""
        account = self.get(profile_id)
        return None if account is None else self.auth_of(account)

    def auth_of(self, account: LrsAccount) -> BasicAuth | BearerAuth | None:
        """`auth` for an account already read (the accounts file is read once per client)."""
        secret = self._secret_of(account)
        if secret is None:
            return None
        try:
            return _auth(account, secret)
        except ValueError as error:  # stored before it was checked, or written by hand
            raise CredentialsError(
                f"LRS account of profile {account.profile_id}: {error}"
            ) from None

    def remove(self, profile_id: str) -> bool:
        accounts = self._read_accounts()
        raw = accounts.pop(profile_id, None)
        if raw is None:
            return False
        if raw.get("secret_in") == "keyring":
            self._keyring_delete(profile_id)
        self._secret_path(profile_id).unlink(missing_ok=True)
        self._write_accounts(accounts)
        return True

    # -- keyring ------------------------------------------------------------------------------

    def keyring_name(self) -> str | None:
        """The keyring in use (for the settings panel), None when secrets go to files."""
        backend = self._keyring()
        return None if backend is None else type(backend).__name__

    def _keyring(self) -> Any:
        if self._backend_ready:
            return self._backend
        self._backend_ready = True
        choice = self._backend_choice
        if choice is None:
            return None
        if choice != "default":
            self._backend = choice
            return choice
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
        except Exception as error:  # no usable keyring package or backend: files
            log.info("no OS keyring (%s); LRS secrets go to files", type(error).__name__)
            return None
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            log.info("no OS keyring backend; LRS secrets go to files")
            return None
        self._backend = backend
        return backend

    def _keyring_set(self, profile_id: str, secret: str) -> bool:
        backend = self._keyring()
        if backend is None:
            return False
        try:
            backend.set_password(KEYRING_SERVICE, profile_id, secret)
        except Exception as error:  # a locked or broken keyring: fall back to the file
            log.warning("the OS keyring refused the LRS secret (%s); using a file", type(error))
            return False
        return True

    def _keyring_get(self, profile_id: str) -> str | None:
        backend = self._keyring()
        if backend is None:
            raise CredentialsError(
                f"the LRS secret of profile {profile_id} is in the OS keyring, which is not "
                "available now; set the account again"
            )
        try:
            value = backend.get_password(KEYRING_SERVICE, profile_id)
        except Exception as error:
            raise CredentialsError(
                f"the OS keyring did not give the LRS secret of profile {profile_id} "
                f"({type(error).__name__})"
            ) from None
        return value or None

    def _keyring_delete(self, profile_id: str) -> None:
        backend = self._keyring()
        if backend is None:
            return
        try:
            backend.delete_password(KEYRING_SERVICE, profile_id)
        except Exception as error:  # already gone, or locked: the account is removed anyway
            log.info("keyring delete for a profile failed: %s", type(error).__name__)

    # -- files --------------------------------------------------------------------------------

    def _secret_path(self, profile_id: str) -> Path:
        if not _PROFILE_ID.match(profile_id):
            raise CredentialsError(f"not a profile id: {profile_id!r}")
        return self.folder / f"{profile_id}.secret"

    def _write_private(self, path: Path, data: bytes) -> None:
        """Atomically write a file readable by the user only, in a folder only they can list."""
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        write_atomic(path, data, private=True)
