"""`cartable catalogs add` refuses a catalog whose source answered with one no player can use
(not JSON, a manifest path leaving the repository, HTTP 404 or 410): one line naming the
problem, rc 1, nothing saved. It said `added … (not reachable now: … catalog is not JSON …)`,
rc 0, and kept it. No answer at all (a refused connection here) or an HTTP error that may be
for now (5xx from a proxy whose server is in maintenance, 408, 429, 403 from an intranet reached
from outside) still adds it unread, for offline use: those were refused too for a while."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from player.__main__ import main
from player.paths import user_paths
from tests.e2e.downloads.faultserver import FaultServer
from tests.e2e.downloads.nginx import Nginx
from tests.support import BuiltCourse, build_toy, refusing_port

HTML = "<html><head><title>Welcome to nginx!</title></head><body></body></html>\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


@pytest.fixture
def served(built: BuiltCourse, tmp_path: Path) -> Path:
    """good/: the toy repository; lie4/: its catalog replaced by a web page; lie5/: its
    catalog's manifest path leading out; empty/: no catalog.json (nginx answers 404)."""
    root = tmp_path / "www"
    shutil.copytree(built.repo, root / "good")
    shutil.copytree(built.repo, root / "lie4")
    (root / "lie4" / "catalog.json").write_text(HTML, encoding="utf-8")
    shutil.copytree(built.repo, root / "lie5")
    catalog = root / "lie5" / "catalog.json"
    document = json.loads(catalog.read_text(encoding="utf-8"))
    document["courses"][0]["manifest"] = "../../nginx/nginx.conf"
    catalog.write_text(json.dumps(document), encoding="utf-8")
    (root / "empty").mkdir()
    return root


def saved_catalogs() -> list[str]:
    settings = user_paths().settings_file
    if not settings.exists():
        return []
    return list(json.loads(settings.read_text(encoding="utf-8")).get("catalogs", []))


def refused(location: str, capsys: pytest.CaptureFixture[str], *words: str) -> None:
    assert main(["catalogs", "add", location]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("cartable: ") and line.endswith("; not added"), line
    assert "not reachable" not in line and "Traceback" not in line
    for word in words:
        assert word in line, line
    assert saved_catalogs() == []


def test_a_server_answering_with_an_unusable_catalog_is_refused(
    home: Path,
    served: Path,
    nginx_factory: Callable[..., Nginx],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = nginx_factory(served).url
    refused(f"{url}lie4/", capsys, f"{url}lie4/catalog.json: catalog is not JSON")
    refused(f"{url}lie5/", capsys, "$.courses[0].manifest: unsafe", "'../../nginx/nginx.conf'")
    refused(f"{url}empty/", capsys, f"{url}empty/catalog.json: server answered HTTP 404")
    assert main(["catalogs", "add", f"{url}good/"]) == 0
    assert capsys.readouterr().out == f"added {url}good/: 1 course\n"
    assert saved_catalogs() == [f"{url}good/"]


def test_a_folder_with_an_unusable_catalog_is_refused(
    home: Path, served: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(str(served / "lie4"), capsys, "catalog.json: catalog is not JSON")
    refused(str(served / "lie5"), capsys, "'../../nginx/nginx.conf'")
    assert main(["catalogs", "add", str(served / "good")]) == 0
    assert capsys.readouterr().out == f"added {served / 'good'}: 1 course\n"


def test_a_server_that_does_not_answer_is_added_for_later(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with refusing_port() as port:  # bound, not listening: the connection is refused
        url = f"http://127.0.0.1:{port}/"
        assert main(["catalogs", "add", url]) == 0
    out, err = capsys.readouterr()
    assert (out.startswith(f"added {url} (not reachable now: cannot reach "), err) == (True, "")
    assert saved_catalogs() == [url]


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408, 429, 403])
def test_a_server_answering_an_error_for_now_is_added_for_later(
    home: Path,
    served: Path,
    fault_factory: Callable[..., FaultServer],
    capsys: pytest.CaptureFixture[str],
    status: int,
) -> None:
    server = fault_factory(served / "good")
    server.answer("catalog.json", status)
    url = server.url
    assert main(["catalogs", "add", url]) == 0
    out, err = capsys.readouterr()
    line = f"{url}catalog.json: server answered HTTP {status}"
    assert (out, err) == (f"added {url} (not reachable now: {line})\n", "")
    assert saved_catalogs() == [url]
    assert [entry.status for entry in server.log] == [status]


@pytest.mark.parametrize("status", [404, 410])
def test_a_server_saying_no_catalog_is_there_is_refused(
    home: Path,
    served: Path,
    fault_factory: Callable[..., FaultServer],
    capsys: pytest.CaptureFixture[str],
    status: int,
) -> None:
    server = fault_factory(served / "good")
    server.answer("catalog.json", status)
    url = server.url
    refused(url, capsys, f"{url}catalog.json: server answered HTTP {status}")


def test_an_offline_copy_of_before_follows_the_same_rule(
    home: Path,
    served: Path,
    fault_factory: Callable[..., FaultServer],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A catalog added, removed, then added again while its server is in maintenance is added
    from the copy kept the first time; one whose server now says it is gone is refused."""
    server = fault_factory(served / "good")
    url = server.url
    assert main(["catalogs", "add", url]) == 0
    assert main(["catalogs", "remove", url]) == 0
    capsys.readouterr()
    server.answer("catalog.json", 503)
    assert main(["catalogs", "add", url]) == 0
    assert capsys.readouterr() == (f"added {url}: 1 course\n", "")
    assert main(["catalogs", "remove", url]) == 0
    capsys.readouterr()
    server.answer("catalog.json", 410)
    refused(url, capsys, f"{url}catalog.json: server answered HTTP 410")
