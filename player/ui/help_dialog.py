"""Help: the version, where the data lives, the keyboard, and a diagnostic report to copy for
support (versions, paths, courses, records counts, the catalogs, trusted keys and downloads, the
last problems logged: player/library/support_report.py gathers the middle three).

The report holds no learner's name, PIN, password or token: profiles are counted, not named, and
the logged lines it quotes were redacted when they were logged.
"""

from __future__ import annotations

import html
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import PySide6
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from player import __version__
from player.branding import Branding
from player.library.catalogs import Catalogs
from player.library.support_report import SupportFacts, shortened, support_facts
from player.ui.announce import announce
from player.ui.branding_logo import logo_pixmap, logo_problem
from player.ui.button import Button
from player.ui.i18n import title_part
from player.ui.layouts import nested
from player.ui.menu_texts import menu_path, plain
from player.ui.screens import available_geometry
from player.ui.shell import ShellServices
from player.wording import isolated


@dataclass(frozen=True)
class Diagnostics:
    product: str
    version: str
    python: str
    qt: str
    pyside: str
    system: str
    display: str  # the primary screen (named so that no `.screen` reads like the Qt call)
    language: str
    branding: tuple[str, ...]  # lines under "Branding:"; none for the plain player
    paths: tuple[tuple[str, str], ...]
    database: str
    courses: tuple[str, ...]
    profiles: int
    queued: int
    delivered: int
    poison: int
    recent: tuple[str, ...]
    support: SupportFacts | str | None = None
    """The catalogs, keys and downloads; a str: why they could not be read (one line)."""

    def report(self) -> str:
        lines = [
            f"{self.product} {self.version}",
            f"Python {self.python}; Qt {self.qt}; PySide6 {self.pyside}",
            f"System: {self.system}",
            f"Screen: {self.display}",
            f"Interface language: {self.language}",
            f"Branding: {self.branding[0] if self.branding else 'none'}",
            *(f"  {line}" for line in self.branding[1:]),
            "",
            "Locations:",
            *(f"  {name}: {path}" for name, path in self.paths),
            "",
            f"Records: {self.database}",
            f"Profiles: {self.profiles}",
            f"Statements: {self.queued} waiting, {self.delivered} delivered, {self.poison} refused",
            "",
            f"Courses ({len(self.courses)}):",
            *(f"  {c}" for c in self.courses),
            "",
        ]
        try:
            lines += self._support_lines()
        except Exception as error:  # a damaged copy on the disk: the report still copies
            lines += [
                f"Catalogs: could not be read ({shortened(f'{type(error).__name__}: {error}')})",
                "",
            ]
        lines += _section("Last problems", self.recent)
        return "\n".join(lines[:-1]) + "\n"

    def _support_lines(self) -> list[str]:
        support = self.support
        if isinstance(support, str):
            return [f"Catalogs: could not be read ({support})", ""]
        if support is None:
            return []
        downloads = support.downloads
        return [
            *_section("Catalogs", [c.line() for c in support.catalogs]),
            *_section("Trusted keys", [k.line() for k in support.keys]),
            *(
                ["Downloads: not started", ""]
                if downloads is None
                else _section("Downloads", [d.line() for d in downloads])
            ),
        ]


def _section(title: str, rows: Sequence[str]) -> list[str]:
    """`Title (n):`, its rows indented (or "none"), a blank line."""
    return [f"{title} ({len(rows)}):", *(f"  {row}" for row in rows or ["none"]), ""]


def branding_lines(branding: Branding) -> tuple[str, ...]:
    """The branding file, then what it sets that support asks about first: who, the logo (and
    why it does not show), where records go, the catalogs. Empty for the plain player."""
    if branding.source is None:
        return ()
    lines = [str(branding.source)]
    if branding.institution:
        lines.append(f"institution: {branding.institution}")
    if branding.logo is not None:
        problem = logo_problem(branding)
        lines.append(f"logo: {branding.logo}" + (f" (not shown: {problem})" if problem else ""))
    if branding.lrs is not None:
        lines.append(f"LRS: {branding.lrs.endpoint} ({branding.lrs.auth})")
    lines += [f"catalog: {catalog}" for catalog in branding.catalogs]
    return tuple(lines)


def records_host(branding: Branding) -> str:
    """The branding LRS's host (and port), the part of its address a learner can recognise."""
    return urlsplit(branding.lrs.endpoint).netloc if branding.lrs is not None else ""


