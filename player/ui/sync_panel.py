"""The sync panel: last successful sync, what of the profile in use waits and why (a stop in the
learner's words, the server's answer under it), grades that could not be read, refused
statements with the server's reason (copyable), the profile's LRS account, and "Sync now". The
other learners of the computer appear only as one anonymous total: no profile reads another's
records (docs/sync.md).

It only presents and edits: `SyncController` (player.ui.sync_controller) runs the sync. Opened from
the status-bar indicator: `SyncPanel(controller, window).open_for(profile_id)`.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import requests
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from player.store import StoreError
from player.ui.button import Button, click_on_enter
from player.ui.i18n import fill
from player.ui.sync_controller import SyncController
from player.ui.sync_status import SyncStatus, Unanswered, unanswered, unanswered_text
from sync.credentials import CredentialsError, LrsAccount, default_home_page
from sync.lrs import check_endpoint


def sendable_endpoint(endpoint: str) -> bool:
    """Whether the sync can send to this address: an http(s) web address with a host (no space
    in it, no empty label), a valid port, no password, no query, parsed the way the engine's
    HTTP client (requests) will; "https://lrs example.org/xAPI/" passed the form, then every
    sync failed with requests' "InvalidURL"."""
    try:
        base = check_endpoint(endpoint)  # http(s), a host, no credentials, query or fragment
        parts = urlsplit(base)
        if not parts.port and parts.port is not None:  # ":0" (a bad port raises ValueError)
            return False
        requests.Request("GET", urljoin(base, "statements")).prepare()
    except (ValueError, requests.RequestException):  # InvalidURL, MissingSchema, …
        return False
    host = parts.hostname or ""
    return ":" in host or all(host.removesuffix(".").split("."))  # "lrs..example.org"


TITLE_BAR = 40  # room left on the screen for the window's frame
MIN_HEIGHT = 300  # the state, a few lines of the form and the buttons, on any screen


