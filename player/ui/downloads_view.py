"""The Downloads page: one row per course download with its progress bar, bytes, speed, time
left and state, and Pause / Resume (Try again) / Cancel; above them, the conditions that apply
(bandwidth cap, download hours, unmetered only) with a way to Settings.

Rows only show `DownloadItem`s and ask; the downloads controller acts. Cancelling asks first
(what was downloaded is deleted), in a window-modal box that keeps the keyboard working. The
question names its download by id, answered by a method of the page: a closure holding the page,
connected to its child the question, kept a page of its own alive until the question was deleted,
which then deleted the page and the question again (a crash). The question goes when its download
can no longer be cancelled (installing, or gone from the page: installed, cancelled, replaced by
a newer version's), so a late Yes never reaches a download the learner no longer sees.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from player.ui.back_key import BackKey
from player.ui.download_item import DownloadItem
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.library_cards import format_size
from player.ui.question_box import QuestionBox
from player.ui.tooltips import plain_tooltip
from player.wording import isolated
from sync.download_state import DownloadState, FailureKind

# A failure says what failed (`DownloadItem.failure`, from the engine); the row says it in the
# learner's language and keeps the engine's words as the tooltip, for support. Failures recorded
# before they had a kind (an older Cartable's rows) are read from their English words, most
# specific first: these patterns are for those only.
LEGACY_FAILURE_WORDS: tuple[tuple[FailureKind, re.Pattern[str]], ...] = (
    (FailureKind.SPACE, re.compile(r"not enough free space|no space left", re.I)),
    (
        FailureKind.DISK,
        re.compile(r"cannot (write|store)|read-only file system|permission denied", re.I),
    ),
    # A trusted key's signature over other bytes, or a damaged signature file (`parse_signature`'s
    # words): "refused: " too, so before TRUST, whose "add its key" cannot help them.
    (
        FailureKind.ALTERED,
        re.compile(
            r"does not match the manifest's bytes|signature file is not JSON|"
            r"signature (is not valid base64|has \d+ bytes)|signature algorithm must be|"
            r"signature needs a key_id|names it twice",
            re.I,
        ),
    ),
    # `DownloadManifests.fetch`'s and `check_manifest`'s words for a course without a signature.
    (
        FailureKind.UNSIGNED,
        re.compile(r"the course is not signed|not signed \(course\.json\.sig is missing", re.I),
    ),
    (FailureKind.TRUST, re.compile(r"refused: |not signed|not trusted", re.I)),
    (FailureKind.MISSING, re.compile(r"is missing (at|from)|HTTP 40[34]|HTTP 410", re.I)),
    (FailureKind.DAMAGED, re.compile(r"content hash|bytes, expected|more bytes than", re.I)),
    (
        FailureKind.NETWORK,
        re.compile(
            r"timed out|connection (refused|reset|aborted)|name or service not known|"
            r"network is unreachable|no route to host|name resolution|not reachable",
            re.I,
        ),
    ),
    (
        FailureKind.SERVER,
        re.compile(r"HTTP \d{3}|encoded bytes|Content-Range|asked for byte", re.I),
    ),
)


def failure_kind(reason: str) -> FailureKind | None:
    """The kind of a failure recorded before failures had one, from its words; None: unknown."""
    return next((kind for kind, pattern in LEGACY_FAILURE_WORDS if pattern.search(reason)), None)


def recorded_kind(reason: str, kind: FailureKind | None) -> FailureKind | None:
    """The kind a row was saved with, read again where it was too broad: from eeb168e until
    ALTERED and UNSIGNED existed, an altered or unsigned course was saved as TRUST, whose "add
    its key" cannot help; its words tell. None (saved before kinds): read from its words."""
    if kind is None:
        return failure_kind(reason)
    if kind is FailureKind.TRUST:
        legacy = failure_kind(reason)
        if legacy in (FailureKind.ALTERED, FailureKind.UNSIGNED):
            return legacy
    return kind


