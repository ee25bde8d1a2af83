"""PlayerSync's wiring of the branding into the grade pull: the institution's named grader is the
only authority whose grades count on its LRS (the pull itself is tested in test_results.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from player import player_sync
from player.branding import Branding, GraderAgent, LrsBranding
from player.player_sync import PlayerSync, Pulled
from player.records_import import read_all_grades
from sync.credentials import LrsAccount
from sync.http import Timeouts
from sync.results import PullReport, ResultsState

GRADER = GraderAgent("account", "grader", "https://lrs.example.org")
BRANDING = Branding(lrs=LrsBranding("https://lrs.example.org/xAPI/", grader=GRADER))


def player_sync_for(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> tuple[PlayerSync, Any]:
    account = LrsAccount("p1", endpoint, "learner")
    credentials = SimpleNamespace(get=lambda profile_id: account)
    store = SimpleNamespace(
        profiles=SimpleNamespace(all=lambda: [SimpleNamespace(id="p1")]),
        assessments=SimpleNamespace(
            grades_to_read=lambda profile_id, graded_after: {"reg": "exam"}
        ),
    )
    monkeypatch.setattr(player_sync, "_agents", lambda store, profile: ({"mbox": "mailto:l@x"},))
    state = SimpleNamespace(since=lambda profile_id: None)
    made = PlayerSync(
        SimpleNamespace(branding=BRANDING),  # type: ignore[arg-type]
        credentials,  # type: ignore[arg-type]
        state,  # type: ignore[arg-type]
        SimpleNamespace(unanswered=lambda server, profile_id=None: ""),  # type: ignore[arg-type]
        SimpleNamespace(server_wait=lambda server: 0.0),  # type: ignore[arg-type]
        Timeouts(),
    )
    client = SimpleNamespace(target=f"{endpoint} basic:learner")
    monkeypatch.setattr(made, "client_for", lambda profile_id: client)
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


def pulled_with(
    reports: Mapping[str, PullReport], monkeypatch: pytest.MonkeyPatch
) -> PullReport | None:
    """Pull once for a profile known to the LRS as two agents (the account and the device
    actor of before), each agent's read answering its scripted report."""
    sync, store = player_sync_for("https://lrs.example.org/xAPI/", monkeypatch)
    agents = tuple({"mbox": f"mailto:{name}@x"} for name in reports)
    monkeypatch.setattr(player_sync, "_agents", lambda store, profile: agents)

    def pull_results(client: object, agent: Mapping[str, Any], *args: object, **_: object):  # type: ignore[no-untyped-def]
        return reports[agent["mbox"].removeprefix("mailto:").removesuffix("@x")]

    monkeypatch.setattr(player_sync, "pull_results", pull_results)
    (pulled,) = sync.pull(sync.pull_requests(store))
    assert pulled.error == ""
    return pulled.report


def test_a_watermark_held_for_one_agent_is_not_passed_by_another_agents_later_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A grade refused for its authority only (a misnamed grader) holds the account's read at
    it; the device actor's read of a later statement must not carry the watermark past it,
    or the grade is never read again once the branding is fixed."""
    report = pulled_with(
        {
            "account": PullReport((), "2024-03-01T10:00:00.000000+00:00", 4, held=True),
            "device": PullReport((), "2024-05-01T10:00:00.000000+00:00", 2),
        },
        monkeypatch,
    )
    assert report is not None
    assert report.watermark == "2024-03-01T10:00:00.000000+00:00" and report.held
    assert report.read == 6


def test_of_several_held_watermarks_the_earliest_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    report = pulled_with(
        {
            "device": PullReport((), "2024-04-01T10:00:00Z", 1, held=True),
            "account": PullReport((), "2024-03-01T12:00:00+02:00", 1, held=True),
            "other": PullReport((), "2024-06-01T10:00:00Z", 1),
        },
        monkeypatch,
    )
    assert report is not None and report.held
    assert report.watermark == "2024-03-01T12:00:00+02:00"  # 10:00 UTC, before April


def test_without_a_hold_the_latest_watermark_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    report = pulled_with(
        {
            "account": PullReport((), "2024-05-01T10:30:00Z", 1),
            "device": PullReport((), "2024-05-01T11:00:00+01:00", 1),  # 10:00 UTC: earlier
            "other": PullReport((), None, 0),
        },
        monkeypatch,
    )
    assert report is not None and not report.held
    assert report.watermark == "2024-05-01T10:30:00Z"  # compared as times, not as text


def test_a_watermark_rewound_during_a_run_is_not_undone_by_it(tmp_path: Path) -> None:
    """`cartable records import` rewinds the watermark so the next read brings the imported
    attempts' grades; a run that started its read before must not put its later one back."""
    state = ResultsState(tmp_path / "results.json")
    state.remember("p1", "2024-03-01T10:00:00.000000+00:00")
    made = PlayerSync(
        SimpleNamespace(branding=BRANDING),  # type: ignore[arg-type]
        SimpleNamespace(),  # type: ignore[arg-type]
        state,
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        Timeouts(),
    )
    read = PullReport((), "2024-05-01T10:00:00.000000+00:00", 3)
    pulled = Pulled("p1", read, since="2024-03-01T10:00:00.000000+00:00")
    mark = read_all_grades()
    state.remember("p1", mark)  # the import, while the run read the LRS
    made.apply(None, [pulled])  # type: ignore[arg-type]
    assert state.since("p1") == mark
    made.apply(None, [Pulled("p1", read, since=mark)])  # the next run's read
    assert state.since("p1") == "2024-05-01T10:00:00.000000+00:00"
