"""A removed profile's account is never sent again (review r5 #2), against a real Ralph.

Removing a profile left its LRS account and password in the secrets folder, and the account
check (`PlayerSync._to_check`) took every account there: the removed learner's credentials
were POSTed at every run until the LRS took them, and a wrong password made `cartable sync
--once` exit 6 (a person must act) for a learner who is gone. Only existing profiles are
checked now, and a removal takes the account and its password with it: the profile's records
went with it, queued ones too (`Profiles.remove`), so nothing is left to send with them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from player.__main__ import main
from sync.credentials import CredentialStore, LrsAccount
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import make_learner

pytestmark = pytest.mark.e2e


def test_an_account_left_by_a_removed_profile_is_not_checked(
    ralph: RalphServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    proxy = FaultProxy(ralph.url.split("/xAPI/")[0]).start()
    try:
        learner = make_learner(tmp_path / "home", proxy.url, ralph.username, "wrong")
        monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
        try:
            kept = learner.store.profiles.add("Kept")
            home_page = "https://learners.example.org/kept"
            CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
                LrsAccount(kept.id, proxy.url, ralph.username, "basic", home_page), ralph.password
            )
            learner.store.profiles.link_account(kept.id, home_page, ralph.username)
            # The store alone (an older version's removal): the account stays behind.
            learner.store.profiles.remove(learner.profile.id)
            assert [p.id for p in learner.store.profiles.all()] == [kept.id]
            code = main(["sync", "--once"])
            out, err = capsys.readouterr()
            gone = learner.profile.id
            assert code == 0, (out, err)
            assert gone not in out + err, (out, err)
            assert len(proxy.log) == 1, proxy.log  # the kept profile's check alone
        finally:
            learner.close()
    finally:
        proxy.stop()


def test_removing_a_profile_removes_its_account_and_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = make_learner(tmp_path / "home", "https://lrs.example.org/xAPI/", "amelie", "pw")
    monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
    secrets = learner.context.paths.secrets
    profile_id = learner.profile.id
    try:
        assert (secrets / f"{profile_id}.secret").exists()
        assert main(["profiles", "remove", profile_id, "--force"]) == 0, capsys.readouterr()
    finally:
        learner.close()
    accounts = json.loads((secrets / "accounts.json").read_text("utf-8"))
    assert profile_id not in json.dumps(accounts)
    assert not (secrets / f"{profile_id}.secret").exists()
    assert CredentialStore(secrets, keyring_backend=None).get(profile_id) is None
