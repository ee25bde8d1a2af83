"""An LRS that misbehaves on purpose, for the tests of quitting mid-sync: a stdlib socket server
that reads a request and then, as its `mode` says, answers like an LRS ("answer": 200 and the
ids), never answers ("stall": the connection stays open, silent) or trickles bytes ("trickle":
a status line, then one header byte every 0.2 s, so a read timeout between two bytes never
ends the request), over TLS when given a server context. `release` frees every held connection;
`stop()` at the end of a test."""

from __future__ import annotations

import json
import socketserver
import ssl
import threading
from typing import Literal

Mode = Literal["answer", "stall", "trickle"]


class _Handler(socketserver.StreamRequestHandler):
    server: SlowLrs

    def handle(self) -> None:
        lrs = self.server
        length = 0
        line = self.rfile.readline()
        while True:
            header = self.rfile.readline()
            if header in (b"\r\n", b"\n", b""):
                break
            name, _, value = header.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        body = self.rfile.read(length)
        with lrs.lock:
            lrs.requests.append((line.decode("latin-1").strip(), body))
        if not line.strip():  # a connection that sent nothing (a reachability probe)
            return
        lrs.arrived.set()
        if lrs.mode == "stall":
            lrs.release.wait()
            return
        if lrs.mode == "trickle":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not lrs.release.wait(0.2):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:  # the client went away
                    lrs.dropped.set()
                    return
            return
        ids = [s["id"] for s in json.loads(body)] if body.startswith(b"[") else []
        with lrs.lock:
            lrs.answered.update(ids)
        answer = json.dumps(ids).encode()
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(answer)}\r\nConnection: close\r\n\r\n".encode()
            + answer
        )


class SlowLrs(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: Mode, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.scheme = "http" if tls is None else "https"
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.mode: Mode = mode
        self.lock = threading.Lock()
        self.requests: list[tuple[str, bytes]] = []
        self.answered: set[str] = set()  # ids of the statements it answered 200 for
        self.arrived = threading.Event()  # a request was read whole (held now, or answered)
        self.release = threading.Event()
        self.dropped = threading.Event()  # a client went away from a trickle before its release
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def url(self, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}/xAPI/"

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()
