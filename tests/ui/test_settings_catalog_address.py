"""Settings → Catalogs refusing what was typed in: a malformed address (an unclosed IPv6
bracket, a port past 65535 or not a number, no host, a query), a bare network address that is
none, a file:// URL urlsplit refuses, another scheme, no such folder, a folder without
catalog.json or that cannot be read, a catalog already there; and Remove refusing the
institution's catalog. A sentence in the learner's language under the field, naming it, by what
is wrong with it (CatalogSourceError.fault); the English line (which quotes urllib's and
requests' words for an address) only in its tooltip. Settings stay open with the text to
correct, and nothing is added or removed. The line is worded again when the language changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.library.catalogs import (
    Catalogs,
    CatalogSourceError,
    SourceFault,
)
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.settings_catalog_words import refusal
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.wording import isolated
from sync.server_address import AddressFault
from tests.ui.unit_support import french, shipped_french

MALFORMED = "%1 is not a valid web address: check it for a typing mistake."
PORT = "%1: the port, the number after “:”, goes from 1 to 65535."
NO_HOST = "%1: the name of the server is missing after “//”."
QUERY = "%1: a catalog's address cannot hold “?” or “#”; type it without what follows."
ADDRESSES = [
    ("http://[::1/", MALFORMED),  # urlsplit: "Invalid IPv6 URL"
    ("https://cours..example.org/", MALFORMED),
    ("http://192.168.1.12:99999/", PORT),
    ("https://cours.example.org:abc/", PORT),
    ("http://:8475/", NO_HOST),
    ("https://cours.example.org/depot/?v=2", QUERY),
]
NOT_NETWORK_ADDRESS = (
    "%1 is not a network address: four numbers from 0 to 255, such as 192.168.1.12, maybe "
    "followed by :%2."
)
ADDRESS_NUMBER = "%1 is not a network address: each of its four numbers goes from 0 to 255."
FOLDER_URL = "%1 is neither a folder nor a valid file:// address: check it for a typing mistake."
SCHEME = "%1: a catalog is a web address (http:// or https://) or a folder."
NO_FOLDER = "%1: there is no such folder on this computer."
UNREADABLE = "%1 cannot be read as a folder: check its name, and that you may open it."
NO_CATALOG = "%1 holds no catalog (no catalog.json file): choose the folder that holds it."
ALREADY_ADDED = "%1 is already in the catalogs."
INSTITUTION = "%1 comes with %2 (your institution's catalog): it cannot be removed."
NOT_LISTED = "%1 is no longer in the catalogs."
EMPTY = "Type the web address of a catalog, or its folder."
ADDED = "https://cours.example.org/depot/"
"""Already in the catalogs for `typed`."""
# What is typed ("{tmp}": the test's folder, holding "empty", a folder without catalog.json)
REFUSALS = [
    ("192.168.1", NOT_NETWORK_ADDRESS),
    ("1.2.3.4.5", NOT_NETWORK_ADDRESS),
    ("300.1.1.1", ADDRESS_NUMBER),
    ("192.168.1.12:70000", PORT),
    ("file://[oops/", FOLDER_URL),
    ("ftp://cours.example.org/depot/", SCHEME),
    ("{tmp}/nowhere", NO_FOLDER),
    ("file://{tmp}/nowhere/", NO_FOLDER),
    ("~no-such-user-of-cartable/cours", NO_FOLDER),
    ("{tmp}/" + "a" * 300, UNREADABLE),  # ENAMETOOLONG, which pathlib does not swallow
    ("{tmp}/empty", NO_CATALOG),
    ("{tmp}/empty/catalog.json", NO_CATALOG),
    ("https://cours.example.org/depot", ALREADY_ADDED),
    (ADDED, ALREADY_ADDED),
]
IDS = [address[:40] for address, _ in ADDRESSES + REFUSALS]


def typed(qtbot, services: ShellServices, parent: MainWindow, address: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The dialog after `address` was typed and Return pressed (ADDED already in the
    catalogs); nothing was added."""
    user = [ADDED]
    catalogs = Catalogs(services.library, tmp_path / "cache", (), user)
    dialog = SettingsDialog(services.context, catalogs, parent)
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    page.catalog_entry.setText(address)
    qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)
    assert dialog.isVisible() and page.catalog_entry.text() == address
    assert user == [ADDED] and [s.location for s in catalogs.sources()] == [ADDED]
    return dialog


def english_line(address: str, tmp_path: Path) -> str:
    """What Catalogs.add says of `address` in English, ADDED already in the catalogs."""
    with pytest.raises(CatalogSourceError) as raised:
        Catalogs(None, tmp_path / "cache", (), [ADDED]).add(address)  # type: ignore[arg-type]
    return str(raised.value)


