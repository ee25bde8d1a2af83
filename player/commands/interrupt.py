"""Ctrl+C seen by every thread at once: an event set from the signal's C handler.

Python raises KeyboardInterrupt in the main thread only when it runs Python code again, and only
a main thread blocked in a system call that the signal interrupts (EINTR) gets there. The signal
is lost for as long as that call waits when the kernel hands it to another thread (POSIX lets it
pick any thread not blocking it) or when it lands on the main thread between Python's last look
at its signals and the start of the wait (a preemption there): `cartable sync` then stayed in its
request's recv for the whole read timeout. The wakeup fd is written by the C handler whichever
thread runs it, so a thread reading it turns the Ctrl+C into an event that the requests' stop
watches (sync/http_stop.py shuts their sockets, which ends the wait: the main thread then raises
its KeyboardInterrupt)."""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def interrupt_sets(event: threading.Event) -> Iterator[threading.Event]:
    """Within the block, a SIGINT sets `event` as soon as it arrives, and a block it ended
    without an exception (its waits stopped by `event`) raises KeyboardInterrupt. A no-op off the
    main thread (set_wakeup_fd's rule) and when SIGINT has no Python handler (ignored)."""
    if threading.current_thread() is not threading.main_thread() or not callable(
        signal.getsignal(signal.SIGINT)
    ):
        yield event
        return
    reader, writer = socket.socketpair()
    writer.setblocking(False)  # set_wakeup_fd's rule: the C handler must never block
    came = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(reader, (came, event)), name="sigint-watch", daemon=True
    )
    watcher.start()
    previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield event
    finally:
        signal.set_wakeup_fd(previous)
        writer.close()  # the watcher reads the end of the stream and returns
        watcher.join()
        reader.close()
    if came.is_set():  # Python's handler has raised by now; this only makes the exit certain
        raise KeyboardInterrupt


def _watch(reader: socket.socket, events: tuple[threading.Event, ...]) -> None:
    """Set `events` at each SIGINT byte the C handler writes; return at the end of the stream
    (the block is over)."""
    while data := reader.recv(64):
        if signal.SIGINT in data:
            for event in events:
                event.set()
