"""The sync panel: last successful sync, what of the profile in use waits and why (a stop in the
learner's words, the server's answer under it), grades that could not be read, refused
statements with the server's reason (copyable), the profile's LRS account, and "Sync now". The
other learners of the computer appear only as one anonymous total: no profile reads another's
records (docs/sync.md).

It only presents and edits: `SyncController` (player.ui.sync_controller) runs the sync. Opened from
the status-bar indicator: `SyncPanel(controller, window).open_for(profile_id)`.

Every text is set here, in `SyncPanel`: its class name is the `tr()` context the translations
are filed under (and lupdate gives a `%n` its plural forms only in a `tr()`). The widgets are
`SyncPanelLayout`'s (player.ui.sync_panel_layout); the account form's logic is in
player.ui.sync_account, what the lists hold in player.ui.sync_records.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from player.store import StoreError
from player.ui.i18n import date_time_text, fill
from player.ui.sync_account import Field, NoteKind, shown_account, store_account
from player.ui.sync_controller import SyncController
from player.ui.sync_panel_layout import SyncPanelLayout
from player.ui.sync_records import ProfileRecords, RefusedRow, refused_copy
from player.ui.sync_status import (
    SyncStatus,
    Unanswered,
    clock_text,
    unanswered,
    unanswered_text,
)
from player.ui.tooltips import plain_tooltip
from player.wording import isolated
from sync.credentials import CredentialsError
from sync.engine import SyncReport
from sync.server_answer import one_line, server_answer, verb_word


class SyncPanel(SyncPanelLayout):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.profile_id: str | None = None
        self._secret_saved = False  # a password is stored for the profile: "unchanged"
        self._status: SyncStatus | None = None
        self._note_kind: tuple[NoteKind, str] = ("", "")  # what account_note says (see _note)
        self._saved_note: NoteKind = ""  # the stored account's note, back once it is taken
        self._pressed = False  # "Sync now" was pressed: its run's outcome is said (_reported)
        self._asked_wait: float | None = None  # the server asked to wait until then (_reported)
        self._refused_mark: tuple[object, ...] | None = (
            None  # the refused list shown (see _fill_tables)
        )
        self.copy_button.clicked.connect(self.copy_refused)
        self.resend_button.clicked.connect(self.resend_refused)
        self.save_button.clicked.connect(self.save_account)
        self.sync_button.clicked.connect(self.sync_now)
        self.retranslate()
        controller.status_changed.connect(self.show_status)
        controller.report_ready.connect(self._reported)

    def retranslate(self) -> None:
        # Alt keys, distinct within the panel (French: S, C, R, A, U, M, E, F): Sync now,
        # Copy, Send again, server address, User, Password, Save account, Close.
        self.setWindowTitle(self.tr("Sync"))
        self.waiting.setHorizontalHeaderLabels(
            [self.tr("Profile"), self.tr("Waiting"), self.tr("Refused")]
        )
        self.refused.setHorizontalHeaderLabels(
            [self.tr("Profile"), self.tr("Activity"), self.tr("Reason")]
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
        self.endpoint_label.setText(self.tr("Institution's server a&ddress:"))
        endpoint_tip = self.tr(
            "The address of your institution's learning record store (LRS): its xAPI "
            "endpoint, given by the institution."
        )
        self.endpoint_label.setToolTip(endpoint_tip)
        self.endpoint.setToolTip(endpoint_tip)
        self.user_label.setText(self.tr("&User:"))
        self.secret_label.setText(self.tr("&Password:"))
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
        if profile_id is not None and (
            not self.controller.has_account(profile_id) or self._note_kind[0] == "refused"
        ):
            self._focus_account()  # what this learner can do here: add or correct their account
        self.scroll_to_top(self.focusWidget())  # it opened scrolled to the focused field

    def refresh(self) -> None:
        """Count afresh, and tell the status bar too: the panel and it never disagree."""
        self.controller.refresh_status()  # reaches show_status through status_changed
        self._fill_tables()
        self._fill_account()

    def show_status(self, status: SyncStatus) -> None:
        if status.profile_id != self.profile_id:  # the status bar's is of the profile last
            status = self.controller.status_of(self.profile_id)  # opened: this panel's own
        self._status = status
        if status.kind == "syncing":
            self._asked_wait = None  # a run goes: what the server asked is old news
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
            when = date_time_text(status.last_success)  # as the exam's page writes it
            self.last_sync.setText(self.tr("Last successful sync: %1").replace("%1", when))
        states = {
            "up_to_date": self.tr("Everything has been sent."),
            "waiting": self.tr("%Ln learning records wait to be sent.", "", status.waiting),
            "refused": self.tr(
                "The server refused %Ln learning records: they are listed below.",
                "",
                status.refused,
            ),
            "offline": self.tr("Offline: records will be sent when the network returns."),
            "metered": self.tr("Waiting for an unmetered network (see the settings)."),
            "syncing": self.tr("Sending…"),
            "error": self.tr("The last sync did not succeed."),
            "unconfirmed": self.tr(
                "Your account is checked with the institution's server at each sync until it "
                "answers."
            ),
        }
        text = self._no_account_text(status) if status.kind == "no_account" else states[status.kind]
        said: Unanswered | None = None  # a raw exception the state words (see below)
        raw: list[str] = []  # the engine's own texts of those: for support, in the tooltips
        if self._asked_wait is not None:  # "Sync now" pressed while the server asked to wait
            text += "\n" + self.tr("The server asked to wait until %1: nothing was sent.").replace(
                "%1", clock_text(self._asked_wait)
            )
        elif status.detail and status.kind != "no_account":  # said in its own words above
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
        self._account_refused(status.account_refused and status.profile_id is not None)
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
                "Exam grades for %1 could not be read from the institution's server, so the result "
                "of an exam you submitted cannot show yet. If this goes on, tell your institution. "
                "(Server's answer: %2)"
            )
            return fill(line, isolated(name), one_line(error))  # a proxy's page: its title
        if kind == said:
            line = self.tr(
                "Exam grades for %1 could not be read either, so the result of an exam you "
                "submitted cannot show yet."
            )
            return fill(line, isolated(name))
        line = self.tr(
            "Exam grades for %1 could not be read, so the result of an exam you "
            "submitted cannot show yet. %2"
        )
        return fill(line, isolated(name), unanswered_text(kind))

    def _details(self, raw: list[str]) -> str:
        """The engine's own texts (English, for support) behind what the learner reads."""
        if not raw:
            return ""
        details = self.tr("Details: %1").replace("%1", "\n".join(dict.fromkeys(raw)))
        return plain_tooltip(details)  # an HTTP client's text may quote a server's

    def _no_account_text(self, status: SyncStatus) -> str:
        """Said once, with what to do: nothing of this profile was ever sent, nor can be."""
        if self.profile_id is None:
            text = self.tr(
                "No profile is connected to an account at an institution: %Ln learning records "
                "are kept on this computer.",
                "",
                status.waiting,
            )
        elif status.waiting:
            text = self.tr(
                "%Ln learning records are kept on this computer: this profile is not connected "
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
                "The server refused %Ln learning records: they are listed below.",
                "",
                status.refused,
            )
        return text

    def _fill_tables(self) -> None:
        """This profile's records; the other learners' only as one anonymous total."""
        records = ProfileRecords(self.controller.store, self.profile_id)
        others = (
            self.tr("Other learners on this computer")
            if records.profile is not None
            else self.tr("Learners on this computer")
        )
        self.show_waiting(
            [
                (others if row.name is None else row.name, row.queued, row.refused)
                for row in records.waiting()
            ]
        )
        mark = records.refused_mark()
        if mark == self._refused_mark:
            return
        self._refused_mark = mark
        self.show_refused(
            [(row.statement_id, self._refused_cells(row)) for row in records.refused()]
        )

    def _refused_cells(self, row: RefusedRow) -> tuple[tuple[str, str], ...]:
        """(text, tooltip) of its profile, activity and reason: what the learner did and why
        in words, the statement's id and the server's answer in the tooltips (Copy has them
        whole), because the list showed a UUID beside 2,000 characters of a validator's JSON."""
        label = row.label
        verb = verb_word(label)
        name = label.activity or label.activity_id
        if name and verb:
            activity = fill(self.tr("%1 (%2)", "an activity (what was done)"), isolated(name), verb)
        else:
            activity = name or verb or row.statement_id
        activity_tip = "\n".join(
            part
            for part in (label.activity, label.activity_id, label.verb_id, row.statement_id)
            if part
        )
        status = server_answer(row.answer).status
        if status in (400, 422):
            reason = self.tr("The server found this record invalid.")
        elif status == 409:
            reason = self.tr("The server holds another record with the same identifier.")
        elif status == 413:
            reason = self.tr("This record is too large for the server.")
        elif status is not None:
            reason = self.tr("The server refused this record (HTTP %1).").replace("%1", str(status))
        else:
            reason = self.tr("The server refused this record.")
        return ((row.name, row.name), (activity, activity_tip), (reason, one_line(row.answer)))

    def copy_refused(self) -> None:
        """Selected rows (all when none is selected): id, reason and the statement itself."""
        if self.profile_id is None:
            return
        text = refused_copy(self.controller.store, self.profile_id, self.chosen_refused())
        QGuiApplication.clipboard().setText(text)

    def resend_refused(self) -> None:
        """The institution fixed its server: the refused statements go again, in their order."""
        try:
            self.controller.store.outbox.requeue(self.chosen_refused())
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
            account = shown_account(self.controller, self.profile_id)
        except CredentialsError as error:
            self._note("error", str(error))
            return
        self.endpoint.setText(account.endpoint)
        self.user.setText(account.user)
        self.secret.clear()
        self._secret_saved = account.secret_saved
        self.secret.setPlaceholderText(self.tr("unchanged") if self._secret_saved else "")
        self._saved_note = account.note
        self._note(account.note)
        if self._status is not None:
            self._account_refused(self._status.account_refused)

    def _account_refused(self, refused: bool) -> None:
        """The line under the form says the server refused what it holds, beside the fields
        to correct, instead of where the password is kept (the panel only said "HTTP 401");
        back to that once a run takes the account."""
        kind = self._note_kind[0]
        if refused and kind in ("keyring", "file"):
            self._note("refused")
        elif not refused and kind == "refused":
            self._note(self._saved_note)

    def _note(self, kind: NoteKind, error: str = "") -> None:
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
            "user_control": self.tr(
                "The user name holds an invisible character (a tab, a direction mark\u2026): "
                "type it again as your institution gave it."
            ),
            "type_password": self.tr("Type the password."),
            "refused": self.tr(
                "The institution's server refused this user name or password: correct them, "
                "then save."
            ),
        }
        self.account_note.setText(texts.get(kind, error))

    def _field(self, name: Field) -> QLineEdit:
        return {"endpoint": self.endpoint, "user": self.user, "secret": self.secret}[name]

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
        self._pressed = True
        self.controller.sync_now()

    def _reported(self, report: SyncReport) -> None:
        """After "Sync now": when the server had asked to wait (429, 503 with Retry-After)
        and this learner's records still wait on it, say until when, because the press sent
        nothing, rightly, and nothing on screen changed."""
        if not self._pressed:
            return
        self._pressed = False
        mine = report.profile(self.profile_id) if self.profile_id is not None else None
        due = mine.next_attempt_at if mine is not None else None
        status = server_answer(mine.detail).status if mine is not None else None
        if (
            mine is not None
            and mine.reason == "retry"
            and mine.delivered == 0
            and status in (429, 503)
            and due is not None
            and due > report.finished_at
        ):
            self._asked_wait = due

    def save_account(self) -> bool:
        """Store the account (the secret only if typed) and link the profile; True when saved."""
        if self.profile_id is None:
            return False
        endpoint, user, secret = (
            self.endpoint.text().strip(),
            self.user.text().strip(),
            self.secret.text(),
        )
        try:
            wrong = store_account(self.controller, self.profile_id, endpoint, user, secret)
        except (CredentialsError, StoreError) as error:
            self._note("error", str(error))
            return False
        if wrong:
            kind, field = wrong
            self._note(kind)
            self._field(field).setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.secret.clear()
        self._fill_account()
        self.controller.account_changed(self.profile_id)
        return True
