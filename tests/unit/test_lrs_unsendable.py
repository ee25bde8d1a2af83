"""An LRS account that holds what HTTP cannot send (a token pasted with a typographic quote, a
password or an endpoint typed in a terminal not set to UTF-8, a secret file of other bytes):
refused when it is set and when it is read, in one line naming the field and never the
secret, where the sync raised its own UnicodeEncodeError (at each POST, out of the engine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.credentials import CredentialsError, CredentialStore, LrsAccount
from sync.lrs import BasicAuth, BearerAuth, check_endpoint
from tests.e2e.sync_support import append_frozen, extra_statement, make_learner
from tests.slow_lrs import SlowLrs
from tests.unit.test_sync_command_accounts import cartable_sync

ENDPOINT = "https://lrs.example.org/xAPI/"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda: BearerAuth("tok\u201den"), "character 4 of the LRS token is no printable ASCII"),
        (lambda: BearerAuth("tok en"), "character 4 of the LRS token is no printable ASCII"),
        (lambda: BasicAuth("awa", "pa\udcffss"), "character 3 of the LRS password is not UTF-8"),
        (lambda: BasicAuth("a\udcffwa", "x"), "character 2 of the LRS user name is not UTF-8"),
        (lambda: check_endpoint(ENDPOINT + "\udce9/"), "character 30 of the LRS endpoint is not"),
    ],
)
def test_what_http_cannot_send_is_refused_naming_its_field(make: object, said: str) -> None:
    with pytest.raises(ValueError) as error:
        make()  # type: ignore[operator]
    message = str(error.value)
    assert message.startswith(said) and "\n" not in message
    assert not any(char in message for char in "\u201d\udcff\udce9"), message


def test_an_account_set_with_a_token_http_cannot_send_is_refused_and_not_kept(
    tmp_path: Path,
) -> None:
    store = CredentialStore(tmp_path, keyring_backend=None)
    with pytest.raises(CredentialsError, match="character 4 of the LRS token"):
        store.set(LrsAccount("p-1", ENDPOINT, "", "token"), "tok\u201den")
    assert store.get("p-1") is None


def token_by_hand(home: Path, secrets: Path, profile_id: str, secret: bytes) -> None:
    """The account turned into a token one, its secret file written with `secret`: by hand, or
    by a Cartable from before the check."""
    accounts = json.loads((secrets / "accounts.json").read_text(encoding="utf-8"))
    accounts[profile_id].update(auth="token", username="")
    (secrets / "accounts.json").write_text(json.dumps(accounts), encoding="utf-8")
    (secrets / f"{profile_id}.secret").write_bytes(secret)


@pytest.mark.parametrize(
    ("secret", "said"),
    [
        ("tok\u201den".encode(), "character 4 of the LRS token is no printable ASCII"),
        (b"tok\xe9n", "is not UTF-8 text; set it again"),
    ],
    ids=["typographic quote", "latin-1 bytes"],
)
def test_cartable_sync_names_the_token_it_cannot_send_and_keeps_the_statements(
    tmp_path: Path, secret: bytes, said: str
) -> None:
    """Before: `cartable sync` ended on "cartable: sync failed: UnicodeEncodeError: 'latin-1'
    codec can't encode character '\\u201d'…" (UnicodeDecodeError for the bytes), its traceback
    in the log; now the profile's line names the field, its statements kept."""
    lrs = SlowLrs("answer")
    try:
        learner = make_learner(tmp_path, lrs.url(), "awa", "secret")
        append_frozen(learner, [extra_statement(learner, n) for n in range(2)])
        learner.close()
        token_by_hand(tmp_path, learner.context.paths.secrets, learner.profile.id, secret)
        done = cartable_sync(tmp_path, "--once", "--wait", "0")
    finally:
        lrs.stop()
    out = done.stdout + done.stderr
    assert "Traceback" not in out and "Unicode" not in out, out
    assert said in out, out
    assert not lrs.answered
