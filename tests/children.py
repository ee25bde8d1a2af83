"""The processes tests start (`cartable`, `python -c`, servers): started the same however pytest
was, and ended whatever the test does.

- SIGINT is set back to its default before the child's program runs (GNU `env
  --default-signal`, an exec, no Python between fork and exec): pytest started with SIGINT
  ignored (`nohup .ci/run &`, a non-interactive shell's background job) would pass SIG_IGN on,
  Python would then never raise KeyboardInterrupt and a Ctrl+C test would test the runner.
- Each child leads its own session, so it has no controlling terminal whether pytest had one or
  not, a Ctrl+C typed at pytest reaches pytest alone, and what it starts can be killed with it.
- `started` ends what still runs when its block ends (a failed assertion, a timeout): SIGTERM,
  then SIGKILL to its group after a grace. A leftover `cartable share` held its TCP port and
  UDP 8475 and failed the next run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

GRACE_S = 2.0
"""How long a child still running at the end of its block has between SIGTERM and SIGKILL."""

DEFAULT_SIGINT = ("env", "--default-signal=INT")


def popen(argv: Sequence[str | Path], **options: Any) -> subprocess.Popen[Any]:
    """subprocess.Popen with SIGINT at its default and a session of the child's own; end it with
    `stop` (or start it with `started`)."""
    return subprocess.Popen([*DEFAULT_SIGINT, *map(str, argv)], start_new_session=True, **options)


def stop(child: subprocess.Popen[Any], grace: float = GRACE_S) -> None:
    """SIGTERM `child` if it still runs, SIGKILL it and everything it started (its process group)
    after `grace` s, then reap it and close its pipes."""
    if child.poll() is None:
        child.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left in the group
        os.killpg(child.pid, signal.SIGKILL)
    child.kill()  # had it left its group; nothing when reaped already
    child.wait()
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()


@contextlib.contextmanager
def started(
    argv: Sequence[str | Path], *, grace: float = GRACE_S, **options: Any
) -> Iterator[subprocess.Popen[Any]]:
    """`popen`, and `stop` when the block ends, however it ends."""
    child = popen(argv, **options)
    try:
        yield child
    finally:
        stop(child, grace)
