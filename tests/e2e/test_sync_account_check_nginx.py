"""An answer no LRS gives never confirms an account (review r5 #1), against a real nginx.

The learner types http:// where the institution's nginx serves TLS on that port: nginx answers
400 "The plain HTTP request was sent to HTTPS port", a web page, without reading the
credentials. The account check (sync.lrs.LrsClient.check_account) took any 400 as "the LRS took
the account": `cartable sync --once` said so, exited 0, wrote a success date and "confirmed",
and the status bar said "Up to date", with a wrong password. Only a 400/422 with a JSON body (an
LRS's own refusal of the empty batch, Ralph's {"detail": ...}) confirms it.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from player.__main__ import main
from player.player_sync import STATUS_FILE, PlayerSync
from tests.e2e.sync_support import make_learner

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path("/usr/sbin/nginx").exists() or shutil.which("openssl") is None,
        reason="needs nginx and openssl",
    ),
]

CONF = """
worker_processes 1;
daemon off;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {p}/cb; proxy_temp_path {p}/px; fastcgi_temp_path {p}/fc;
    uwsgi_temp_path {p}/uw; scgi_temp_path {p}/sc;
    access_log {p}/access.log;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {p}/cert.pem; ssl_certificate_key {p}/key.pem;
        location / {{ return 204; }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_tls_nginx(prefix: Path) -> tuple[subprocess.Popen[bytes], int]:
    """nginx serving TLS only on a loopback port (a self-signed certificate)."""
    prefix.mkdir()
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(prefix / "key.pem")),
            *("-out", str(prefix / "cert.pem")),
        ],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    (prefix / "nginx.conf").write_text(CONF.format(p=prefix, port=port))
    nginx = subprocess.Popen(
        [
            *("/usr/sbin/nginx", "-c", str(prefix / "nginx.conf"), "-p", str(prefix)),
            *("-e", str(prefix / "error.log")),
        ],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return nginx, port
        except OSError:
            if time.monotonic() > deadline or nginx.poll() is not None:
                nginx.kill()
                raise
            time.sleep(0.05)


def test_a_plain_http_request_to_a_tls_port_does_not_confirm_the_account(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    nginx, port = _start_tls_nginx(tmp_path / "nginx")
    try:
        learner = make_learner(
            tmp_path / "home", f"http://127.0.0.1:{port}/xAPI/", "amelie", "wrong password"
        )
        monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
        try:
            code = main(["sync", "--once"])
            out = capsys.readouterr().out
            access = (tmp_path / "nginx" / "access.log").read_text()
            assert '"POST /xAPI/statements HTTP/1.1" 400' in access  # nginx's page, as said
            status_path = learner.context.paths.data / STATUS_FILE
            status = json.loads(status_path.read_text()) if status_path.exists() else {}
            sync = PlayerSync.open(learner.context, learner.store)
            try:
                confirmed = sync.confirmed(learner.profile.id)
                last = sync.last_success(learner.profile.id)
            finally:
                sync.close()
            assert not confirmed and last is None, (out, status)
            assert code == 3, out
            assert "account not confirmed" in out and "is the address right?" in out, out
            assert "plain HTTP request was sent to HTTPS port" in out, out
        finally:
            learner.close()
    finally:
        nginx.terminate()
        nginx.wait(10)
