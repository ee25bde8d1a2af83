"""sync.repository's questions about a source, asked of an address urlsplit refuses (an unclosed
"[", a bracketed name or IPv4 address, a character NFKC turns into "#" or "/"): each answers,
never urlsplit's bare ValueError. A settings file edited by hand, or saved before addresses were
checked, still holds such addresses, and a download run asks is_local_source of its source."""

from __future__ import annotations

import pytest

from player.library.catalogs import CatalogSourceError, normalize_location
from sync.repository import RepositoryPathError, folder_of, is_local_source

HTTP = [
    "http://[::1/",  # "Invalid IPv6 URL"
    "http://[192.168.1.12]:8475/",  # "An IPv4 address cannot be in brackets"
    "http://[salle-info]/",  # "does not appear to be an IPv4 or IPv6 address"
    "http://192.168.1.12\uff03x/",  # "invalid characters under NFKC normalization"
]
FOLDERS = ["file://[oops/", "file://depot\uff0fx/"]


@pytest.mark.parametrize("source", HTTP)
def test_an_http_address_no_request_is_sent_to_is_neither_local_nor_a_folder(source: str) -> None:
    assert is_local_source(source) is False
    assert folder_of(source) is None


@pytest.mark.parametrize("source", FOLDERS)
def test_a_file_url_urlsplit_refuses_is_a_repository_path_error_naming_it(source: str) -> None:
    with pytest.raises(RepositoryPathError) as raised:
        folder_of(source)
    assert str(raised.value).startswith(f"{source}: not a folder nor a valid file:// URL (")
    assert is_local_source(source) is True  # a folder's bytes cross no link, readable or not


@pytest.mark.parametrize("source", FOLDERS)
def test_settings_refuse_such_a_folder_in_one_line(source: str) -> None:
    """Typed in Settings → Catalogs, "file://[oops/" was urlsplit's bare ValueError, which
    only the form's CatalogSourceError handler would have said."""
    with pytest.raises(CatalogSourceError) as raised:
        normalize_location(source)
    assert str(raised.value).startswith(source) and "\n" not in str(raised.value)
