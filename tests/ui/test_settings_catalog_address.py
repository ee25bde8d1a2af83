"""Settings → Catalogs with a malformed address typed in (an unclosed IPv6 bracket, a port past
65535 or not a number, no host, a query): a sentence in the learner's language under the field,
naming it, by what is wrong with it; the English line of the shared address rule
(sync.server_address), which quotes urllib's and requests' words, only in its tooltip. Settings
stay open with the text to correct, and nothing is added."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from player.library.catalogs import Catalogs, CatalogSourceError, normalize_location
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from tests.ui.unit_support import french

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
# Until the lead translates them into cartable_fr.ts, these stand in for the French catalog.
FRENCH = {
    MALFORMED: "%1 n'est pas une adresse web valide : vérifiez-la.",
    PORT: "%1 : le port, le nombre après « : », va de 1 à 65535.",
    NO_HOST: "%1 : le nom du serveur manque après « // ».",
    QUERY: "%1 : l'adresse d'un catalogue ne contient ni « ? » ni « # ».",
}


class _NewSentences(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return FRENCH.get(source) if context == "SettingsDialog" else None


def typed(qtbot, services: ShellServices, parent: MainWindow, address: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The dialog after `address` was typed and Return pressed, and the catalogs it added to."""
    user: list[str] = []
    catalogs = Catalogs(services.library, tmp_path / "cache", (), user)
    dialog = SettingsDialog(services.context, catalogs, parent)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    dialog.catalog_entry.setText(address)
    qtbot.keyClick(dialog.catalog_entry, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.catalog_entry.text() == address
    assert user == [] and catalogs.sources() == []
    return dialog


def english_line(address: str) -> str:
    with pytest.raises(CatalogSourceError) as raised:
        normalize_location(address)
    return str(raised.value)


@pytest.mark.parametrize(("address", "sentence"), ADDRESSES)
def test_a_malformed_catalog_address_is_named_and_not_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, address: str, sentence: str
) -> None:
    dialog = typed(qtbot, services, window, address, tmp_path)
    assert dialog.catalog_error.text() == fill(sentence, address)
    assert dialog.catalog_error.toolTip() == english_line(address)  # for support, as written
    assert dialog.catalog_error.accessibleDescription() == english_line(address)


@pytest.mark.parametrize(("address", "sentence"), ADDRESSES)
def test_in_french_no_english_reaches_the_form(  # type: ignore[no-untyped-def]
    qtbot,
    qapp: QApplication,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    address: str,
    sentence: str,
) -> None:
    new = _NewSentences()
    with french(qapp):
        qapp.installTranslator(new)
        try:
            dialog = typed(qtbot, services, window, address, tmp_path)
            shown = dialog.catalog_error.text()
        finally:
            qapp.removeTranslator(new)
    assert shown == fill(FRENCH[sentence], address), shown
    detail = english_line(address)
    assert detail.removeprefix(address).removeprefix(repr(address)) not in shown
    assert dialog.catalog_error.toolTip() == detail


def test_an_address_added_after_a_refusal_leaves_no_english_tooltip(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    dialog = typed(qtbot, services, window, "http://[::1/", tmp_path)
    assert dialog.catalog_error.toolTip()
    dialog.catalog_entry.setText("https://cours.example.org/depot/")
    qtbot.keyClick(dialog.catalog_entry, Qt.Key.Key_Return)
    assert dialog.catalog_error.text() == "Added. The catalog page shows its courses."
    assert dialog.catalog_error.toolTip() == "" == dialog.catalog_error.accessibleDescription()
