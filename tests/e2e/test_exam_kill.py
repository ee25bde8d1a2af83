"""The demo exam in the real GUI, killed mid-exam with SIGKILL, then started again: the answers,
the question on screen and the stored deadline are all there, the clock shows the time left from
that deadline, and submitting queues the attempt's statements (answers with its registration,
then `submitted`). Both runs are child processes running `player.app.run_gui` offscreen, driven
with the keyboard by tests/e2e/exam_driver.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.paths import user_paths
from player.store.statements import verb_name
from player.store.store import Store
from tests import children
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("exam_driver.py")
TIMEOUT_S = 180
ANSWERED = 5  # questions answered before the kill
STOP_AT = 7  # the question on screen when the power goes


class Child:
    """A run of the player driven by `driver` (the exam's by default), its output read; as a
    context manager, killed if it still runs at the end of the block."""

    def __init__(self, home: Path, *args: str, driver: Path = DRIVER) -> None:
        env = {**os.environ, "CARTABLE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        env.pop("CARTABLE_QUIT_AFTER_START", None)
        self.process: subprocess.Popen[str] = children.popen(
            [sys.executable, str(driver), *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *_exc: object) -> None:
        children.stop(self.process)

    def wait_for(self, tag: str) -> dict:
        """The JSON after `tag` on the child's output (its whole output if it never comes)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            if line.startswith(tag + " "):
                return json.loads(line[len(tag) + 1 :])
            if line.strip() == "FAILED":
                break
        self.process.kill()
        raise AssertionError(f"no {tag} from the driver:\n" + "".join(self.output[-80:]))

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(TIMEOUT_S) == -signal.SIGKILL

    def finish(self) -> int:
        assert self.process.stdout is not None
        self.output.extend(self.process.stdout)
        return self.process.wait(TIMEOUT_S)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "home"


def test_exam_survives_sigkill_and_is_submitted_after_the_restart(home: Path) -> None:
    with Child(home, "start", str(ANSWERED), str(STOP_AT)) as first:
        before = first.wait_for("READY")
        assert before["state"] == "in_progress" and before["index"] == STOP_AT
        assert len(before["answers"]) == ANSWERED
        assert before["clock"].startswith("Time left: ")
        first.kill()  # mid-exam, the clock running

    with Child(home, "resume") as second:
        after = second.wait_for("RESUMED")
        assert after["attempt"] == before["attempt"], "the same attempt, not a new one"
        assert after["state"] == "in_progress"
        assert after["index"] == STOP_AT and after["question"] == before["question"]
        assert after["answers"] == before["answers"], "every answer given before the kill"
        assert after["deadline"] == before["deadline"], "the deadline is the stored one"
        assert after["clock"] in after["expected_clock"], "the clock counts to the stored deadline"
        submitted = second.wait_for("SUBMITTED")
        assert submitted["state"] == "submitted"
        assert second.finish() == 0, "".join(second.output[-40:])

    store = Store.open(user_paths({"CARTABLE_HOME": str(home)}))
    try:
        profile = store.profiles.all()[0]
        (attempt,) = store.assessments.exam_attempts(profile.id)
        assert attempt.id == before["attempt"] and attempt.state == "submitted"
        assert attempt.deadline is not None
        assert attempt.deadline.timestamp() == before["deadline"]
        assert {a.question_id for a in attempt.answers} == set(before["answers"])
        rows = store.conn.execute(
            "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (profile.id,)
        ).fetchall()
        queued = [json.loads(r[0]) for r in rows]
        mine = [s for s in queued if s["context"].get("registration") == attempt.registration]
        verbs = [verb_name(s) for s in mine]
        assert verbs == ["attempted"] + ["answered"] * ANSWERED + ["submitted"]
        responses = {
            s["object"]["id"].rsplit("/", 1)[1] for s in mine if verb_name(s) == "answered"
        }
        assert responses == set(before["answers"])
        assert verb_name(queued[-1]) in ("submitted", "terminated")
        abandoned = [s for s in queued if verb_name(s) == "abandoned"]
        assert abandoned, "the killed session was closed as abandoned at the restart"
    finally:
        store.close()
