"""Finding the computers that share courses on this network, so a learner need not type the
address written on the board (docs/downloads.md, "Sharing courses on a local network").

A UDP protocol of our own, on the share's usual port (8475; UDP and TCP ports are separate, so
the share's HTTP server is untouched). A seeker broadcasts `REQUEST` (a versioned line padded
to `REQUEST_SIZE`) and collects answers for `SEEK_SECONDS`; a sharing computer answers each
valid request with a small UTF-8 JSON object: the protocol version, the share's HTTP port, a
name to show (its host name) and how many courses it shares. The address is not in the answer:
the seeker takes the datagram's source, the address that reached it.

A lab's network carries broken and hostile senders too, so the responder answers only a request
of exactly `REQUEST_SIZE` bytes and of our version (anything else is ignored, unanswered), its
answer is never larger than the request (a spoofed source gains no amplification), and it
answers each sender at most `_BURST` times in a row, then `_REFILL_PER_S` times a second.

Nothing here imports the player (sync never does), nor anything outside the standard library.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import ipaddress
import json
import logging
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sync.share_port import DEFAULT_PORT, port_in_use, wake_host

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
DISCOVERY_PORT = DEFAULT_PORT
"""UDP: the share's default TCP port. Always this one, even when the share's HTTP server fell
back to another port: the answer says which."""
REQUEST_SIZE = 128
_MAGIC = b"CARTABLE-DISCOVER "
REQUEST = (_MAGIC + str(PROTOCOL_VERSION).encode() + b"\n").ljust(REQUEST_SIZE, b"\0")
MAX_REPLY_BYTES = REQUEST_SIZE
"""No amplification: an answer is at most the size of the request it answers."""
SEEK_SECONDS = 1.5
RESEND_AFTER_S = 0.5
"""The request goes out twice (a datagram may be lost on Wi-Fi): at once and after this."""
LIMITED_BROADCAST = "255.255.255.255"
MAX_NAME_CHARS = 63
"""A host name's first label is at most 63 characters."""

_BURST = 8
"""Answers in a row to one sender: a seeker sends twice to up to a few broadcast addresses."""
_REFILL_PER_S = 2.0
_MAX_SENDERS = 1024
_POLL_S = 0.5
_RECV_BYTES = 2048


class DiscoveryFault(enum.StrEnum):
    """Why the search, or answering it, cannot work, for the player to say in the learner's
    language (the English line, with the system's words, is for the log and support)."""

    NO_NETWORK = "no_network"
    """Nowhere to send: no network connected, none reachable."""
    REFUSED = "refused"
    """The system, or a firewall or security policy, forbids it (permission denied)."""
    PORT_IN_USE = "port_in_use"
    """Answering: another program (another Cartable sharing) listens on the UDP port."""
    UNAVAILABLE = "unavailable"
    """Anything else the system says (no socket to be had: too many open files...)."""


_NO_NETWORK = {
    getattr(errno, name)
    for name in (
        "ENETUNREACH",
        "ENETDOWN",
        "EHOSTUNREACH",
        "EADDRNOTAVAIL",
        "ENODEV",
        "WSAENETUNREACH",
        "WSAENETDOWN",
        "WSAEHOSTUNREACH",
        "WSAEADDRNOTAVAIL",
    )
    if hasattr(errno, name)
}
_REFUSED = {
    getattr(errno, name) for name in ("EACCES", "EPERM", "WSAEACCES") if hasattr(errno, name)
}


def system_fault(exc: OSError) -> DiscoveryFault:
    """The kind of what the system said, by its errno (Windows: its WSA codes too)."""
    if exc.errno in _NO_NETWORK:
        return DiscoveryFault.NO_NETWORK
    if exc.errno in _REFUSED:
        return DiscoveryFault.REFUSED
    return DiscoveryFault.UNAVAILABLE


class DiscoveryError(Exception):
    """The search, or answering it, cannot work on this computer now: `str()` is one line, in
    English, why; `fault` its kind."""

    def __init__(self, message: str, fault: DiscoveryFault) -> None:
        super().__init__(message)
        self.fault = fault


@dataclass(frozen=True)
class FoundShare:
    """A computer that answered: what `cartable catalogs add` takes is `url`."""

    address: str
    """Where its answer came from (IPv4)."""
    port: int
    """Its share's HTTP port."""
    name: str
    courses: int

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}/"