def said(sentence: str, address: str) -> str:
    return fill(
        sentence, isolated(address), "8475"
    )  # the port of `cartable share`, for a bare address


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    """The test's folder, for "{tmp}": its "empty" holds no catalog.json."""
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize(("address", "sentence"), ADDRESSES + REFUSALS, ids=IDS)
def test_a_refused_catalog_is_named_by_what_is_wrong_and_not_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, folders: Path, address: str, sentence: str
) -> None:
    address = address.replace("{tmp}", str(folders))
    dialog = typed(qtbot, services, window, address, folders)
    page = dialog.catalog_page
    assert page.catalog_error.text() == said(sentence, address)
    detail = english_line(address, folders)
    assert "\n" not in detail
    assert page.catalog_error.toolTip() == detail  # for support, as written
    assert page.catalog_error.accessibleDescription() == detail


@pytest.mark.parametrize(("address", "sentence"), ADDRESSES + REFUSALS, ids=IDS)
def test_in_french_no_english_reaches_the_form(  # type: ignore[no-untyped-def]
    qtbot,
    qapp: QApplication,
    window: MainWindow,
    services: ShellServices,
    folders: Path,
    address: str,
    sentence: str,
) -> None:
    address = address.replace("{tmp}", str(folders))
    with french(qapp):
        dialog = typed(qtbot, services, window, address, folders)
        page = dialog.catalog_page
        shown = page.catalog_error.text()
        expected = said(shipped_french("SettingsDialog", sentence), address)
    assert shown == expected, shown
    detail = english_line(address, folders)
    assert detail.removeprefix(address).removeprefix(repr(address)) not in shown
    assert page.catalog_error.toolTip() == detail


def test_in_french_removing_the_institutions_catalog_is_refused_in_french(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Its Remove button is disabled; were the dialog asked anyway (a shortcut, a list that
    changed under it), the refusal is the learner's language too."""
    institution = "https://ut.example/cours/"
    user = [ADDED]
    catalogs = Catalogs(services.library, tmp_path / "cache", (institution,), user)
    with french(qapp):
        dialog = SettingsDialog(services.context, catalogs, window)
        page = dialog.catalog_page
        qtbot.addWidget(dialog)
        dialog.show()
        page.catalog_list.setCurrentRow(0)
        assert not page.catalog_remove.isEnabled()
        page._remove_catalog()
        refused = page.catalog_error.text()
        page.catalog_list.setCurrentRow(1)
        user.clear()  # removed elsewhere meanwhile
        page.catalog_remove.click()
        gone = page.catalog_error.text()
        institution_sentence = fill(
            shipped_french("SettingsDialog", INSTITUTION),
            isolated(institution),
            isolated("Cartable"),
        )
        gone_sentence = fill(shipped_french("SettingsDialog", NOT_LISTED), isolated(ADDED))
    assert refused == institution_sentence, refused
    assert page.catalog_error.toolTip().startswith(ADDED)  # the English line, for support
    assert gone == gone_sentence, gone
    assert [s.location for s in catalogs.sources()] == [institution]


@pytest.mark.parametrize("fault", [*AddressFault, *SourceFault])
def test_every_kind_of_refusal_has_its_sentence(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, fault: str
) -> None:
    """A kind added to the rule without a sentence here would show its English line."""
    sentence = refusal("x", CatalogSourceError("English line", fault), "Cartable")  # type: ignore[arg-type]
    assert sentence != "English line" and sentence


def test_the_line_under_the_form_follows_the_language(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Settings left open while the language changes: the refusal, then "Added.", are worded
    again (as the form's labels are), the English line kept in the tooltip."""
    dialog = typed(qtbot, services, window, "300.1.1.1", tmp_path)
    page = dialog.catalog_page
    with french(qapp):
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Réglages", timeout=5000)
        assert page.catalog_error.text() == fill(
            shipped_french("SettingsDialog", ADDRESS_NUMBER), isolated("300.1.1.1")
        )
        assert page.catalog_error.toolTip() == english_line("300.1.1.1", tmp_path)
        page.catalog_entry.setText("https://cours.example.org/autre/")
        qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)
        assert page.catalog_error.text() == "Ajouté. La page Catalogue montre ses cours."
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings", timeout=5000)
    assert page.catalog_error.text() == "Added. The catalog page shows its courses."


def test_an_address_added_after_a_refusal_leaves_no_english_tooltip(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    dialog = typed(qtbot, services, window, "http://[::1/", tmp_path)
    page = dialog.catalog_page
    assert page.catalog_error.toolTip()
    page.catalog_entry.setText("https://cours.example.org/autre/")
    qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)
    assert page.catalog_error.text() == "Added. The catalog page shows its courses."
    assert page.catalog_error.toolTip() == "" == page.catalog_error.accessibleDescription()
