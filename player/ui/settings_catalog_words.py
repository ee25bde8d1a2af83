"""What Settings' Catalogs tab says when a catalog is refused, when reading one met a fault of
ours, and when the search for computers sharing courses could not run: by the kind of problem, in
the learner's language (the English line behind it goes to the tooltip, for whoever helps).

Written, and translated, in `SettingsDialog`: the words keep that translation context
(`QCoreApplication.translate("SettingsDialog", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.library.catalogs import CatalogSourceError, SourceFault
from player.ui.i18n import fill
from player.ui.menu_texts import diagnostics_place
from player.wording import isolated
from sync.server_address import AddressFault
from sync.share_discovery import DiscoveryFault
from sync.share_server import DEFAULT_PORT


def refusal(text: str, exc: CatalogSourceError, product: str) -> str:
    """Why `text` was not added or removed, by what is wrong with it, in the learner's
    language (`exc`'s English line quotes urllib's and requests' words)."""
    match exc.fault:
        case AddressFault.PORT:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1: the port, the number after “:”, goes from 1 to 65535."
            )
        case AddressFault.NO_HOST:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1: the name of the server is missing after “//”."
            )
        case AddressFault.QUERY:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1: a catalog's address cannot hold “?” or “#”; type it without what follows.",
            )
        case AddressFault.MALFORMED:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1 is not a valid web address: check it for a typing mistake."
            )
        case SourceFault.EMPTY:
            template = QCoreApplication.translate(
                "SettingsDialog", "Type the web address of a catalog, or its folder."
            )
        case SourceFault.NOT_NETWORK_ADDRESS:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 is not a network address: four numbers from 0 to 255, such as "
                "192.168.1.12, maybe followed by :%2.",
            )
            return fill(template, isolated(text), str(DEFAULT_PORT))
        case SourceFault.ADDRESS_NUMBER:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 is not a network address: each of its four numbers goes from 0 to 255.",
            )
        case SourceFault.FOLDER_URL:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 is neither a folder nor a valid file:// address: check it for a typing "
                "mistake.",
            )
        case SourceFault.SCHEME:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1: a catalog is a web address (http:// or https://) or a folder.",
            )
        case SourceFault.NO_FOLDER:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1: there is no such folder on this computer."
            )
        case SourceFault.UNREADABLE:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 cannot be read as a folder: check its name, and that you may open it.",
            )
        case SourceFault.NO_CATALOG:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 holds no catalog (no catalog.json file): choose the folder that holds it.",
            )
        case SourceFault.ALREADY_ADDED:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1 is already in the catalogs."
            )
        case SourceFault.INSTITUTION:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 comes with %2 (your institution's catalog): it cannot be removed.",
            )
        case SourceFault.NOT_LISTED:
            template = QCoreApplication.translate(
                "SettingsDialog", "%1 is no longer in the catalogs."
            )
        case SourceFault.UNUSABLE:
            template = QCoreApplication.translate(
                "SettingsDialog",
                "%1 holds no catalog %2 can use: check the address, or tell whoever publishes it.",
            )
        case _:
            return str(exc)
    return fill(template, isolated(text), isolated(product))


def unexpected(text: str, product: str) -> str:
    """A fault of ours met reading `text`'s catalog: where the diagnostic report is, which
    carries the log, rather than the exception's English words."""
    where, keys = diagnostics_place()
    template = QCoreApplication.translate(
        "SettingsDialog",
        "%1 was not added: %4 met a problem it did not expect while reading its "
        "catalog. It is noted in the diagnostic report (%2, %3): please copy it and send it "
        "to your institution.",
    )
    return fill(template, isolated(text), where, keys, isolated(product))


def search_failure(fault: DiscoveryFault | None) -> str:
    """Why the search could not run, by its kind, in the learner's language."""
    match fault:
        case DiscoveryFault.NO_NETWORK:
            return QCoreApplication.translate(
                "SettingsDialog",
                "The search could not run: this computer is on no network. Connect it to the "
                "Wi-Fi or a cable, then search again.",
            )
        case DiscoveryFault.REFUSED:
            return QCoreApplication.translate(
                "SettingsDialog",
                "The search could not run: this computer does not allow it (a firewall or a "
                "security setting). Type the address the sharing computer shows in the "
                "field above instead.",
            )
        case _:
            return QCoreApplication.translate(
                "SettingsDialog",
                "The search could not run on this computer now. Search again, or type the "
                "address the sharing computer shows in the field above.",
            )
