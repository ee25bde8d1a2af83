"""The file-system and HTTP details under the download engine: where blobs and parts live,
durability (boot id, directory fsync), backoff, HTTP header readings, socket buffer sizing."""

from __future__ import annotations

import contextlib
import random
import socket
import time
import weakref
from pathlib import Path
from typing import ClassVar

import requests
import urllib3

from sync.http import Timeouts
from sync.request_failure import failure_line, unworded_line

MiB = 1024 * 1024


def blob_path(root: Path, sha256: str) -> Path:
    return root / "sha256" / sha256[:2] / sha256


def part_path(root: Path, sha256: str) -> Path:
    return root / ".partial" / f"{sha256}.part"


def boot_id() -> str | None:
    """An identifier of the current boot: parts written before a reboot are cut back to their
    last fsynced length. None when unknown (then every restart is treated as a reboot)."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip() or None
    except OSError:
        pass
    # Elsewhere: boot time to the minute, from the wall clock minus the (since-boot) monotonic
    # clock. A clock jump between two runs makes it look like a reboot: safe, just slower.
    try:
        return "t" + str(round((time.time() - time.monotonic()) / 60))
    except OSError:
        return None


class ReceiveBuffer:
    """Sizes the socket's receive buffer to the bandwidth cap.

    Reading slowly is how a cap reaches the sender (TCP flow control), but Linux grows a receive
    buffer to several MB on a fast path, so the sender would burst that much past the cap, and
    a dropped connection would lose it. Under a cap each connection gets one second of its share
    of the rate (enough for a 1 s round trip, the worst satellite link), and a generous fixed
    buffer again when the cap is lifted (once set, the kernel no longer autotunes it). Linux
    doubles the value asked for (bookkeeping), hence the halving.
    """

    UNCAPPED = 4 * MiB
    MINIMUM = 16 * 1024

    _touched: ClassVar[weakref.WeakSet[socket.socket]] = weakref.WeakSet()

    def __init__(self, raw: urllib3.HTTPResponse, parallel: int) -> None:
        connection = getattr(raw, "connection", None)
        self.sock: socket.socket | None = getattr(connection, "sock", None)
        self.parallel = max(1, parallel)

    def fit(self, rate: float) -> None:
        sock = self.sock
        if sock is None:
            return
        if rate > 0:
            size = int(max(self.MINIMUM, min(self.UNCAPPED, rate / self.parallel))) // 2
        elif sock in self._touched:
            size = self.UNCAPPED
        else:
            return  # never capped: leave the kernel's autotuning alone
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, size)
            self._touched.add(sock)


def backoff(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: a random delay in [d/2, d], d = min(cap, base*2^(n-1))."""
    ceiling = min(cap, base * 2 ** max(0, attempt - 1))
    return random.uniform(ceiling / 2, ceiling)


def range_validator(response: requests.Response) -> str | None:
    """What If-Range may carry: a strong ETag, else Last-Modified (weak ETags are not allowed)."""
    etag = response.headers.get("ETag")
    if etag and not etag.startswith("W/"):
        return etag
    return response.headers.get("Last-Modified")


def network_reason(exc: BaseException, url: str, timeouts: Timeouts | None) -> str:
    """Why a blob's request or body read failed: the line a catalog fetch and an LRS send say it
    with (sync.request_failure), or, for a body read that fell silent, what a stall says."""
    line = failure_line(exc, url, timeouts)
    if line is not None:
        return line
    if isinstance(exc, requests.Timeout | urllib3.exceptions.ReadTimeoutError | TimeoutError):
        return "timed out (no data)"  # as `Stalled` says it: either may fire first
    return unworded_line(exc)


def human_bytes(nbytes: int) -> str:
    value = float(nbytes)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"
