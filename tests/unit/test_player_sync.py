"""PlayerSync's wiring of the branding into the grade pull: the institution's named grader is the
only authority whose grades count on its LRS (the pull itself is tested in test_results.py)."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import pytest

from player import player_sync
from player.branding import Branding, GraderAgent, LrsBranding
from player.player_sync import PlayerSync
from sync.credentials import LrsAccount
from sync.http import Timeouts
from sync.results import PullReport

GRADER = GraderAgent("account", "grader", "https://lrs.example.org")
BRANDING = Branding(lrs=LrsBranding("https://lrs.example.org/xAPI/", grader=GRADER))


def player_sync_for(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> tuple[PlayerSync, Any]:
    account = LrsAccount("p1", endpoint, "learner")
    credentials = SimpleNamespace(get=lambda profile_id: account)
    store = SimpleNamespace(
        profiles=SimpleNamespace(all=lambda: [SimpleNamespace(id="p1")]),
        assessments=SimpleNamespace(awaiting_grades=lambda profile_id: {"reg": "exam"}),
    )
    monkeypatch.setattr(player_sync, "_agents", lambda store, profile: ({"mbox": "mailto:l@x"},))
    state = SimpleNamespace(since=lambda profile_id: None)
    made = PlayerSync(
        SimpleNamespace(branding=BRANDING),  # type: ignore[arg-type]
        credentials,  # type: ignore[arg-type]
        state,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        Timeouts(),
    )
    monkeypatch.setattr(made, "client_for", lambda profile_id: object())
    return made, store


def graders_asked(made: tuple[PlayerSync, Any], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    sync, store = made
    seen: list[Any] = []

    def pull_results(*args: object, grader: Mapping[str, Any] | None = None, **_: object):  # type: ignore[no-untyped-def]
        seen.append(grader)
        return PullReport((), None, 0)

    monkeypatch.setattr(player_sync, "pull_results", pull_results)
    sync.pull(sync.pull_requests(store))
    return seen


def test_the_branded_grader_is_the_only_authority_on_the_branded_lrs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = player_sync_for("https://lrs.example.org:8443/other/xAPI/", monkeypatch)
    assert graders_asked(made, monkeypatch) == [GRADER.to_json()]


def test_an_account_on_another_lrs_is_not_held_to_the_branded_grader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = player_sync_for("https://elsewhere.example.net/xAPI/", monkeypatch)
    assert graders_asked(made, monkeypatch) == [None]
