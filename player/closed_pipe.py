"""A command's output read by a reader that stopped (`cartable records stats | head -6`): not
an error. Python ignores SIGPIPE, so the next write raised BrokenPipeError, which the commands'
`except OSError` said as "cartable: [Errno 32] Broken pipe" (exit 1); and a flush of stdout's
buffer at the interpreter's exit said "Exception ignored ... BrokenPipeError" (exit 120).

`cartable` and `cartable-pack` both end here (their entry points), quietly, with 141: what a
shell reports for a program SIGPIPE stopped (128 + 13), as `seq 100000 | head -1` is, so that
`set -o pipefail` scripts see what they see of any other tool. Plain Python, no Qt."""

from __future__ import annotations

import os
import sys

#: 128 + SIGPIPE (13), as a shell reports a program the signal stopped.
CLOSED_PIPE_EXIT = 141


def flushed(code: int) -> int:
    """`code` once stdout's buffer is written; CLOSED_PIPE_EXIT when its reader had gone."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return closed_output()
    return code


def closed_output() -> int:
    """The reader of stdout has gone: stdout writes to the null device from here (Python's
    advice), so that the interpreter's last flush at exit, with what is still buffered, raises
    nothing; CLOSED_PIPE_EXIT."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file behind stdout (a test's, closed)
        pass
    return CLOSED_PIPE_EXIT
