"""Hostile branding files and catalogs: one error line naming the key or JSON path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from player.branding import MAX_TEXT, BrandingError, load_branding, parse_branding
from sync.catalog_parse import CatalogError, parse_catalog

BRANDING = Path("/institution/branding.toml")


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(BrandingError) as caught:
        parse_branding(data, BRANDING)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{BRANDING}: ")
    return message


@pytest.mark.parametrize(
    "data, key",
    [
        # urlsplit raises ValueError for an unclosed IPv6 host; .port for a port over 65535.
        ({"catalogs": ["https://[2001:db8::1/catalog"]}, "catalogs[0]"),
        ({"catalogs": ["https://example.org:99999/"]}, "catalogs[0]"),
        ({"lrs": {"endpoint": "https://[lrs/xapi"}}, "lrs.endpoint"),
        ({"lrs": {"endpoint": "https://lrs/xapi", "home_page": "https://[x"}}, "lrs.home_page"),
        (
            {"lrs": {"endpoint": "https://lrs/xapi", "grader": {"openid": "https://[x"}}},
            "lrs.grader",
        ),
        (
            {
                "lrs": {
                    "endpoint": "https://lrs/xapi",
                    "grader": {"account": {"homePage": "https://[x", "name": "g"}},
                }
            },
            "lrs.grader",
        ),
    ],
)
def test_a_malformed_url_is_an_error_naming_the_key(data: dict[str, Any], key: str) -> None:
    assert f": {key}: " in refused(data) and "is not a valid URL" in refused(data)


@pytest.mark.parametrize(
    "data, key, words",
    [
        # Accepted by the build before, then refused at every learner's start or sync:
        # requests cannot parse the host, a query or fragment ends up before catalog.json or
        # statements, and an endpoint ending in statements was posted to .../statements/statements.
        ({"catalogs": ["https://cours ut.example/"]}, "catalogs[0]", "is not a valid URL"),
        ({"catalogs": ["https://.example.org/"]}, "catalogs[0]", "is not a valid URL"),
        ({"catalogs": ["https://cours..ut.example/"]}, "catalogs[0]", "is not a valid URL"),
        ({"catalogs": ["https://cours.ut.example:0/"]}, "catalogs[0]", "is not a valid URL"),
        ({"catalogs": ["https://ut.example/cours/?v=2"]}, "catalogs[0]", "query"),
        ({"catalogs": ["https://ut.example/cours/#top"]}, "catalogs[0]", "fragment"),
        ({"lrs": {"endpoint": "https://lrs ut.example/xAPI/"}}, "lrs.endpoint", "not a valid URL"),
        ({"lrs": {"endpoint": "https://lrs.ut.example/xAPI/?a=b"}}, "lrs.endpoint", "query"),
        (
            {"lrs": {"endpoint": "https://lrs.ut.example/xAPI/statements"}},
            "lrs.endpoint",
            "'https://lrs.ut.example/xAPI/'",
        ),
        (
            {"lrs": {"endpoint": "https://lrs.ut.example/xAPI/statements/"}},
            "lrs.endpoint",
            "the xAPI base URL before it",
        ),
        # review r10 #2: taken by the build, refused by the Sync panel's form it fills; a home
        # page's went into every statement's account, as `--home-page`'s (review r6 #7)
        (
            {"lrs": {"endpoint": "https://lrs.ut.example/x\tAPI/"}},
            "lrs.endpoint",
            r"holds a control character ('\t', character 25)",
        ),
        (
            {"lrs": {"endpoint": "https://lrs.ut.example/xAPI/", "home_page": "https://ut.e/\x1b"}},
            "lrs.home_page",
            r"holds a control character ('\x1b', character 14)",
        ),
    ],
)
def test_a_server_address_the_player_cannot_use_is_refused(
    data: dict[str, Any], key: str, words: str
) -> None:
    message = refused(data)
    assert f": {key}: " in message and words in message, message


def test_a_usable_server_address_is_kept_as_written() -> None:
    data = {
        "catalogs": ["https://cours.université.example/mes cours/", "http://[::1]:8000/"],
        "lrs": {"endpoint": "https://lrs.example.org/xAPI/statements-store/"},
    }
    branding = parse_branding(data, BRANDING)
    assert branding.catalogs == tuple(data["catalogs"])
    assert branding.lrs is not None and branding.lrs.endpoint == data["lrs"]["endpoint"]


@pytest.mark.parametrize(
    "value, words",
    [
        ("x" * (MAX_TEXT + 1), f"over the limit of {MAX_TEXT}"),
        ("Cartable\x00", "control characters"),
        ("Cart\x1b[31mable", "control characters"),
    ],
)
@pytest.mark.parametrize("key", ["product_name", "institution"])
def test_names_are_short_printable_lines(key: str, value: str, words: str) -> None:
    assert f": {key}: " in refused({key: value}) and words in refused({key: value})
    assert getattr(parse_branding({key: "x" * MAX_TEXT}, BRANDING), key) == "x" * MAX_TEXT


def test_a_trusted_key_outside_ascii_is_not_base64() -> None:
    message = refused({"trusted_keys": ["cartable-ed25519 ééééééééééééééééééééééééééééééééééééé"]})
    assert "trusted_keys[0]: public key is not valid base64" in message


def test_deeply_nested_toml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "branding.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(BrandingError, match="not valid TOML: nested too deeply"):
        load_branding(path)


def test_catalog_number_of_thousands_of_digits_is_a_clear_error() -> None:
    data = b'{"format": 1, "courses": [], "x": ' + b"9" * 5000 + b"}"
    with pytest.raises(CatalogError, match="too many digits"):
        parse_catalog(data, "https://example.org/catalog.json")
