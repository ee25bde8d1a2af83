"""Malformed catalog addresses (an unclosed IPv6 bracket, a port past 65535 or not a number, no
host) at every entry that takes one: one line naming the address, never urlsplit's bare
ValueError nor a traceback, and nothing saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from player.__main__ import main
from player.commands.download import PlayerDownloads
from player.context import open_context
from player.paths import user_paths
from sync.catalog import CatalogError, fetch_catalog, read_repository_file

MALFORMED = [
    "http://[::1/",  # urlsplit: "Invalid IPv6 URL"
    "http://127.0.0.1:99999/",
    "https://cours.example.org:abc/depot/",
    "http://[::1]:99999/catalog.json",
    "http://:8475/",  # no host
]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "ValueError" not in out + err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("address", MALFORMED)
def test_fetching_from_a_malformed_address_is_a_catalog_error_naming_it(
    address: str, tmp_path: Path
) -> None:
    with requests.Session() as session:
        with pytest.raises(CatalogError) as fetched:
            fetch_catalog(address, tmp_path / "cache", session, timeout=(2.0, 2.0))
        with pytest.raises(CatalogError) as read:
            read_repository_file(address, "courses/maths/course.json", session)
    for raised in (fetched, read):
        message = str(raised.value)
        assert f"{address!r} is not a valid URL (" in message and "\n" not in message
    assert not (tmp_path / "cache").exists()  # refused before any request or offline copy


@pytest.mark.parametrize("address", MALFORMED)
@pytest.mark.parametrize(
    "command",
    [("catalogs", "add"), ("catalogs", "courses", "--catalog"), ("download", "maths", "--catalog")],
)
def test_a_command_given_a_malformed_address_names_it_on_one_line(
    home: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...], address: str
) -> None:
    assert main([*command, address]) == 1
    line = one_line(capsys)
    assert line.startswith("cartable: ") and address in line, line
    assert "not a valid URL" in line or "not a complete URL (no host)" in line, line
    assert main(["catalogs", "list"]) == 0
    assert capsys.readouterr().out.startswith("no catalog;")  # nothing saved


def test_a_malformed_address_already_in_the_settings_is_named_and_can_be_removed(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cartable catalogs add` took "http://127.0.0.1:99999/" before it checked the address,
    and a settings file can be edited by hand: each is that catalog's one-line warning, the page
    says it cannot be used (no server was asked), and `catalogs remove` still removes it."""
    saved = ["http://[::1/", "http://127.0.0.1:99999/"]
    settings = user_paths().settings_file
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"catalogs": saved}), encoding="utf-8")
    assert main(["catalogs", "courses"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out == "no course in the catalogs\n"
    assert err.splitlines() == [
        f"cartable: warning: {saved[0]!r} is not a valid URL (Invalid IPv6 URL)",
        f"cartable: warning: {saved[1]!r} is not a valid URL (Port out of range 0-65535)",
    ]
    downloads = PlayerDownloads.open(open_context())
    try:
        listings = downloads.catalogs.fetch(downloads.session)
    finally:
        downloads.close()
    assert [(listing.result, listing.error_kind) for listing in listings] == [(None, None)] * 2
    for address in saved:
        assert main(["catalogs", "remove", address]) == 0
        assert capsys.readouterr().out == f"removed {address}\n"
    assert json.loads(settings.read_text(encoding="utf-8"))["catalogs"] == []
