"""`cartable sync` and the profiles without an LRS account: with none linked it said nothing
useful and waited forever (the loop) or exited 3 as if a retry could help (--once); now one line
says what is missing and how to link one, exit 1. Linked and unlinked profiles: the linked ones
are synced, each skipped one is named. The real command, in a child process, against a temporary
CARTABLE_HOME and a stdlib LRS."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from player.branding import Branding, LrsBranding
from player.commands.sync_accounts import link_command
from player.store import Store
from tests.e2e.sync_support import Learner, append_frozen, extra_statement, make_learner
from tests.slow_lrs import SlowLrs

REPO = Path(__file__).resolve().parents[2]
LINK = "`cartable account set {} --endpoint URL --user USER --password-stdin`"


def cartable_sync(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a lab admin runs it; a loop that never ends fails the test."""
    env = {
        **os.environ,
        "CARTABLE_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "player", "sync", *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=20,
        )
    except subprocess.TimeoutExpired as timeout:
        pytest.fail(f"`cartable sync {' '.join(args)}` did not end: {timeout.stdout!r}")


def unlinked(home: Path, statements: int) -> Learner:
    learner = make_learner(home, "", "", "", link=False)
    append_frozen(learner, [extra_statement(learner, n) for n in range(statements)])
    return learner


@pytest.mark.parametrize("mode", [(), ("--once",)], ids=["loop", "once"])
def test_no_profile_at_all_says_how_to_add_and_link_one(tmp_path: Path, mode: tuple) -> None:
    done = cartable_sync(tmp_path, *mode)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "cartable: nothing to sync: there is no profile on this computer; add one with "
        f"`cartable profiles add NAME`, then link it to an account with {LINK.format('NAME')}"
    ]


@pytest.mark.parametrize("mode", [(), ("--once",)], ids=["loop", "once"])
def test_no_profile_linked_says_which_and_how_to_link_it(tmp_path: Path, mode: tuple) -> None:
    learner = unlinked(tmp_path, 3)
    name = learner.profile.name
    learner.close()
    done = cartable_sync(tmp_path, *mode)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"cartable: {name}: not linked to an LRS account, so nothing can be sent (3 statements "
        f"kept on this computer); link it with {LINK.format(shlex.quote(name))}"
    ]
    again = unlinked(tmp_path, 1)  # two profiles, neither linked
    again.close()
    done = cartable_sync(tmp_path, *mode, "--wait", "0")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "cartable: no profile is linked to an LRS account, so nothing can be sent (4 statements "
        f"kept on this computer); link one with {LINK.format('PROFILE')}"
    ]
    store = Store.open(learner.context.paths)  # nothing touched
    assert store.outbox.counts().queued == 4
    store.close()


def test_the_linked_profiles_are_synced_and_the_others_named(tmp_path: Path) -> None:
    lrs = SlowLrs("answer")
    try:
        linked = make_learner(tmp_path, lrs.url(), "awa", "secret")
        append_frozen(linked, [extra_statement(linked, n) for n in range(2)])
        linked.close()
        other = unlinked(tmp_path, 3)
        other.close()
        done = cartable_sync(tmp_path, "--once", "--wait", "0")
    finally:
        lrs.stop()
    name = other.profile.name
    assert done.stdout.splitlines() == [
        f"{name}: skipped, no LRS account (3 statements kept on this computer); link it with "
        f"{LINK.format(shlex.quote(name))}",
        f"{linked.profile.name}: sent 2 statements",
    ]
    assert done.returncode == 3  # the skipped profile's statements are still here
    assert len(lrs.answered) == 2
    store = Store.open(other.context.paths)
    assert store.outbox.counts(other.profile.id).queued == 3
    assert store.outbox.counts(linked.profile.id).queued == 0
    store.close()


def test_the_link_line_names_the_branded_lrs() -> None:
    basic = Branding(lrs=LrsBranding("https://lrs.univ.example/xAPI/"))
    token = Branding(lrs=LrsBranding("https://lrs.univ.example/xAPI/", auth="token"))
    assert link_command(basic, "Awa Diop") == (
        "cartable account set 'Awa Diop' --endpoint https://lrs.univ.example/xAPI/ "
        "--user USER --password-stdin"
    )
    assert link_command(token, "Awa") == (
        "cartable account set Awa --endpoint https://lrs.univ.example/xAPI/ --token-stdin"
    )
