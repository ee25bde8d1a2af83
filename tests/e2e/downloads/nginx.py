"""A real nginx (Debian's) serving a repository folder on 127.0.0.1, with its own config.

Used by the download tests and by `benchmarks/download.py`. The access log records each
response's `$bytes_sent` and `$body_bytes_sent`, so a test counts exactly what the server sent.
"""

from __future__ import annotations

import os
import pwd
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests import children

NGINX = Path("/usr/sbin/nginx")
INSTALL_HINT = "install Debian's nginx (apt-get install nginx-light, or nginx)"

CONF = """\
{user}
worker_processes 1;
daemon off;
master_process on;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    default_type application/octet-stream;
    types {{ application/json json; }}
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    etag on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format counted '$request_method $uri $status $bytes_sent $body_bytes_sent '
                       '"$http_range" "$http_if_range" "$http_if_none_match"';
    access_log {prefix}/access.log counted;
    server {{
        listen 127.0.0.1:{port}{listen_options};
        root {root};
        location / {{ {limit_rate} }}
    }}
}}
"""


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    uri: str
    status: int
    bytes_sent: int
    body_bytes_sent: int
    range: str
    if_range: str
    if_none_match: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Nginx:
    """One nginx master + worker started as the current user; `stop()` ends it."""

    def __init__(
        self,
        root: Path,
        prefix: Path,
        sndbuf: int | None = None,
        limit_rate: int | None = None,
    ) -> None:
        """`limit_rate` (bytes/s per connection) makes nginx the bottleneck, like a slow link;
        `sndbuf` bounds what nginx may queue in its socket (it counts that as sent)."""
        if not NGINX.exists():
            raise RuntimeError(f"{NGINX} not found: {INSTALL_HINT}")
        self.root = root
        self.prefix = prefix
        self.port = free_port()
        prefix.mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:  # workers would drop to nobody and fail to read a private tmp dir
            name = pwd.getpwuid(os.getuid()).pw_name
            group = os.getgid()
            user = f"user {name} {_group_name(group)};"
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(
            CONF.format(
                user=user,
                prefix=prefix,
                port=self.port,
                root=root,
                listen_options=f" sndbuf={sndbuf}" if sndbuf else "",
                limit_rate=f"limit_rate {limit_rate};" if limit_rate else "",
            )
        )
        self.log = prefix / "access.log"
        self.stderr = (prefix / "stderr.log").open("wb")
        self.process: subprocess.Popen[bytes] = children.popen(
            [str(NGINX), "-c", str(self.conf), "-p", str(prefix), "-e", str(prefix / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )
        self._wait_ready()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited at start: {self._errors()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not listen on {self.port}: {self._errors()}")

    def _errors(self) -> str:
        text = ""
        for name in ("error.log", "stderr.log"):
            path = self.prefix / name
            if path.exists():
                text += path.read_text(errors="replace")
        return text.strip()[-2000:]

    def requests(self) -> list[LoggedRequest]:
        """Every logged response so far (nginx writes a line when a response ends)."""
        if not self.log.exists():
            return []
        entries = []
        for line in self.log.read_text().splitlines():
            head, _, quoted = line.partition(' "')
            method, uri, status, sent, body = head.split()
            fields = ('"' + quoted).split('" "')
            fields = [f.strip('"').replace("\\x22", '"') for f in fields]
            entries.append(
                LoggedRequest(method, uri, int(status), int(sent), int(body), *fields[:3])
            )
        return entries

    def body_bytes(self, uri_prefix: str = "/blobs/") -> int:
        return sum(r.body_bytes_sent for r in self.requests() if r.uri.startswith(uri_prefix))

    def settle(self, expected_requests: int | None = None, timeout: float = 10.0) -> None:
        """Wait for nginx to log the responses of dropped connections (logged on close)."""
        deadline = time.monotonic() + timeout
        last = -1
        while time.monotonic() < deadline:
            count = len(self.requests())
            if expected_requests is not None and count >= expected_requests:
                return
            if expected_requests is None and count == last:
                return
            last = count
            time.sleep(0.2)

    def stop(self) -> None:
        children.stop(self.process, grace=10)  # SIGTERM: fast shutdown of master and workers
        self.stderr.close()


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name