def collect(
    services: ShellServices,
    language: str,
    support: Callable[[], SupportFacts | None] | None = None,
) -> Diagnostics:
    """What the report says; `support`: the catalogs, keys and downloads as the running
    downloads know them (`DownloadsController.support_facts`; None before they start), else
    read from the disk."""
    context = services.context
    paths = context.paths
    screen = QGuiApplication.primaryScreen()
    screen_text = (
        f"{screen.size().width()}x{screen.size().height()} at {screen.devicePixelRatio():g}x, "
        f"platform {QGuiApplication.platformName()}"
        if screen
        else f"none, platform {QGuiApplication.platformName()}"
    )
    counts = services.store.outbox.counts()
    database = services.database
    db_text = f"{database.path} (schema {database.schema_version})"
    if database.recovery is not None:
        db_text += f"; restored at start: {database.recovery.problem}"
    courses = tuple(
        f"{c.id} {c.version} ({'verified' if c.verified else 'unverified'}, from {c.source})"
        for c in context.library.installed()
    )
    recent = tuple(services.logs.recent.lines) if services.logs else ()
    facts = running_facts(support) if support is not None else None
    return Diagnostics(
        product=context.branding.product_name,
        version=__version__,
        python=sys.version.split()[0],
        qt=qVersion(),
        pyside=PySide6.__version__,
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
        display=screen_text,
        language=language,
        branding=branding_lines(context.branding),
        paths=(
            ("data", str(paths.data)),
            ("records", str(paths.database)),
            ("courses", str(paths.courses)),
            ("settings", str(paths.config)),
            ("cache", str(paths.cache)),
            ("logs", str(services.logs.file if services.logs else paths.logs)),
        ),
        database=db_text,
        courses=courses,
        profiles=len(services.profiles.all()),
        queued=counts.queued,
        delivered=counts.delivered,
        poison=counts.poison,
        recent=recent,
        support=facts if facts is not None else facts_without_downloads(services),
    )


def running_facts(support: Callable[[], SupportFacts | None]) -> SupportFacts | str | None:
    """The running downloads' facts (None: not started); what failed, in one line, when they
    cannot be read."""
    try:
        return support()
    except Exception as error:  # a damaged file on the disk: the report always copies
        return shortened(f"{type(error).__name__}: {error}")


def facts_without_downloads(services: ShellServices) -> SupportFacts | str:
    """The catalogs (their offline copies) and keys when the downloads did not start; what
    failed, in one line, when they cannot be read: the report always copies."""
    context = services.context
    try:
        catalogs = Catalogs(
            context.library,
            context.paths.cache,
            context.branding.catalogs,
            context.settings.catalogs,
        )
        return support_facts(catalogs, context.trust)
    except Exception as error:  # a damaged file on the disk
        return shortened(f"{type(error).__name__}: {error}")