class ListButton(Button):
    """A button acting on a list: never the dialog's default (Enter elsewhere in the panel must
    not press it, nor may it be drawn as the default while the list is empty), but Enter on it
    presses it, as Space does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not click_on_enter(self, event):
            super().keyPressEvent(event)


class SyncPanel(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.profile_id: str | None = None
        self._secret_saved = False  # a password is stored for the profile: "unchanged"
        self._status: SyncStatus | None = None
        self._note_kind = ("", "")  # what account_note says (see _note)
        self._refused_mark: tuple[object, ...] | None = (
            None  # the refused list shown (see _fill_tables)
        )
        self.setMinimumWidth(640)
        # never so short that only a line of the form shows between the title and the buttons
        self.setMinimumHeight(MIN_HEIGHT)

        self.last_sync = QLabel(self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Grades the last sync could not read, one line per profile (hidden when none).
        self.grades = QLabel(self)
        self.grades.setWordWrap(True)
        self.grades.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grades.hide()

        self.waiting = QTableWidget(0, 3, self)
        self.waiting.verticalHeader().setVisible(False)
        self.waiting.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.waiting.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.waiting.setWordWrap(False)  # a long name is elided (its tooltip has it whole)
        # As tall as its rows (see _fit_waiting), as wide as the dialog: never a scroll bar.
        self.waiting.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.refused = QTableWidget(0, 3, self)
        self.refused.verticalHeader().setVisible(False)
        self.refused.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.refused.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.refused.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for table in (self.waiting, self.refused):
            # Tab leaves the table (arrows go from cell to cell): with Tab going round its
            # cells, a keyboard learner was held in it for good.
            table.setTabKeyNavigation(False)
        self.copy_button = ListButton(self)
        self.copy_button.clicked.connect(self.copy_refused)
        self.copy_button.setEnabled(False)  # until refused statements are listed
        self.resend_button = ListButton(self)
        self.resend_button.clicked.connect(self.resend_refused)
        self.resend_button.setEnabled(False)

        self.endpoint = QLineEdit(self)
        self.endpoint.setPlaceholderText("https://lrs.example.org/xAPI/")
        self.user = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.account_note = QLabel(self)
        self.account_note.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_account)
        self.save_button.setDefault(True)  # Enter in the account's fields saves it
        self.account_box = QGroupBox(self)
        self.endpoint_label = QLabel(self.account_box)
        self.user_label = QLabel(self.account_box)
        self.secret_label = QLabel(self.account_box)
        for label, field in (
            (self.endpoint_label, self.endpoint),
            (self.user_label, self.user),
            (self.secret_label, self.secret),
        ):
            label.setBuddy(field)
        form = QFormLayout(self.account_box)
        form.addRow(self.endpoint_label, self.endpoint)
        form.addRow(self.user_label, self.user)
        form.addRow(self.secret_label, self.secret)
        form.addRow(self.account_note)
        form.addRow(self.save_button)

        self.sync_button = QPushButton(self)
        self.sync_button.clicked.connect(self.sync_now)
        # Not the standard Close button: Qt names it "Close", with no Alt key, and names it
        # again itself on a change of language.
        self.close_button = QPushButton(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        self.waiting_title = QLabel(self)
        self.refused_title = QLabel(self)
        # Everything but the bottom row scrolls: each line keeps its height (a wrapped note all
        # its lines at the panel's real width, a field its theme's height) on any screen. Sized
        # by the dialog's own minimum, the notes were counted for another width and the fields
        # squeezed, cut through their text at 640x437; sized to fit, it was taller than 720 px.
        self.content = QWidget(self)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.last_sync)
        layout.addWidget(self.state)
        layout.addWidget(self.grades)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.waiting)
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.resend_button)
        copy_row.addWidget(self.copy_button)
        layout.addLayout(copy_row)
        layout.addWidget(self.account_box)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields only
        self.scroll.setWidget(self.content)
        # Always in sight: "Sync now" and "Close".
        bottom = QHBoxLayout()
        bottom.addWidget(self.sync_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll, 1)
        outer.addLayout(bottom)
        self._bottom = bottom
        self._sized = False  # sized to its content and the screen on its first show
        # Whatever gets the focus (Tab, the first empty field) is scrolled into sight.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

        self.retranslate()
        controller.status_changed.connect(self.show_status)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.content.isAncestorOf(new):
            return
        fields = (self.endpoint, self.user, self.secret)
        if new in fields:
            # The theme draws a focused field's border thicker, its hint 2 px taller than the
            # one the form was laid out with: its text was cut. Every field takes that height
            # once, so the form does not move as Tab goes through it.
            tallest = new.sizeHint().height()
            for field in fields:
                if field.minimumHeight() < tallest:
                    field.setMinimumHeight(tallest)
        self.scroll.ensureWidgetVisible(new)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._fit_screen()

    def _fit_screen(self) -> None:
        """As tall as its content, so nothing scrolls when the screen has room, but never
        taller than the screen's free area, its title bar too (1280x720, 1024x600)."""
        outer = self.layout()
        outer.activate()
        width = max(self.width(), self.minimumWidth())
        inner = width - outer.contentsMargins().left() - outer.contentsMargins().right()
        content = self.content.layout()
        need = content.totalHeightForWidth(inner) if content.hasHeightForWidth() else -1
        need = max(need, self.content.sizeHint().height())
        margins = outer.contentsMargins()
        height = margins.top() + need + outer.spacing() + self._bottom.sizeHint().height()
        height += margins.bottom()
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width())
            height = min(height, room.height() - TITLE_BAR)
        height = max(height, self.minimumSizeHint().height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    def retranslate(self) -> None:
        # Alt keys, distinct within the panel (French: S, C, R, A, U, M, E, F): Sync now,
        # Copy, Send again, server address, User, Password, Save account, Close.
        self.setWindowTitle(self.tr("Sync"))
        self.waiting.setHorizontalHeaderLabels(
            [self.tr("Profile"), self.tr("Waiting"), self.tr("Refused")]
        )
        self.refused.setHorizontalHeaderLabels(
            [self.tr("Profile"), self.tr("Statement"), self.tr("Server's answer")]
        )
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setToolTip(self.tr("Copy the selected refused statements and reasons"))
        self.resend_button.setText(self.tr("Send &again"))
        self.resend_button.setToolTip(
            self.tr(
                "Put the selected refused statements (all when none is selected) back in the "
                "queue and sync now: for when the server has been fixed"
            )
        )
        self.secret.setPlaceholderText(self.tr("unchanged") if self._secret_saved else "")
        self.save_button.setText(self.tr("Sa&ve account"))
        self.account_box.setTitle(self.tr("Account at the institution"))
        self.endpoint_label.setText(self.tr("Institution's server a&ddress"))
        endpoint_tip = self.tr(
            "The address of your institution's learning record store (LRS): its xAPI "
            "endpoint, given by the institution."
        )
        self.endpoint_label.setToolTip(endpoint_tip)
        self.endpoint.setToolTip(endpoint_tip)
        self.user_label.setText(self.tr("&User"))
        self.secret_label.setText(self.tr("&Password"))
        self.sync_button.setText(self.tr("&Sync now"))
        self.close_button.setText(self.tr("C&lose"))
        self.waiting_title.setText(self.tr("Waiting to be sent"))
        self.refused_title.setText(self.tr("Refused by the server (kept, never deleted)"))
        # The tables' names, for a screen reader: their titles are labels above them.
        self.waiting.setAccessibleName(self.waiting_title.text())
        self.refused.setAccessibleName(self.refused_title.text())
        if self._note_kind[0]:
            self._note(*self._note_kind)

    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed (a profile's language): every text follows."""
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            for field in (self.endpoint, self.user, self.secret):
                field.setMinimumHeight(0)  # see _follow_focus: the new style's hints
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible() and self._status is not None:
                self.show_status(self._status)  # the texts of the status too, as they were
        super().changeEvent(event)

    # -- showing ------------------------------------------------------------------------------

    def open_for(self, profile_id: str | None) -> None:
        """Show the panel with the account form of this profile (the learner studying)."""
        self.profile_id = profile_id
        self.refresh()
        self.show()
        self.raise_()
        if profile_id is not None and not self.controller.has_account(profile_id):
            self._focus_account()  # what this learner can do here: add their account

    def refresh(self) -> None:
        """Count afresh, and tell the status bar too: the panel and it never disagree."""
        self.controller.refresh_status()  # reaches show_status through status_changed
        self._fill_tables()
        self._fill_account()

    def show_status(self, status: SyncStatus) -> None:
        if status.profile_id != self.profile_id:  # the status bar's is of the profile last
            status = self.controller.status_of(self.profile_id)  # opened: this panel's own
        self._status = status
        # Without an account the line under it says so, once, with what to do: this one would
        # only say it again.
        self.last_sync.setVisible(status.kind != "no_account")
        if not self.controller.has_account(self.profile_id):
            # Nothing of this profile (or, before one is open, of anyone) can have reached an
            # institution: no date, whatever a run without an account once recorded.
            self.last_sync.setText(self.tr("Last successful sync: never"))
        elif status.last_success is None:
            self.last_sync.setText(self.tr("Last successful sync: never"))
        else:
            when = datetime.fromtimestamp(status.last_success).strftime("%Y-%m-%d %H:%M")
            self.last_sync.setText(self.tr("Last successful sync: %1").replace("%1", when))
        states = {
            "up_to_date": self.tr("Everything has been sent."),
            "waiting": self.tr("%n learning records wait to be sent.", "", status.waiting),
            "refused": self.tr(
                "The server refused %n learning records: they are listed below.",
                "",
                status.refused,
            ),
            "offline": self.tr("Offline: records will be sent when the network returns."),
            "metered": self.tr("Waiting for an unmetered network (see the settings)."),
            "syncing": self.tr("Sending…"),
            "error": self.tr("The last sync did not succeed."),
        }
        text = self._no_account_text(status) if status.kind == "no_account" else states[status.kind]
        said: Unanswered | None = None  # a raw exception the state words (see below)
        raw: list[str] = []  # the engine's own texts of those: for support, in the tooltips
        if status.detail and status.kind != "no_account":  # said in its own words above
            text += "\n" + status.detail_text()
            if answer := status.server_answer_text():
                text += "\n" + answer
            if detail := status.raw_detail():
                said = unanswered(detail)
                raw.append(detail)
        self.state.setText(text)
        self.state.setToolTip(self._details(raw))
        self.grades.setText(
            "\n".join(self._grade_line(name, error, said) for name, error in status.grade_errors)
        )
        self.grades.setToolTip(
            self._details([error for _, error in status.grade_errors if unanswered(error)])
        )
        self.grades.setVisible(bool(status.grade_errors))
        self.sync_button.setEnabled(status.kind != "syncing")
        if self.isVisible():
            self._fill_tables()

    def _grade_line(self, name: str, error: str, said: Unanswered | None) -> str:
        """Why a profile's grades were not read: the server's answer as it came, but a raw
        exception of the HTTP client (no server answered) in the learner's words, once: the
        panel said "InvalidURL: Failed to parse: …" twice, in the state and here. `said`: the
        kind the state above words already."""
        kind = unanswered(error)
        if kind is None:
            line = self.tr(
                "Exam grades for %1 could not be read from the institution's server, so an exam "
                "may stay \u201cawaiting grade\u201d. If this goes on, tell your institution. "
                "(Server's answer: %2)"
            )
            return fill(line, name, error)
        if kind == said:
            line = self.tr(
                "Exam grades for %1 could not be read either, so an exam may stay \u201cawaiting "
                "grade\u201d."
            )
            return fill(line, name)
        line = self.tr(
            "Exam grades for %1 could not be read, so an exam may stay \u201cawaiting "
            "grade\u201d. %2"
        )
        return fill(line, name, unanswered_text(kind))

    def _details(self, raw: list[str]) -> str:
        """The engine's own texts (English, for support) behind what the learner reads."""
        if not raw:
            return ""
        return self.tr("Details: %1").replace("%1", "\n".join(dict.fromkeys(raw)))

    def _no_account_text(self, status: SyncStatus) -> str:
        """Said once, with what to do: nothing of this profile was ever sent, nor can be."""
        if self.profile_id is None:
            text = self.tr(
                "No profile is connected to an account at an institution: %n learning records "
                "are kept on this computer.",
                "",
                status.waiting,
            )
        elif status.waiting:
            text = self.tr(
                "%n learning records are kept on this computer: this profile is not connected "
                "to an account at your institution. Add it below to send them.",
                "",
                status.waiting,
            )
        else:
            text = self.tr(
                "This profile is not connected to an account at your institution: add it below "
                "so that your learning records can be sent."
            )
        if status.refused:
            text += "\n" + self.tr(
                "The server refused %n learning records: they are listed below.",
                "",
                status.refused,
            )
        return text

    def _fill_tables(self) -> None:
        """This profile's records; the other learners' only as one anonymous total (a run sends
        them too, so the computer may still hold records once this learner's went): on a
        shared laptop no profile reads another's records, nor their names, nor each one's count."""
        store = self.controller.store
        outbox = store.outbox
        mine = next((p for p in store.profiles.all() if p.id == self.profile_id), None)
        everyone = outbox.counts()
        rows: list[tuple[str, int, int]] = []
        others = (everyone.queued, everyone.poison)
        if mine is not None:
            own = outbox.counts(mine.id)
            rows.append((mine.name, own.queued, own.poison))
            others = (everyone.queued - own.queued, everyone.poison - own.poison)
        if any(others):
            rows.append(
                (
                    self.tr("Other learners on this computer")
                    if mine is not None
                    else self.tr("Learners on this computer"),
                    *others,
                )
            )
        self.waiting.setRowCount(len(rows))
        for index, (name, queued, poison) in enumerate(rows):
            for column, text in enumerate((name, str(queued), str(poison))):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(name)  # a long name is elided
                self.waiting.setItem(index, column, item)
        self._fit_waiting()
        # The refused list is read (with every statement's body) only when it changed: the
        # controller refreshes the panel each second something is recorded while it is open.
        mark = (mine.id, mine.name, outbox.poison_mark(mine.id)) if mine else ()
        if mark == self._refused_mark:
            return
        self._refused_mark = mark
        name = mine.name if mine is not None else ""
        refused = outbox.poison_list(mine.id) if mine is not None else []
        self.refused.setRowCount(len(refused))
        for index, poison in enumerate(refused):
            for column, text in enumerate((name, poison.id, poison.server_answer)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.refused.setItem(index, column, item)
        self.copy_button.setEnabled(bool(refused))
        self.resend_button.setEnabled(bool(refused))

    def _fit_waiting(self) -> None:
        """The waiting table as tall as its rows (one or two): its second row was cut off at
        1280x720, under a scroll bar, when the dialog had little room."""
        table = self.waiting
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        rows = rows or table.verticalHeader().defaultSectionSize()  # an empty list keeps a line
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + rows + 2 * table.frameWidth())

    def copy_refused(self) -> None:
        """Selected rows (all when none is selected): id, reason and the statement itself."""
        if self.profile_id is None:
            return
        bodies = {p.id: p.body for p in self.controller.store.outbox.poison_list(self.profile_id)}
        answers = {
            self.refused.item(row, 1).text(): self.refused.item(row, 2).text()
            for row in range(self.refused.rowCount())
        }
        parts = []
        for statement_id in self._chosen_refused():
            answer = answers[statement_id]
            body = bodies.get(statement_id, b"{}")
            statement = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
            parts.append(f"{statement_id}\n{answer}\n{statement}")
        QGuiApplication.clipboard().setText("\n\n".join(parts))

    def _chosen_refused(self) -> list[str]:
        """Statement ids of the selected rows, or of every row when none is selected."""
        rows = {i.row() for i in self.refused.selectedIndexes()} or set(
            range(self.refused.rowCount())
        )
        return [self.refused.item(row, 1).text() for row in sorted(rows)]

    def resend_refused(self) -> None:
        """The institution fixed its server: the refused statements go again, in their order."""
        try:
            self.controller.store.outbox.requeue(self._chosen_refused())
        except sqlite3.Error as error:
            self.state.setText(
                self.tr("The refused records could not be queued again: %1").replace(
                    "%1", str(error)
                )
            )
            return
        self._fill_tables()
        self.controller.sync_now()

    # -- the account --------------------------------------------------------------------------

    def _fill_account(self) -> None:
        enabled = self.profile_id is not None
        for widget in (self.endpoint, self.user, self.secret, self.save_button):
            widget.setEnabled(enabled)
        self._secret_saved = False
        self.secret.setPlaceholderText("")
        if self.profile_id is None:
            self._note("no_profile")
            return
        try:
            account = self.controller.sync.credentials.get(self.profile_id)
        except CredentialsError as error:
            self._note("error", str(error))
            return
        branding = self.controller.context.branding.lrs
        self.endpoint.setText(
            account.endpoint if account else (branding.endpoint if branding else "")
        )
        self.user.setText(account.username if account else "")
        self.secret.clear()
        # An account is only ever saved with its password (CredentialStore.set refuses none).
        self._secret_saved = account is not None
        self.secret.setPlaceholderText(self.tr("unchanged") if self._secret_saved else "")
        if account is None:
            self._note("none")
        elif account.secret_in == "keyring":
            self._note("keyring")
        else:
            self._note("file")

    def _note(self, kind: str, error: str = "") -> None:
        """The line under the account form; kept as a kind, so a change of language says it
        again (an error's own text stays as it is)."""
        self._note_kind = (kind, error)
        texts = {
            "no_profile": self.tr("Open a profile to set its account."),
            "none": self.tr(
                "Type the address, user name and password your institution gave you, then save."
            ),
            "sync_needs_account": self.tr(
                "Your records cannot be sent without an account: type the one your institution "
                "gave you, then save it."
            ),
            "keyring": self.tr("The password is kept in the system keyring."),
            "file": self.tr("The password is kept in a file only you can read."),
            "type_endpoint": self.tr("Type the institution's server address."),
            "bad_endpoint": self.tr(
                "The institution's server address is a web address starting with https:// (or "
                "http://): type it as your institution gave it."
            ),
            "type_user": self.tr("Type your user name."),
            "bad_user": self.tr("The user name cannot contain \u201c:\u201d."),
            "type_password": self.tr("Type the password."),
        }
        self.account_note.setText(texts.get(kind, error))

    def _form_error(self, endpoint: str, user: str, secret: str) -> tuple[str, QLineEdit] | None:
        """The first field of the form, in its order, that is missing or wrong: the note's
        kind and the field (a form left empty named the password, its last field)."""
        if not endpoint:
            return "type_endpoint", self.endpoint
        if not sendable_endpoint(endpoint):
            return "bad_endpoint", self.endpoint
        if not user:
            return "type_user", self.user
        if ":" in user:  # HTTP Basic cannot carry it
            return "bad_user", self.user
        if not secret:
            return "type_password", self.secret
        return None

    def _focus_account(self) -> None:
        """The account form's first empty field (the address may come with the installer)."""
        for field in (self.endpoint, self.user, self.secret):
            if not field.text().strip():
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def sync_now(self) -> None:
        """Send now (every profile's records, as always); a profile without an account is
        told why nothing of theirs goes, and taken to the form, instead of nothing at all."""
        if self.profile_id is not None and not self.controller.has_account(self.profile_id):
            self._note("sync_needs_account")
            self._focus_account()
        self.controller.sync_now()

    def save_account(self) -> bool:
        """Store the account (the secret only if typed) and link the profile; True when saved."""
        if self.profile_id is None:
            return False
        credentials = self.controller.sync.credentials
        endpoint, user, secret = (
            self.endpoint.text().strip(),
            self.user.text().strip(),
            self.secret.text(),
        )
        try:
            existing = credentials.get(self.profile_id)
            if not secret:
                secret = credentials.secret(self.profile_id) or "" if existing else ""
            if wrong := self._form_error(endpoint, user, secret):
                kind, field = wrong
                self._note(kind)
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return False
            home_page = existing.home_page if existing and existing.home_page else ""
            account = LrsAccount(
                self.profile_id, endpoint, user, "basic", home_page or default_home_page(endpoint)
            )
            credentials.set(account, secret)
            self.controller.store.profiles.link_account(self.profile_id, account.home_page, user)
        except (CredentialsError, StoreError) as error:
            self._note("error", str(error))
            return False
        self.secret.clear()
        self._fill_account()
        self.controller.account_changed(self.profile_id)
        return True
