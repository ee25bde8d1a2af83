"""`cartable sync` lists a refused statement in one readable line, by its activity: Ralph's 422
printed 2,011 characters of JSON per statement. The whole answer goes to the log (a real outbox
on SQLite)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from player.commands import sync as command
from sync import outbox
from sync.engine import ProfileReport, SyncReport
from sync.outbox import Outbox, write_transaction

INVALID = "HTTP 422: " + json.dumps(
    {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", 0, "actor", "BaseXapiAgentWithMbox", "mbox"],
                "msg": "value is not a valid email address: " + "x" * 1950,
            }
        ]
    }
)
STATEMENT = {
    "id": "4a459341-d525-4132-bdd9-35e430fdb802",
    "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
    "object": {
        "id": "https://cartable.invalid/course/les-mooc/unit/definition-video",
        "definition": {"name": {"fr": "Qu'est-ce qu'un MOOC ?"}},
    },
}


def test_a_refused_statement_is_one_short_line_naming_its_activity_the_answer_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    conn = outbox.connect(tmp_path / "box.sqlite3")
    outbox.create_tables(conn)
    box = Outbox(conn)
    with write_transaction(conn):
        box.append("p", STATEMENT["id"], json.dumps(STATEMENT).encode(), 1.0)
    box.mark_poison(STATEMENT["id"], INVALID)
    assert len(INVALID) > 2000
    out = io.StringIO()
    report = SyncReport("done", 0.0, 1.0, (ProfileReport("p", 0, (), 0, 1, None),))
    with caplog.at_level(logging.INFO):
        command.print_report(report, {"p": "Alice"}, {"p": box.poison_list("p")}, [], out)
    refused = [line for line in out.getvalue().splitlines() if "refused" in line]
    assert len(refused) == 1
    line = refused[0]
    assert line.startswith(
        "Alice: refused Qu'est-ce qu'un MOOC ? (launched), statement "
        "4a459341-d525-4132-bdd9-35e430fdb802: HTTP 422: {"
    )
    assert len(line) < 300 and line.endswith("…")
    assert INVALID in caplog.text  # the whole answer, for support
