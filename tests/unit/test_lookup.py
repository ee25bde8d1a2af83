"""Name lookups with a deadline (sync/lookup.py), and every HTTP client of sync through the
application's session (sync/http.py): a catalog fetch, the LRS client, plain HTTP and HTTPS
against real stdlib servers on 127.0.0.1, the name hung by a patched getaddrinfo."""

from __future__ import annotations

import datetime
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.catalog import CatalogError, fetch_catalog, read_repository_file
from sync.download_state import FailureKind
from sync.http import Timeouts, make_session
from sync.lookup import LOOKUPS, LookupStopped, LookupTimedOut, stop_waiting_when
from sync.lrs import BasicAuth, LrsClient, Outcome
from tests.guard import GUARD_S, guarded
from tests.hung_dns import HUNG, HungDns, hung_dns  # noqa: F401 (a fixture)


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


#: The connect timeout a hung name lookup must end at; the read timeout is the wrong one it
#: might take instead, an hour here: a lookup that took it fails the guard (tests/guard.py).
QUICK = Timeouts(connect=0.3, read=3600.0)


def quick() -> requests.Session:
    return make_session("test", timeouts=QUICK)


# -- the helper -----------------------------------------------------------------------------------


def test_a_hung_lookup_ends_at_its_deadline_and_a_retry_joins_it(hung_dns: HungDns) -> None:  # noqa: F811
    # Its deadline ends it: the name never answers until released (below), and never is the
    # guard's to catch.
    with pytest.raises(LookupTimedOut, match=f"^name lookup timed out: no answer for {HUNG} wi"):
        guarded(lambda: LOOKUPS.resolve(HUNG, 80, timeout=0.2), "the lookup")
    assert not hung_dns.release.is_set() and hung_dns.calls == 1
    for _ in range(5):  # retries with backoff: the same thread, not one more each
        with pytest.raises(LookupTimedOut):
            LOOKUPS.resolve(HUNG, 80, timeout=0.05)
    assert (hung_dns.calls, LOOKUPS.running()) == (1, 1)
    hung_dns.release.set()  # a late answer serves whoever asks next, and the thread ends
    assert LOOKUPS.resolve(HUNG, 80, timeout=5)[0][4][0] == "127.0.0.1"
    hung_dns.settle()


def test_a_stop_ends_the_wait_at_once_whatever_the_deadline(hung_dns: HungDns) -> None:  # noqa: F811
    # The stop comes once the lookup hangs, and its deadline is an hour: only the stop ends it.
    stopped = threading.Event()
    threading.Thread(
        target=lambda: hung_dns.entered.wait(GUARD_S) and stopped.set(), daemon=True
    ).start()

    def resolve() -> None:
        with stop_waiting_when(stopped.is_set), pytest.raises(LookupStopped):
            LOOKUPS.resolve(HUNG, 80, timeout=3600)

    guarded(resolve, "the lookup")
    assert stopped.is_set() and not hung_dns.release.is_set()


def test_a_numeric_address_is_not_looked_up_on_a_thread(
    hung_dns: HungDns,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    callers: list[threading.Thread] = []

    def recording(*args: object, **kwargs: object) -> object:
        callers.append(threading.current_thread())
        return hung_dns(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recording)
    assert LOOKUPS.resolve("127.0.0.1", 80)[0][4][:2] == ("127.0.0.1", 80)
    assert LOOKUPS.resolve("::1", 80)[0][4][:2] == ("::1", 80)
    assert callers == [threading.current_thread()] * 2
    hung_dns.release.set()
    LOOKUPS.resolve(HUNG, 80)
    assert callers[-1] is not threading.current_thread()


# -- through the session: plain requests, a catalog, the LRS --------------------------------------


def test_a_request_to_a_hung_name_is_a_connect_timeout_naming_the_lookup(
    server: ThreadingHTTPServer,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    url = f"http://{HUNG}:{server.server_port}/x"
    with quick() as session:
        with pytest.raises(requests.ConnectTimeout, match="name lookup timed out"):
            guarded(lambda: session.get(url), "the request")  # the connect's 0.3 s, not an hour
        hung_dns.release.set()  # the name answers: the same session reaches the server
        assert session.get(url).json() == {"ok": True}


def test_a_catalog_fetch_and_a_repository_file_fail_in_words_within_the_timeout(
    tmp_path: Path,
    server: ThreadingHTTPServer,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    source = f"http://{HUNG}:{server.server_port}/"
    reason = f"name lookup timed out: no answer for {HUNG} within 0.3 s"
    with quick() as session:  # the connect timeouts end them, not the read's hour (the guard)
        with pytest.raises(CatalogError) as caught:
            guarded(lambda: fetch_catalog(source, tmp_path, session, timeout=(0.3, 3600.0)))
        assert str(caught.value) == f"cannot reach {source}catalog.json: {reason}"
        assert caught.value.kind is FailureKind.NETWORK
        with pytest.raises(CatalogError, match=f"^cannot reach {source}m.json: {reason}$"):
            guarded(lambda: read_repository_file(source, "m.json", session, timeout=(0.3, 3600.0)))
    assert hung_dns.calls == 1 and not hung_dns.release.is_set()


def test_the_lrs_client_retries_a_hung_name_within_the_connect_timeout(
    server: ThreadingHTTPServer,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    endpoint = f"http://{HUNG}:{server.server_port}/xAPI/"
    with quick() as session:
        client = LrsClient(endpoint, BasicAuth("learner", "secret"), session)
        # The connect's 0.3 s ends it, not the read's hour (the guard).
        result = guarded(lambda: client.post_statements([b'{"id": "x"}']), "the post")
    assert result.outcome is Outcome.RETRY
    assert result.answer == f"name lookup timed out: no answer for {HUNG} within 0.3 s"


# -- TLS still checks the name, not the address connected to --------------------------------------


def _certificate(tmp_path: Path, name: str) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_https_sends_the_name_and_checks_the_certificate_against_it(
    tmp_path: Path,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    """The name is looked up by hand, but TLS still gets the name: SNI and the host check."""
    cert_file, key_file = _certificate(tmp_path, HUNG)
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    hung_dns.names.add("other.test")
    hung_dns.release.set()  # both names answer at once, with 127.0.0.1
    try:
        with quick() as session:
            trust = str(cert_file)  # per request: REQUESTS_CA_BUNDLE beats session.verify
            ok = session.get(f"https://{HUNG}:{httpd.server_port}/", verify=trust)
            assert ok.json() == {"ok": True}
            assert names == [HUNG]
            with pytest.raises(requests.exceptions.SSLError, match="Hostname mismatch"):
                session.get(f"https://other.test:{httpd.server_port}/", verify=trust)
    finally:
        httpd.shutdown()
        httpd.server_close()
