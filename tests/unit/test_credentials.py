"""LRS accounts: secrets in the OS keyring when one works, else in a user-only file."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from sync.credentials import KEYRING_SERVICE, CredentialsError, CredentialStore, LrsAccount
from sync.lrs import BasicAuth, BearerAuth

SECRET = "s3cret-Ünïcode"


class MemoryKeyring(KeyringBackend):
    # keyring picks its default among every KeyringBackend subclass it can see: a priority that
    # raises keeps this test double out of that choice (and out of other tests' processes).
    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a test keyring, never chosen by keyring itself")

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


def account(profile: str = "p-1", **kw: str) -> LrsAccount:
    fields = {"endpoint": "https://lrs.example.org/xAPI/", "username": "ada"} | kw
    return LrsAccount(profile, **fields)  # type: ignore[arg-type]


def test_file_fallback_is_user_only_and_round_trips(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path / "secrets", keyring_backend=None)
    stored = store.set(account(), SECRET)
    assert stored.secret_in == "file"
    secret_file = tmp_path / "secrets" / "p-1.secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "secrets").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "secrets" / "accounts.json").stat().st_mode) == 0o600
    assert SECRET not in (tmp_path / "secrets" / "accounts.json").read_text()
    again = CredentialStore(tmp_path / "secrets", keyring_backend=None)
    assert again.get("p-1") == stored
    assert again.auth("p-1") == BasicAuth("ada", SECRET)
    assert [a.profile_id for a in again.accounts()] == ["p-1"]
    assert list((tmp_path / "secrets").glob(".tmp-*")) == []


def test_keyring_holds_the_secret_when_it_works(tmp_path: Path) -> None:
    ring = MemoryKeyring()
    store = CredentialStore(tmp_path, keyring_backend=ring)
    stored = store.set(account(), SECRET)
    assert stored.secret_in == "keyring"
    assert ring.items == {(KEYRING_SERVICE, "p-1"): SECRET}
    assert not (tmp_path / "p-1.secret").exists()
    assert store.secret("p-1") == SECRET
    assert store.remove("p-1") and ring.items == {}
    assert store.get("p-1") is None and store.auth("p-1") is None


def test_locked_keyring_falls_back_to_the_file(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path, keyring_backend=LockedKeyring())
    assert store.set(account(), SECRET).secret_in == "file"
    assert store.secret("p-1") == SECRET


def test_default_backend_here_is_usable_either_way(tmp_path: Path) -> None:
    """Whatever this machine has (often keyring's `fail` backend), setting works."""
    store = CredentialStore(tmp_path)
    stored = store.set(account(), SECRET)
    if store.keyring_name() is None:
        assert stored.secret_in == "file"
    assert store.secret("p-1") == SECRET
    store.remove("p-1")


def test_token_account_gives_bearer_auth(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path, keyring_backend=None)
    store.set(account(username="", auth="token"), "tok")
    assert store.auth("p-1") == BearerAuth("tok")


def test_secret_never_in_reprs_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = CredentialStore(tmp_path, keyring_backend=LockedKeyring())
    store.set(account(), SECRET)
    auth = store.auth("p-1")
    assert SECRET not in repr(auth) and SECRET not in repr(store.get("p-1"))
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"endpoint": "ftp://x/"}, "http"),
        ({"endpoint": "https://u:p@x/"}, "credentials"),
        ({"username": ""}, "user name"),
        ({"username": "a:b"}, "user name"),
        ({"auth": "digest"}, "auth"),
    ],
)
def test_bad_accounts_are_refused(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(CredentialsError, match=message):
        account(**kwargs)


def test_bad_secrets_and_profile_ids(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path, keyring_backend=None)
    with pytest.raises(CredentialsError, match="empty"):
        store.set(account(), "")
    with pytest.raises(CredentialsError, match="line break"):
        store.set(account(), "a\nb")
    with pytest.raises(CredentialsError, match="profile id"):
        account("../evil")
    assert list(tmp_path.iterdir()) == []


def test_damaged_accounts_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "accounts.json").write_text("{not json")
    with pytest.raises(CredentialsError, match=r"accounts\.json: cannot read"):
        CredentialStore(tmp_path, keyring_backend=None).get("p-1")


def test_keyring_gone_later_is_a_clear_error(tmp_path: Path) -> None:
    CredentialStore(tmp_path, keyring_backend=MemoryKeyring()).set(account(), SECRET)
    with pytest.raises(CredentialsError, match="keyring, which is not available"):
        CredentialStore(tmp_path, keyring_backend=None).secret("p-1")


@pytest.mark.parametrize("crash_at", [1, 2, 3])
def test_a_new_secret_never_keeps_the_old_saving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash_at: int
) -> None:
    """A crash or a full disk at any write of `set`: a new password never stands under the
    marker sync-status.json confirmed for the old one (review r5 #4: it was never checked)."""
    store = CredentialStore(tmp_path, keyring_backend=None)
    account = LrsAccount("p1", "https://lrs.example.org/xAPI/", "amelie")
    old = store.set(account, "right password").saved  # the LRS took it: "confirmed" = old
    writes = []
    write = store._write_private

    def failing(path: Path, data: bytes) -> None:
        writes.append(path.name)
        if len(writes) == crash_at:
            raise OSError(28, "No space left on device")
        write(path, data)

    monkeypatch.setattr(store, "_write_private", failing)
    with pytest.raises(OSError):
        store.set(account, "mistyped")
    monkeypatch.undo()
    after = store.get("p1")
    assert after is not None
    assert store.secret("p1") == "right password" or after.saved != old, writes