@dataclass(frozen=True)
class Announcement:
    """What a sharing computer says of itself."""

    name: str
    courses: int
    port: int
    """The share's HTTP port."""

    def encode(self) -> bytes:
        """The answer's bytes, at most MAX_REPLY_BYTES: a long name is shortened to fit."""
        name = _clean_name(self.name)
        while True:
            data = json.dumps(
                {
                    "cartable": PROTOCOL_VERSION,
                    "port": self.port,
                    "courses": self.courses,
                    "name": name,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            if len(data) <= MAX_REPLY_BYTES:
                return data
            if not name:
                raise ValueError(f"unusable announcement {self!r}")
            name = name[:-1]


@dataclass(frozen=True)
class DiscoveryOptions:
    """How a share answers the search: its name and course count, on which UDP port."""

    name: str
    courses: int
    port: int = DISCOVERY_PORT


def request_version(data: bytes) -> int | None:
    """The protocol version a datagram asks for, or None when it is no request of ours."""
    if len(data) != REQUEST_SIZE or not data.startswith(_MAGIC):
        return None
    line, newline, padding = data[len(_MAGIC) :].partition(b"\n")
    if not newline or padding.strip(b"\0") or not 1 <= len(line) <= 4 or not line.isdigit():
        return None
    return int(line)


def parse_reply(data: bytes, address: str) -> FoundShare | None:
    """The share an answer from `address` describes, or None when it is not a valid answer."""
    if len(data) > MAX_REPLY_BYTES:
        return None
    try:
        ipaddress.IPv4Address(address)
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("cartable") != PROTOCOL_VERSION:
        return None
    port, courses, name = value.get("port"), value.get("courses"), value.get("name")
    if not (_integer(port) and 1 <= port <= 65535 and _integer(courses) and courses >= 0):
        return None
    if not isinstance(name, str):
        return None
    return FoundShare(address, port, _clean_name(name) or address, courses)


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clean_name(name: str) -> str:
    """A name fit for one line: printable characters only, at most MAX_NAME_CHARS."""
    return "".join(c for c in name if c.isprintable()).strip()[:MAX_NAME_CHARS]


def broadcast_addresses() -> list[str]:
    """Where a search goes: the limited broadcast (which many systems send out of one interface
    only), then each interface's own broadcast address where the standard library can read it
    cheaply (Linux); elsewhere the limited broadcast only."""
    found = [LIMITED_BROADCAST]
    for address in interface_broadcasts():
        if address not in found:
            found.append(address)
    return found


# Linux <linux/sockios.h>, <net/if.h>
_SIOCGIFFLAGS = 0x8913
_SIOCGIFBRDADDR = 0x8919
_IFF_UP, _IFF_BROADCAST, _IFF_LOOPBACK = 0x1, 0x2, 0x8


def interface_broadcasts() -> list[str]:
    """The broadcast addresses of the interfaces that are up (Linux only; empty elsewhere)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl

    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                flags = struct.unpack("H", fcntl.ioctl(s.fileno(), _SIOCGIFFLAGS, request)[16:18])
                if flags[0] & (_IFF_UP | _IFF_BROADCAST | _IFF_LOOPBACK) != (
                    _IFF_UP | _IFF_BROADCAST
                ):
                    continue
                answer = fcntl.ioctl(s.fileno(), _SIOCGIFBRDADDR, request)
            except OSError:
                continue  # no IPv4 address on it
            address = socket.inet_ntoa(answer[20:24])
            if address != "0.0.0.0" and address not in found:
                found.append(address)
    return found


def seek(
    targets: Sequence[tuple[str, int]] | None = None,
    *,
    timeout: float = SEEK_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> list[FoundShare]:
    """The shares that answer within `timeout` seconds, by name, each once. `targets` (address,
    UDP port) default to every broadcast address on DISCOVERY_PORT. Raises DiscoveryError when
    the request cannot go anywhere (no network)."""
    if targets is None:
        targets = [(address, DISCOVERY_PORT) for address in broadcast_addresses()]
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    except OSError as exc:
        raise _search_error(exc) from None
    found: dict[tuple[str, int], FoundShare] = {}
    with sock:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            sock.bind(("", 0))
        except OSError as exc:
            raise _search_error(exc) from None
        _send(sock, targets)
        started = clock()
        resend = started + RESEND_AFTER_S
        deadline = started + timeout
        while (now := clock()) < deadline:
            if resend is not None and now >= resend:
                resend = None
                with contextlib.suppress(DiscoveryError):
                    _send(sock, targets)
            sock.settimeout(max(0.01, min(deadline, resend or deadline) - now))
            try:
                data, source = sock.recvfrom(_RECV_BYTES)
            except TimeoutError:
                continue
            except OSError:  # an ICMP "port unreachable" reported on this socket (Windows)
                continue
            share = parse_reply(data, str(source[0]))
            if share is not None:
                found.setdefault((share.address, share.port), share)
    return sorted(found.values(), key=lambda s: (s.name.casefold(), s.address, s.port))


def _send(sock: socket.socket, targets: Sequence[tuple[str, int]]) -> None:
    """The request to every target; DiscoveryError when it reached none."""
    failure: OSError | None = None
    sent = 0
    for target in targets:
        try:
            sock.sendto(REQUEST, target)
            sent += 1
        except OSError as exc:  # this network is down, that address unroutable
            log.debug("discovery: cannot send to %s: %s", target, exc)
            failure = exc
    if failure is not None and not sent:
        raise _search_error(failure)
    if not sent:
        raise DiscoveryError("cannot search the network: nowhere to ask", DiscoveryFault.NO_NETWORK)


def _search_error(exc: OSError) -> DiscoveryError:
    return DiscoveryError(f"cannot search the network: {exc.strerror or exc}", system_fault(exc))


class _SenderLimits:
    """A token bucket per sender's address, in a bounded table."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, when)

    def allow(self, address: str) -> bool:
        now = self._clock()
        tokens, when = self._buckets.get(address, (float(_BURST), now))
        tokens = min(float(_BURST), tokens + (now - when) * _REFILL_PER_S)
        if address not in self._buckets and len(self._buckets) >= _MAX_SENDERS:
            full_after = _BURST / _REFILL_PER_S  # a sender quiet this long is a fresh one
            self._buckets = {a: b for a, b in self._buckets.items() if now - b[1] < full_after}
            if len(self._buckets) >= _MAX_SENDERS:
                return False
        if tokens < 1:
            self._buckets[address] = (tokens, now)
            return False
        self._buckets[address] = (tokens - 1, now)
        return True


class DiscoveryResponder:
    """Answers the search with `announcement` from `start` to `stop`. Binds when made, so a port
    in use is known at once (DiscoveryError, one line); a share goes on without it."""

    def __init__(
        self,
        announcement: Announcement,
        *,
        host: str = "0.0.0.0",
        port: int = DISCOVERY_PORT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.reply = announcement.encode()
        self.host = host
        self._limits = _SenderLimits(clock)
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        except OSError as exc:
            raise DiscoveryError(
                f"cannot answer searches: {exc.strerror or exc}", system_fault(exc)
            ) from None
        try:
            sock.bind((host, port))
        except OSError as exc:
            sock.close()
            if port_in_use(exc):
                raise DiscoveryError(
                    f"UDP port {port} is in use (another program, or another Cartable sharing)",
                    DiscoveryFault.PORT_IN_USE,
                ) from None
            raise DiscoveryError(
                f"cannot listen on UDP port {port}: {exc.strerror or exc}", system_fault(exc)
            ) from None
        sock.settimeout(_POLL_S)
        self._socket = sock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._socket.getsockname()[1])

    def start(self) -> DiscoveryResponder:
        if self._thread is not None or self._stop.is_set():
            raise RuntimeError("the responder is already answering, or stopped")
        self._thread = threading.Thread(target=self._serve, name="share-discovery", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering and free the port (also when never started)."""
        self._stop.set()
        if self._thread is not None:
            with contextlib.suppress(OSError):  # wakes the loop now rather than at its next poll
                self._socket.sendto(b"", (wake_host(self.host), self.port))
            self._thread.join()
            self._thread = None
        self._socket.close()

    def answer(self, data: bytes, sender: tuple[str, int]) -> bool:
        """Answer one datagram if it is a valid request and its sender is within its limit."""
        if request_version(data) != PROTOCOL_VERSION or not self._limits.allow(sender[0]):
            return False
        try:
            self._socket.sendto(self.reply, sender)
        except OSError as exc:
            log.debug("discovery: cannot answer %s: %s", sender, exc)
            return False
        return True

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                data, sender = self._socket.recvfrom(REQUEST_SIZE + 1)  # longer: too long
            except TimeoutError:
                continue
            except OSError:  # an ICMP error from an earlier answer (Windows), a closed socket
                if self._stop.is_set():
                    return
                time.sleep(0.01)  # never a busy loop
                continue
            if not self._stop.is_set():
                self.answer(data, (str(sender[0]), int(sender[1])))