def failure_words(reason: str, kind: FailureKind | None, product: str = "Cartable") -> str:
    """A download's failure in the learner's words; the engine's own (English) when it is not
    known. `kind` None: recorded before failures had a kind, read from its words. The
    Downloads page's rows and Check files… (a Fetch again refused) say it alike: in
    DownloadRow's translation context, where its sentences were first said. `product`: the
    branding's name, as the catalog page says it."""
    sentences = {
        FailureKind.SPACE: QCoreApplication.translate(
            "DownloadRow", "there is not enough free space on this computer for the course."
        ),
        FailureKind.DISK: QCoreApplication.translate(
            "DownloadRow", "the course could not be written to the disk."
        ),
        # What to do, as the catalog's details and the import say it: the row said only
        # what failed, though the learner looks here when a download fails.
        FailureKind.TRUST: QCoreApplication.translate(
            "DownloadRow",
            "the course is not signed by a publisher this computer trusts. If your "
            "institution gave you its key file, add it in Settings (Trusted keys), then "
            "download the course again.",
        ),
        # A trusted key's signature over other bytes: adding a key, as TRUST says, cannot
        # help; worded as the import words it. Try again stays: it reads the course again.
        FailureKind.ALTERED: QCoreApplication.translate(
            "DownloadRow",
            "the course was changed after it was signed, or its signature is damaged, so it "
            "cannot be installed. Tell its publisher, and try again once they have published "
            "a correct copy.",
        ),
        # No signature at all: TRUST's "add its key" could not help; only a signed copy can.
        FailureKind.UNSIGNED: QCoreApplication.translate(
            "DownloadRow",
            "this course is not signed, so it cannot be installed here. Ask your institution "
            "for a signed copy.",
        ),
        # The demo key (trusted for the demo only: defence in depth should it leak) on
        # another course: the key is listed already, so TRUST's "add its key" could not help;
        # only its publisher can.
        FailureKind.KEY_SCOPE: QCoreApplication.translate(
            "DownloadRow",
            "it is signed with a key this computer accepts only for another course, so it "
            "cannot be installed. Tell its publisher.",
        ),
        # The demo signed by the key of an earlier demo (each rebuild takes a new key), which
        # signs nothing any more: as KEY_SCOPE, no key to add could help.
        FailureKind.EARLIER_KEY: fill(
            QCoreApplication.translate(
                "DownloadRow",
                "it is signed with an earlier key of the demo course, which %1 no longer accepts, "
                "so it cannot be installed.",
            ),
            isolated(product),
        ),
        # Signed by another trusted key than the installed version: another publisher's.
        FailureKind.SIGNER: QCoreApplication.translate(
            "DownloadRow",
            "this version is signed by a different publisher than the installed one, so "
            "it cannot replace it. To install it, remove the course first.",
        ),
        # Signed by a key not trusted here over a version another key signed: adding the key
        # cannot help (review u2: a new signing key), the institution's installer can.
        FailureKind.UNTRUSTED_SIGNER: QCoreApplication.translate(
            "DownloadRow",
            "this version is signed with another key than the installed one, so it cannot "
            "replace it, and adding a key in Settings would not change that. Ask your "
            "institution for its new installer; or remove the course first (everyone's "
            "learning records and progress in it are kept), then download it again.",
        ),
        FailureKind.MISSING: QCoreApplication.translate(
            "DownloadRow", "a file of the course is missing on the server."
        ),
        FailureKind.DAMAGED: QCoreApplication.translate(
            "DownloadRow", "a file of the course arrived damaged, again and again."
        ),
        FailureKind.NETWORK: QCoreApplication.translate(
            "DownloadRow", "the server could not be reached."
        ),
        FailureKind.SERVER: fill(
            QCoreApplication.translate(
                "DownloadRow", "the server answered in a way %1 cannot use."
            ),
            isolated(product),
        ),
        FailureKind.CHANGED: QCoreApplication.translate(
            "DownloadRow",
            "this version of the course was published again since the download began. "
            "Press Download in the Catalog to get it: what was already downloaded is kept.",
        ),
        FailureKind.BUSY: fill(
            QCoreApplication.translate(
                "DownloadRow",
                "another %1 on this computer is busy with the course files (downloading "
                "or cleaning up). Try again once it has finished.",
            ),
            isolated(product),
        ),
        FailureKind.NO_LOCK: fill(
            QCoreApplication.translate(
                "DownloadRow",
                "the folder where %1 keeps its files cannot lock them (a network folder), "
                "so two downloads could damage each other's files. Keep the files of %1 on a "
                "disk of this computer.",
            ),
            isolated(product),
        ),
    }
    kind = recorded_kind(reason, kind)
    sentence = sentences.get(kind) if kind is not None else None
    return sentence or reason or QCoreApplication.translate("DownloadRow", "unknown reason")


