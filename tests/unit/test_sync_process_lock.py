"""One sync at a time per installation, across processes (the GUI and `cartable sync`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sync.engine import SyncEngine
from sync.interprocess import ProcessLock
from sync.outbox import Outbox, connect
from tests import children
from tests.support import ROOT

HOLD = """
import sys, time
from pathlib import Path
from sync.interprocess import ProcessLock
lock = ProcessLock(Path(sys.argv[1]))
print(lock.acquire(), flush=True)
time.sleep(60)
"""


def test_a_second_process_is_told_busy(tmp_path: Path) -> None:
    lock_path = tmp_path / "sync.lock"
    with children.started(
        [sys.executable, "-c", HOLD, str(lock_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        grace=0,  # killed at the end of the block
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        conn = connect(tmp_path / "db.sqlite3")
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS outbox_probe (x);"
        )  # any database: the run must stop before touching it
        engine = SyncEngine(Outbox(conn), lambda _p: None, process_lock=ProcessLock(lock_path))
        report = engine.run()
        assert report.status == "busy" and "another Cartable process" in report.detail
        assert not engine.running  # the in-process lock was given back
    # The kernel released the dead holder's lock: the next run may go.
    again = ProcessLock(lock_path)
    assert again.acquire()
    again.release()