def action_keys(window: QWidget | None) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of the window that has a shortcut: the menus' in
    their order ("Course → Downloads", as `menu_path` writes every menu path), then those only
    added to the window. Read from the actions themselves, so Help lists a new shortcut
    without anyone remembering to."""
    if window is None:
        return []
    found: list[tuple[QAction, str]] = []

    def visit(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                visit(sub, menu_path(path, action.text()))
            elif not action.isSeparator():
                found.append((action, menu_path(path, action.text())))

    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            if isinstance(top.menu(), QMenu):
                visit(top.menu(), plain(top.text()))  # type: ignore[arg-type]
    found += [(a, plain(a.text())) for a in window.findChildren(QAction)]
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    native = QKeySequence.SequenceFormat.NativeText
    for action, name in found:
        keys = action.shortcut().toString(native)
        if keys and keys not in seen and name:
            seen.add(keys)
            rows.append((keys, name))
    return rows


LOGO_URL = "cartable-branding:logo"
TITLE_BAR = 40  # room left on the screen for the dialog's frame


class HelpDialog(QDialog):
    def __init__(
        self,
        services: ShellServices,
        language: str,
        parent: QWidget | None = None,
        support: Callable[[], SupportFacts | None] | None = None,
    ):
        """`support`: the running downloads' catalogs, keys and downloads, asked at each copy
        (the window's `running_support_facts`: None until they start, a second or so after the
        window shows); None: read from the disk."""
        super().__init__(parent)
        self.services = services
        self.language = language
        self.support = support
        self.diagnostics = collect(services, language, support)
        product = self.diagnostics.product
        # The product's name bare and last, as the main window's title has it (main_window.py).
        self.setWindowTitle(self.tr("Help — %1").replace("%1", title_part(product)))
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().height() * 20
        )
        size = QSize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 36)
        room = available_geometry(parent or self)
        if room is not None:  # 36 lines were 504 px: past a 1366x768 screen at 150 % (512)
            size = size.boundedTo(room.size() - QSize(0, TITLE_BAR))
        self.resize(size.expandedTo(self.minimumSize()))
        paths = dict(self.diagnostics.paths)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._open_folder)
        self.text.setAccessibleName(self.tr("Help"))
        keys = [
            (self.tr("Space"), self.tr("play or pause")),
            (self.tr("Left / Right"), self.tr("back or forward 5 seconds")),
            (self.tr("J / L"), self.tr("back or forward 10 seconds")),
            (self.tr("[ / ]"), self.tr("slower or faster")),
            ("C", self.tr("subtitles on or off")),
            ("T", self.tr("a video's transcript shown or hidden")),
            ("F", self.tr("full screen")),
            (self.tr("Page Up / Page Down"), self.tr("previous or next slide")),
            ("Ctrl++ / Ctrl+-", self.tr("larger or smaller text of a reading, zoom on a slide")),
            (self.tr("Alt+Left / Alt+Right"), self.tr("previous or next unit")),
            ("F6", self.tr("between the outline and the unit")),
            ("Ctrl+F", self.tr("search the library or the catalog")),
            ("Ctrl+F", self.tr("find a word in a reading or in slides")),
            (self.tr("F3 / Shift+F3"), self.tr("next or previous match found")),
            # A card's keys (library_cards.CardList), no action's: action_keys cannot find them.
            (self.tr("Delete"), self.tr("remove the chosen course, in the library")),
            (self.tr("Menu / Shift+F10"), self.tr("a course card's menu, in the library")),
            ("F5", self.tr("refresh the catalog")),
            *action_keys(parent.window() if parent is not None else None),
        ]
        rows = "".join(
            f"<tr><td><b>{html.escape(k, quote=False)}</b></td>"
            f"<td>{html.escape(v, quote=False)}</td></tr>"
            for k, v in keys
        )
        places = "".join(
            f'<tr><td>{label}</td><td><a href="{QUrl.fromLocalFile(paths[key]).toString()}">'
            f"{html.escape(paths[key], quote=False)}</a></td></tr>"
            for key, label in (
                ("data", self.tr("Courses and records")),
                ("records", self.tr("Records file")),
                ("settings", self.tr("Settings")),
                ("logs", self.tr("Logs")),
            )
        )
        about = self.tr(
            "An offline course player: study without a network; your progress is sent to your "
            "institution when a connection comes back."
        )
        support = self.tr(
            "If something goes wrong, copy the diagnostic report and send it to your "
            "institution. It holds versions, folders, catalogs, trusted keys, downloads and the "
            "last problems, never your PIN or passwords."
        )
        keyboard = self.tr("Keyboard")
        where = self.tr("Where your data lives")
        support_title = self.tr("Support")
        self.text.setHtml(
            f"{self._heading()}<p>{about}</p>"
            f"<h3>{keyboard}</h3><table cellpadding='3'>{rows}</table>"
            f"<h3>{where}</h3><table cellpadding='3'>{places}</table>"
            f"<h3>{support_title}</h3><p>{support}</p>"
        )
        self.copy_button = Button(self)  # room for the focused border
        self.copy_button.setText(self.tr("&Copy diagnostic report"))
        self.copied = QLabel(self)
        self.copied.setObjectName("muted")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)  # Enter closes Help; the report is copied on purpose
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        buttons = nested(layout, QHBoxLayout())
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.close_button)
        self.copy_button.clicked.connect(self.copy_report)
        self.close_button.clicked.connect(self.accept)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)  # the arrows scroll the help

    def _heading(self) -> str:
        """The product and version; with a branding, the institution's logo and name, where
        records go and the catalogs it comes with (only what the branding gives)."""
        branding = self.services.context.branding
        heading = (
            f"<h2>{html.escape(isolated(self.diagnostics.product), quote=False)} "
            f"{self.diagnostics.version}</h2>"
        )
        height = min(64, self.fontMetrics().height() * 4)
        background = self.text.palette().color(QPalette.ColorRole.Base)
        logo = logo_pixmap(branding, height, self.devicePixelRatioF(), background)
        if logo is not None:
            self.text.document().addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(LOGO_URL), logo
            )
            size = logo.deviceIndependentSize()
            image = (
                f'<img src="{LOGO_URL}" width="{size.width():.0f}" height="{size.height():.0f}">'
            )
            heading = (
                f"<table cellpadding='4'><tr><td valign='middle'>{image}</td>"
                f"<td valign='middle'>{heading}</td></tr></table>"
            )
        if branding.institution:
            name = f"<b>{html.escape(branding.institution, quote=False)}</b>"
            set_up = self.tr("Set up by %1.").replace("%1", isolated(name))
            heading += f"<p>{set_up}</p>"
        rows = []
        host = records_host(branding)
        if host:
            rows.append((self.tr("Records sent to"), html.escape(host, quote=False)))
        if branding.catalogs:
            listed = "<br>".join(html.escape(c, quote=False) for c in branding.catalogs)
            rows.append((self.tr("Course catalogs"), listed))
        if rows:
            cells = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
            heading += f"<table cellpadding='3'>{cells}</table>"
        return heading

    def copy_report(self) -> str:
        # The report read now, not when Help opened: Help stays open while the work goes on
        # behind it (a download refused, a course installed, records sent, a logo fixed), and
        # the report said what was then, its Last problems without the one support asks about.
        self.diagnostics = collect(self.services, self.language, self.support)
        report = self.diagnostics.report()
        QGuiApplication.clipboard().setText(report)
        self.copied.setText(self.tr("Copied to the clipboard."))
        announce(self.copied, self.copied.text())  # the focus stays on the button
        return report

    def _open_folder(self, url: QUrl) -> None:
        QDesktopServices.openUrl(url)
