"""The demo practice quiz in the real GUI, killed with SIGKILL while answers typed and never
checked are on screen, then started again: the same attempt comes back on the same question
with every typed answer, still unchecked, the keyboard in the field after the text; and the
records hold no statement for them. Both runs are child processes running
`player.app.run_gui` offscreen, driven with the keyboard by tests/e2e/quiz_driver.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from player.paths import user_paths
from player.store.statements import verb_name
from player.store.store import Store
from tests.e2e.test_exam_kill import Child

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("quiz_driver.py")
TYPED = {"pays": "196", "sigle-francais": "Formation en ligne"}


def test_answers_typed_and_not_checked_survive_sigkill(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Child(home, "start", driver=DRIVER) as first:
        before = first.wait_for("READY")
        assert before["question"] == "sigle-francais" and not before["checked"]
        assert {q: t for q, t in before["typed"].items() if t} == TYPED
        first.kill()  # the power goes, the last answer typed a moment ago

    with Child(home, "resume", driver=DRIVER) as second:
        after = second.wait_for("RESUMED")
        assert after["attempt"] == before["attempt"] and not after["finished"]
        assert after["question"] == before["question"], "on the question the learner was at"
        assert after["typed"] == before["typed"], "every answer typed before the kill"
        assert after["checked"] == [], "kept as typed, not checked for the learner"
        assert after["focus_in_field"] and after["caret"] == len(TYPED["sigle-francais"])
        assert second.finish() == 0, "".join(second.output[-40:])

    store = Store.open(user_paths({"CARTABLE_HOME": str(home)}))
    try:
        profile = store.profiles.all()[0]
        drafts = store.assessments.quiz_drafts(profile.id, before["attempt"])
        assert {q: d.response for q, d in drafts.items()} == TYPED
        rows = store.conn.execute(
            "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (profile.id,)
        ).fetchall()
        verbs = [verb_name(json.loads(r[0])) for r in rows]
        assert "answered" not in verbs, "an answer not checked is no statement"
    finally:
        store.close()
