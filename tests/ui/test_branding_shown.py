"""The institution behind a branded installer, where a learner looks: Help's heading (logo, name,
records server, catalogs), the status bar's badge, the diagnostic report; nothing of it in the
plain player, and never a crash for a logo that is missing or not an image."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from player import app as player_app
from player.branding import Branding, load_branding
from player.context import open_context
from player.paths import Paths
from player.ui.announce import show_message
from player.ui.branding_logo import MESSAGE_MARGINS, PLATE, InstitutionBadge, logo_pixmap
from player.ui.exam.leaving import running_notice
from player.ui.help_dialog import LOGO_URL, HelpDialog
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_status import SyncStatus
from player.ui.tasks import SyncRunner
from player.wording import isolated
from tests.ui.conftest import HEIGHT, WIDTH, open_services

INSTITUTION = "Université Assane Seck de Ziguinchor"
BRANDING = f"""institution = "{INSTITUTION}"
logo = "logo.png"
catalogs = ["https://cours.example.org/cartable/", "/srv/cours"]
[lrs]
endpoint = "https://lrs.example.org:8443/xAPI/"
"""


def write_branding(folder: Path, logo: bytes | None) -> Branding:
    """A branding file with a 300x120 PNG logo (or `logo`'s bytes; None: no logo file)."""
    folder.mkdir(parents=True, exist_ok=True)
    if logo is None:
        pass
    elif logo:
        (folder / "logo.png").write_bytes(logo)
    else:
        image = QImage(300, 120, QImage.Format.Format_ARGB32)
        image.fill(QColor("#1a5fb4"))
        assert image.save(str(folder / "logo.png"))
    (folder / "branding.toml").write_text(BRANDING, encoding="utf-8")
    return load_branding(folder / "branding.toml")


@pytest.fixture
def branded(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    paths: Paths,
    tasks: SyncRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[ShellServices]:
    """Services started as the branded installer starts them; `request.param` is the logo's
    bytes (b"": a real PNG; None: the file is missing)."""
    branding = write_branding(tmp_path / "institution", request.param)
    monkeypatch.setattr(player_app, "open_context", lambda p: open_context(p, branding))
    built = open_services(qapp, paths, tasks)
    yield built
    built.translations.clear()
    built.store.close()


def open_window(qtbot, services: ShellServices) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    return window


def open_help(qtbot, window: MainWindow) -> HelpDialog:  # type: ignore[no-untyped-def]
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def help_logo(dialog: HelpDialog) -> object:
    image = QTextDocument.ResourceType.ImageResource
    return dialog.text.document().resource(image, QUrl(LOGO_URL))


@pytest.mark.parametrize("branded", [b""], indirect=True)
def test_help_and_the_status_bar_show_the_institution_its_logo_server_and_catalogs(  # type: ignore[no-untyped-def]
    qtbot, branded: ShellServices
) -> None:
    window = open_window(qtbot, branded)
    badge = window.institution_badge
    assert badge is not None and badge.isVisible()
    assert badge in window.statusBar().findChildren(InstitutionBadge)
    assert (
        badge.name.text() == INSTITUTION
        and badge.toolTip() == f"Set up by \u2068{INSTITUTION}\u2069"
    )
    shown = badge.logo.pixmap()
    assert badge.logo.isVisible() and not shown.isNull()
    assert shown.height() <= badge.fontMetrics().height() * 1.25 + 1
    assert shown.width() == round(shown.height() * 2.5), "the logo keeps its shape"

    dialog = open_help(qtbot, window)
    text = dialog.text.toPlainText()
    assert f"Set up by \u2068{INSTITUTION}\u2069." in text
    assert "Records sent to\tlrs.example.org:8443" in text.replace("\n", "\t")
    assert "https://cours.example.org/cartable/" in text and "/srv/cours" in text
    logo = help_logo(dialog)
    assert logo is not None and not logo.isNull()  # type: ignore[attr-defined]
    assert logo.height() <= 64 and logo.width() == round(logo.height() * 2.5)  # type: ignore[attr-defined]
    assert f'src="{LOGO_URL}"' in dialog.text.toHtml()

    report = dialog.copy_report()
    source = branded.context.branding.source
    assert f"Branding: {source}\n  institution: {INSTITUTION}\n" in report
    assert f"  logo: {source.parent / 'logo.png'}\n" in report  # type: ignore[union-attr]
    assert "  LRS: https://lrs.example.org:8443/xAPI/ (basic)\n" in report
    assert "  catalog: /srv/cours\n" in report


@pytest.mark.parametrize(
    "branded", [b"this is not a PNG", None], ids=["not-an-image", "missing"], indirect=True
)
def test_a_logo_missing_or_not_an_image_shows_nothing_and_the_name_still_shows(  # type: ignore[no-untyped-def]
    qtbot, branded: ShellServices, request: pytest.FixtureRequest
) -> None:
    window = open_window(qtbot, branded)
    badge = window.institution_badge
    assert badge is not None and badge.name.text() == INSTITUTION and badge.name.isVisible()
    assert not badge.logo.isVisible() and badge.logo.pixmap().isNull()
    dialog = open_help(qtbot, window)
    assert f"Set up by \u2068{INSTITUTION}\u2069." in dialog.text.toPlainText()
    assert help_logo(dialog) is None and "<img" not in dialog.text.toHtml()
    report = dialog.copy_report()
    if "not-an-image" in request.node.name:
        assert "/logo.png (not shown: " in report, "the report says why the logo is not shown"
    else:
        assert "  logo:" not in report  # the start logged it missing


@pytest.mark.parametrize("branded", [b"this is not a PNG"], indirect=True)
def test_the_report_says_the_logo_as_it_is_when_copied_not_when_help_opened(  # type: ignore[no-untyped-def]
    qtbot, branded: ShellServices
) -> None:
    """Help left open while an admin fixes the logo in place: Copy says the logo is shown now
    (the Branding lines were read once, when Help opened, and kept "not shown"); broken again,
    it says so again."""
    window = open_window(qtbot, branded)
    dialog = open_help(qtbot, window)
    logo = branded.context.branding.source.parent / "logo.png"  # type: ignore[union-attr]
    assert f"  logo: {logo} (not shown: " in dialog.copy_report()
    image = QImage(300, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor("#1a5fb4"))
    assert image.save(str(logo))
    assert f"\n  logo: {logo}\n" in dialog.copy_report()
    logo.write_bytes(b"broken again")
    assert f"  logo: {logo} (not shown: " in dialog.copy_report()


def message_room(window: MainWindow) -> int:
    """The width Qt's status bar paints its message in: up to its first permanent widget
    shown, the badge or, with the badge hidden, the sync indicator."""
    badge, sync = window.institution_badge, window.sync_indicator
    assert badge is not None and sync is not None
    first = badge if badge.isVisible() else sync
    return first.geometry().left() - MESSAGE_MARGINS


@pytest.mark.parametrize("branded", [b""], indirect=True)
def test_a_status_bar_message_leaves_the_badge_shown_and_is_read_whole(  # type: ignore[no-untyped-def]
    qtbot, branded: ShellServices
) -> None:
    """Every 'Installed: …', 'Updated: …' hid the logo and name for 10-15 s (u2 04, 05, 18,
    19): the badge was a plain status bar widget. At 1280x720, with the sync indicator beside
    it, a message leaves it whole; the longest (an exam left running, in French) takes the
    name's room, cut short, never the message's, and gives it back once gone."""
    window = open_window(qtbot, branded)
    profile = branded.profiles.add("Awa", "fr")
    branded.context.settings.last_profile = profile.id
    window.start()
    window.attach_sync(SyncController(branded.context, branded.store, SyncRunner()))
    sync = window.sync_indicator
    assert sync is not None
    sync.show_status(SyncStatus("no_account", 22, 0, None, profile_id=profile.id))
    assert sync.text() == "22 traces gardées sur cet ordinateur"  # u2's status bar
    qtbot.waitExposed(window)
    assert window.width() == WIDTH
    bar, badge = window.statusBar(), window.institution_badge
    assert badge is not None

    updated = fill(
        QCoreApplication.translate(
            "GettingCourses", "Updated: %1, from version %2 to %3. Your progress is kept."
        ),
        isolated("Biologie cellulaire et moléculaire"),
        "1.0.0",
        "1.0.1",
    )
    assert updated.startswith("Mis à jour")
    show_message(bar, updated, 10_000)
    width = bar.fontMetrics().horizontalAdvance(updated)
    qtbot.waitUntil(lambda: width <= message_room(window), timeout=10_000)
    assert badge.isVisible() and badge.name.isVisible() and badge.name.text() == INSTITUTION
    assert not badge.visibleRegion().isEmpty(), "nothing covers it"

    running = running_notice(12 * 60)
    assert running.startswith("Votre examen est toujours en cours")
    show_message(bar, running, 20_000)
    width = bar.fontMetrics().horizontalAdvance(running)
    qtbot.waitUntil(lambda: width <= message_room(window), timeout=10_000)
    assert badge.isVisible() and badge.logo.isVisible(), "the logo still says who"
    assert badge.name.isHidden() or badge.name.text() != INSTITUTION, "the name gave its room"

    bar.clearMessage()
    qtbot.waitUntil(lambda: badge.name.text() == INSTITUTION and badge.name.isVisible())


def test_the_plain_player_shows_nothing_of_an_institution(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.context.branding == Branding()
    assert window.institution_badge is None
    assert not window.findChildren(InstitutionBadge)
    dialog = open_help(qtbot, window)
    text = dialog.text.toPlainText()
    for said in ("Set up by", "Records sent to", "Course catalogs"):
        assert said not in text
    assert "<img" not in dialog.text.toHtml()
    assert "\nBranding: none\n" in dialog.copy_report()


def test_the_logo_is_drawn_sharp_for_high_dpi_and_plated_on_a_dark_ground(
    qapp: QApplication, tmp_path: Path
) -> None:
    """At 2x, twice the pixels in the same logical size; an SVG is drawn at the size asked, a
    bitmap never enlarged; on a dark ground a light plate keeps a dark, transparent logo seen."""
    branding = write_branding(tmp_path, b"")
    sharp = logo_pixmap(branding, 40, 2.0)
    assert sharp is not None and (sharp.width(), sharp.height()) == (200, 80)
    assert sharp.deviceIndependentSize().toSize().height() == 40
    small = logo_pixmap(branding, 400, 1.0)
    assert small is not None and small.height() == 120, "a bitmap is not blurred larger"

    svg = tmp_path / "vector" / "logo.svg"
    svg.parent.mkdir()
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="4">'
        '<rect width="10" height="4" fill="#12305a" fill-opacity="0.9"/></svg>',
        encoding="utf-8",
    )
    vector = Branding(institution=INSTITUTION, logo=svg)
    drawn = logo_pixmap(vector, 48, 1.0)
    assert drawn is not None and (drawn.width(), drawn.height()) == (120, 48)
    light = logo_pixmap(vector, 48, 1.0, QColor("#f4f5f7"))
    dark = logo_pixmap(vector, 48, 1.0, QColor("#1e1f22"))
    assert light is not None and dark is not None and dark.height() == 48
    edge = dark.height() // 2
    assert dark.toImage().pixelColor(1, edge) == QColor(PLATE)
    assert light.toImage().pixelColor(1, edge) != QColor(PLATE)


def test_a_logo_replaced_at_the_same_path_is_read_again(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The scaled logo is cached by the file's path, time and size: an admin fixing a broken or
    wrong logo in place sees it in the next view drawn, and each broken version is logged once."""
    branding = write_branding(tmp_path, b"not a picture")
    logo = tmp_path / "logo.png"
    with caplog.at_level("WARNING", logger="player.ui.branding_logo"):
        assert logo_pixmap(branding, 40, 1.0) is None
        assert logo_pixmap(branding, 20, 1.0) is None
    assert len([r for r in caplog.records if "logo not shown" in r.message]) == 1

    square = QImage(50, 50, QImage.Format.Format_ARGB32)
    square.fill(QColor("#1a5fb4"))
    assert square.save(str(logo))
    square_file = logo.stat()
    drawn = logo_pixmap(branding, 40, 1.0)
    assert drawn is not None and (drawn.width(), drawn.height()) == (40, 40)

    wide = QImage(200, 50, QImage.Format.Format_ARGB32)
    wide.fill(QColor("#c01c28"))
    assert wide.save(str(logo))
    # Written within the same clock tick: the same time, another size is another file.
    os.utime(logo, ns=(square_file.st_atime_ns, square_file.st_mtime_ns))
    assert logo.stat().st_size != square_file.st_size
    drawn = logo_pixmap(branding, 40, 1.0)
    assert drawn is not None and (drawn.width(), drawn.height()) == (160, 40)
    assert drawn.toImage().pixelColor(1, 1) == QColor("#c01c28")