@dataclass(frozen=True)
class DownloadConditions:
    """The settings that decide when and how fast downloads run."""

    cap_kbps: int
    window: str  # "22:00-06:00", empty: any time
    unmetered_only: bool


class DownloadRow(QFrame):
    pause_requested = Signal(str)
    resume_requested = Signal(str)
    cancel_requested = Signal(str)

    def __init__(
        self, item: DownloadItem, parent: QWidget | None = None, product: str = "Cartable"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.item = item
        self.product = product  # the branding's name, in its words of a failure
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)  # our bold around the escaped title
        self.title.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # may quote a server's answer
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.numbers = QLabel(self)
        self.numbers.setObjectName("muted")
        self.toggle = QPushButton(self)
        self.cancel = QPushButton(self)
        for button in (self.toggle, self.cancel):
            button.setAutoDefault(True)  # Enter presses a focused button, not only Space
        layout = QHBoxLayout(self)
        text = nested(layout, QVBoxLayout(), 1)
        text.addWidget(self.title)
        text.addWidget(self.bar)
        text.addWidget(self.numbers)
        text.addWidget(self.state)
        buttons = nested(layout, QVBoxLayout())
        buttons.addWidget(self.toggle)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        self.toggle.clicked.connect(self._toggle)
        self.cancel.clicked.connect(self._cancel)  # a method: a closure would hold the row
        self.show_item(item)

    def _cancel(self) -> None:
        self.cancel_requested.emit(self.item.id)

    def _toggle(self) -> None:
        if self._pausable():
            self.pause_requested.emit(self.item.id)
        else:
            self.resume_requested.emit(self.item.id)

    def _pausable(self) -> bool:
        return self.item.state not in (DownloadState.PAUSED, DownloadState.FAILED)

    def show_item(self, item: DownloadItem) -> None:
        self.item = item
        if item.is_update:
            title = self.tr("%1 — update to version %2")
        else:
            title = self.tr("%1 — version %2")
        title = fill(title, isolated(item.title), item.version)
        self.title.setText("<b>" + html.escape(title, quote=False) + "</b>")
        self.bar.setValue(int(item.fraction * 1000))
        self.bar.setAccessibleName(
            self.tr("Downloaded: %1%").replace("%1", str(int(item.fraction * 100)))
        )
        numbers = [
            self.tr("%1 of %2")
            .replace("%1", format_size(item.done))
            .replace("%2", format_size(item.total))
        ]
        if item.state is DownloadState.RUNNING and item.speed > 0:
            numbers.append(self.tr("%1/s").replace("%1", format_size(int(item.speed))))
            if item.seconds_left is not None:
                numbers.append(self.time_left(item.seconds_left))
        self.numbers.setText(" · ".join(numbers))
        self.state.setText(self.state_text(item))
        detail = item.reason if item.state.has_failure and item.reason else ""
        self.state.setToolTip(plain_tooltip(detail))
        self.state.setAccessibleDescription(detail)
        if item.state is DownloadState.FAILED:
            self.toggle.setText(self.tr("&Try again"))
        elif item.state is DownloadState.PAUSED:
            self.toggle.setText(self.tr("&Resume"))
        else:
            self.toggle.setText(self.tr("Pa&use"))
        self.toggle.setEnabled(item.state is not DownloadState.COMPLETED)
        self.cancel.setText(self.tr("Ca&ncel"))
        self.cancel.setEnabled(item.state is not DownloadState.COMPLETED or item.held)
        # Every row's buttons as wide as the widest label: they line up down the page.
        labels = (self.tr("&Try again"), self.tr("&Resume"), self.tr("Pa&use"), self.tr("Ca&ncel"))
        width = max(self.toggle.fontMetrics().horizontalAdvance(t.replace("&", "")) for t in labels)
        for button in (self.toggle, self.cancel):
            button.setMinimumWidth(width + button.fontMetrics().averageCharWidth() * 5)
        for button in (self.toggle, self.cancel):
            button.setAccessibleName(f"{button.text().replace('&', '')} — {item.title}")

    def state_text(self, item: DownloadItem) -> str:
        state = item.state
        if item.preparing:
            return self.tr("Checking the course…")
        if state is DownloadState.QUEUED:
            return self.tr("Waiting for its turn")
        if state is DownloadState.RUNNING:
            return self.tr("Downloading")
        if state is DownloadState.PAUSED:
            return self.tr("Paused")
        if state is DownloadState.WAITING_FOR_NETWORK:
            if not item.waits_for_server:
                return self.tr("No network: the download continues by itself when it is back.")
            # The network is up, the course's server is not: said as the catalog says it.
            why = failure_words(item.reason or "", item.failure, self.product)
            return self.tr("Waiting to try again: %1").replace("%1", why)
        if state is DownloadState.WAITING_FOR_WINDOW:
            return self.tr("Waiting for the download hours set in Settings.")
        if state is DownloadState.WAITING_FOR_UNMETERED:
            return self.tr("Waiting for a connection that is not metered (see Settings).")
        if state is DownloadState.COMPLETED and item.held:
            return self.tr(
                "Downloaded: installs by itself once the exam in progress in this course is "
                "submitted or its time has run out."
            )
        if state is DownloadState.COMPLETED:
            return self.tr("Installing…")
        why = failure_words(item.reason or "", item.failure, self.product)
        return self.tr("Failed: %1").replace("%1", why)

    def time_left(self, seconds: float) -> str:
        minutes = int(seconds // 60)
        if minutes < 1:
            return self.tr("less than a minute left")
        if minutes < 60:
            return self.tr("about %n minutes left", "", minutes)
        return self.tr("about %n hours left", "", round(minutes / 60))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_item(self.item)
        super().changeEvent(event)


class DownloadsView(QWidget):
    pause_requested = Signal(str)
    resume_requested = Signal(str)
    cancel_requested = Signal(str)  # confirmed by the learner
    settings_requested = Signal()
    trusted_keys_requested = Signal()  # Settings…, while a row says to add a key there
    back_requested = Signal()
    catalog_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("downloadsView")
        self.rows: dict[str, DownloadRow] = {}
        self.conditions: DownloadConditions | None = None
        self.confirm_box: QMessageBox | None = None
        self.confirm_id = ""  # the download `confirm_box` asks about
        self.product = "Cartable"
        """The branding's name, in the rows' words of a failure (set before the first row)."""

        self.back = QPushButton(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.catalog_button = QPushButton(self)
        self.settings_button = QPushButton(self)
        self.conditions_label = QLabel(self)
        self.conditions_label.setObjectName("muted")
        self.conditions_label.setWordWrap(True)
        self.container = QWidget(self)
        self.list_layout = QVBoxLayout(self.container)
        self.list_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.container)
        # No Tab stop of its own: it showed no focus, a Tab went nowhere. Its rows' buttons are
        # the stops, and the focus on one scrolls the list to it (QScrollArea does).
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")

        layout = QVBoxLayout(self)
        top = nested(layout, QHBoxLayout())
        top.addWidget(self.back)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.catalog_button)
        top.addWidget(self.settings_button)
        layout.addWidget(self.conditions_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)

        for button in (self.back, self.catalog_button, self.settings_button):
            button.setAutoDefault(True)  # Enter presses a focused button, not only Space
        self.back.clicked.connect(self.back_requested)
        self.back_key = BackKey(self, self.back)  # Esc: as Back
        self.settings_button.clicked.connect(self._settings)
        self.catalog_button.clicked.connect(self.catalog_requested)
        self.retranslate()

    # -- rows -----------------------------------------------------------------------------------

    def show_item(self, item: DownloadItem) -> None:
        row = self.rows.get(item.id)
        if row is None:
            row = DownloadRow(item, self.container, self.product)
            row.pause_requested.connect(self.pause_requested)
            row.resume_requested.connect(self.resume_requested)
            row.cancel_requested.connect(self.ask_cancel)
            self.rows[item.id] = row
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
        else:
            row.show_item(item)
            if item.state is DownloadState.COMPLETED and not item.held:  # installing: no Cancel
                self._drop_question(item.id)
        self._update_empty()

    def remove_item(self, download_id: str) -> None:
        self._drop_question(download_id)
        row = self.rows.pop(download_id, None)
        if row is not None:
            focused = row.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
            self.list_layout.removeWidget(row)
            row.deleteLater()
            if focused:
                self.focus_start()
        self._update_empty()

    def focus_start(self) -> None:
        """Where the keyboard starts: the first row's Pause/Resume, else Catalog."""
        if self.rows:
            next(iter(self.rows.values())).toggle.setFocus()
        else:
            self.catalog_button.setFocus()

    def ask_cancel(self, download_id: str) -> None:
        row = self.rows.get(download_id)
        if row is None:
            return
        self._drop_question(self.confirm_id)  # one question at a time, each about its own row
        box = QuestionBox(  # a bare "y" deletes nothing
            QMessageBox.Icon.Question,
            self.tr("Cancel the download"),
            self.tr("Cancel the download of “%1”? What was downloaded so far is deleted.").replace(
                "%1", isolated(row.item.title)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the course's title as written
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._cancel_answered)  # a method, never a closure: see the top
        self.confirm_box = box
        self.confirm_id = download_id
        box.open()

    def _cancel_answered(self, button: int) -> None:
        download_id, self.confirm_box, self.confirm_id = self.confirm_id, None, ""
        row = self.rows.get(download_id)
        if button == QMessageBox.StandardButton.Yes and row is not None and row.cancel.isEnabled():
            self.cancel_requested.emit(download_id)

    def _drop_question(self, download_id: str) -> None:
        """Close the Cancel question if it asks about `download_id`: it can no longer apply."""
        box = self.confirm_box
        if box is not None and self.confirm_id == download_id:
            box.done(QMessageBox.StandardButton.No)  # answered No: `_cancel_answered` clears

    def _settings(self) -> None:
        """Settings…: on Trusted keys while a row says to add a key there (it opened on its
        first tab, Catalogs, and the learner looked for the key's place), else as usual."""
        if any(self._refused_for_trust(row.item) for row in self.rows.values()):
            self.trusted_keys_requested.emit()
        else:
            self.settings_requested.emit()

    @staticmethod
    def _refused_for_trust(item: DownloadItem) -> bool:
        if item.state is not DownloadState.FAILED:
            return False
        return recorded_kind(item.reason or "", item.failure) is FailureKind.TRUST

    # -- conditions -----------------------------------------------------------------------------

    def set_conditions(self, conditions: DownloadConditions) -> None:
        self.conditions = conditions
        self._update_conditions()

    def _update_conditions(self) -> None:
        c = self.conditions
        if c is None:
            self.conditions_label.hide()
            return
        parts = []
        if c.cap_kbps > 0:
            parts.append(self.tr("Limited to %1/s").replace("%1", format_size(c.cap_kbps * 1000)))
        else:
            parts.append(self.tr("No speed limit"))
        if c.window:
            parts.append(self.tr("Only between %1").replace("%1", c.window.replace("-", "–")))
        if c.unmetered_only:
            parts.append(self.tr("Only on unmetered connections"))
        self.conditions_label.setText(" · ".join(parts))
        self.conditions_label.show()

    def _update_empty(self) -> None:
        self.empty.setVisible(not self.rows)
        self.scroll.setVisible(bool(self.rows))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back.setText(self.tr("← &Library"))
        self.heading.setText(self.tr("Downloads"))
        self.scroll.setAccessibleName(self.heading.text())  # the rows' pane, to a screen reader
        self.catalog_button.setText(self.tr("C&atalog"))
        self.settings_button.setText(self.tr("&Settings…"))
        self.empty.setText(
            self.tr("No download in progress. Courses are downloaded from the Catalog.")
        )
        self._update_conditions()
        self._update_empty()
