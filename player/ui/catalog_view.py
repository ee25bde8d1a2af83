"""The catalog page: the courses the catalogs offer, filtered by language and text, with what each
would cost to download here and whether it is installed or has an update; Download / Update.

A table (sortable, keyboard-first: Enter downloads the current course) over a model of
`CatalogCourse`s, and a details panel for the current one. The page only shows and asks: the
downloads controller fetches the catalogs and runs the downloads. This module is the layout: the
table's model and filter are in `catalog_model`, what the page says in `catalog_words`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from player.library.catalogs import Browse, CatalogCourse
from player.ui.back_key import BackKey
from player.ui.catalog_model import (
    COURSE_ROLE,
    LANGUAGE,
    PUBLISHER,
    SIZE,
    STATE,
    TITLE,
    CatalogFilter,
    CatalogModel,
)
from player.ui.catalog_words import course_words, empty_text, notice
from player.ui.combo_name import name_combo
from player.ui.combo_popup import ChoiceBox
from player.ui.language_names import language_name
from player.ui.layouts import nested
from player.ui.tooltips import plain_tooltip


class CatalogView(QWidget):
    download_requested = Signal(object)  # CatalogCourse
    refresh_requested = Signal()
    settings_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogView")
        self.browse: Browse | None = None
        self.unsigned_allowed = True  # the branding's: unsigned courses after a warning
        self.product = "Cartable"

        self.back = QPushButton(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.language = ChoiceBox(self)  # its list as wide as its longest language
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_button = QPushButton(self)

        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # names catalogs by their title
        self.notice.setWordWrap(True)
        self.notice.setObjectName("muted")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = CatalogModel(self)
        self.filter = CatalogFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = QTreeView(self)  # a flat table with the theme's focus ring
        self.table.setModel(self.filter)
        self.table.setRootIsDecorated(False)
        self.table.setItemsExpandable(False)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (PUBLISHER, LANGUAGE, SIZE, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.details = QFrame(self)
        self.details.setObjectName("banner")
        # A catalog's words are shown as written: the title is escaped into our bold, the rest
        # is plain (escaped text in auto format showed "R&amp;D": no tag, so taken as plain).
        self.details_title = QLabel(self.details)
        self.details_title.setTextFormat(Qt.TextFormat.RichText)
        self.details_title.setWordWrap(True)
        self.details_meta = QLabel(self.details)
        self.details_meta.setWordWrap(True)
        self.details_meta.setObjectName("muted")
        self.details_summary = QLabel(self.details)
        self.details_summary.setWordWrap(True)
        self.details_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_state = QLabel(self.details)  # may quote a title
        self.details_state.setWordWrap(True)
        for label in (self.details_meta, self.details_summary, self.details_state):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.action = QPushButton(self.details)
        self.action.setObjectName("primary")
        details_layout = QHBoxLayout(self.details)
        details_text = nested(details_layout, QVBoxLayout(), 1)
        details_text.addWidget(self.details_title)
        details_text.addWidget(self.details_meta)
        details_text.addWidget(self.details_summary)
        details_text.addWidget(self.details_state)
        details_layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignBottom)

        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")
        self.settings_button = QPushButton(self)

        # The message and its button together, in the middle of the page: the button right
        # under the words that say what it is for.
        self.empty_page = QWidget(self)
        self.empty.setParent(self.empty_page)
        self.settings_button.setParent(self.empty_page)
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_row = nested(empty_layout, QHBoxLayout())
        empty_row.addStretch(1)
        empty_row.addWidget(self.settings_button)
        empty_row.addStretch(1)
        empty_layout.addStretch(2)  # a little above the middle, where the eye reads first
        layout = QVBoxLayout(self)
        top = nested(layout, QHBoxLayout())
        top.addWidget(self.back)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        top.addWidget(self.language)
        top.addWidget(self.refresh_button)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.empty_page, 1)

        self.search.textChanged.connect(self._filter)
        self.language.currentIndexChanged.connect(self._filter)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.back.clicked.connect(self.back_requested)
        self.back_key = BackKey(self, self.back)  # Esc: empties the search, else Back
        self.settings_button.clicked.connect(self.settings_requested)
        self.action.clicked.connect(self._act)
        self.table.activated.connect(lambda _i: self._act())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)
        self.refresh_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        self.refresh_shortcut.activated.connect(self.refresh_requested)
        self.search.returnPressed.connect(self.table.setFocus)
        self.setTabOrder(self.search, self.language)
        self.setTabOrder(self.language, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)
        self.setTabOrder(self.table, self.action)
        self._busy = False
        self.retranslate()

    # -- data -----------------------------------------------------------------------------------

    def set_browse(
        self, browse: Browse, downloading: set[str], unsigned: set[str] | None = None
    ) -> None:
        """`unsigned`: download ids a folder catalog lists without a signature. The table stays
        where the learner left it (the course chosen, how far it is scrolled): a read may come
        while they look at it (the update check's, in the background, every few hours). The
        same courses (a 304) leave the table alone; only the notice follows the listings."""
        unsigned = set(unsigned or ())
        shown, self.browse = self.browse, browse
        courses = list(browse.courses)
        model = self.model
        if shown is not None and (courses, downloading, unsigned) == model.shown():
            self._update_notice()
            self._update_empty()
            return
        current = self.current_course()
        bar = self.table.verticalScrollBar()
        scrolled = bar.value()
        model.set_courses(courses, downloading, unsigned)
        self._fill_languages(browse.languages())
        self._update_notice()
        self._select(current.id if current else None)  # scrolls to it (laid out): back
        bar.setValue(scrolled)
        self._update_empty()

    def set_unsigned_policy(self, allowed: bool, product: str) -> None:
        """Whether an unsigned course may be installed (as unverified, after a warning), and the
        product's name for the words when it may not."""
        self.unsigned_allowed = allowed
        self.product = product
        self._show_details()

    def set_downloading(self, downloading: set[str]) -> None:
        self.model.set_downloading(downloading)
        self._show_details()

    def set_busy(self, busy: bool) -> None:
        """Refresh stays enabled (a press while a read runs adds none: CatalogBrowser.refresh):
        disabled, it sent its keyboard focus to the table at every read, the update check's
        in the background too. The notice says the read."""
        self._busy = busy
        self._update_notice()
        self._update_empty()

    def current_course(self) -> CatalogCourse | None:
        index = self.table.currentIndex()
        return index.data(COURSE_ROLE) if index.isValid() else None

    def visible_titles(self) -> list[str]:
        return [
            self.filter.index(r, TITLE).data(COURSE_ROLE).entry.title
            for r in range(self.filter.rowCount())
        ]

    def _select(self, course_id: str | None) -> None:
        row = 0
        for r in range(self.filter.rowCount()):
            if self.filter.index(r, 0).data(COURSE_ROLE).id == course_id:
                row = r
                break
        if self.filter.rowCount():
            self.table.setCurrentIndex(self.filter.index(row, 0))
        self._show_details()

    def _fill_languages(self, languages: list[str]) -> None:
        chosen = self.language.currentData() or ""
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(self.tr("All languages"), "")
        for code in languages:
            self.language.addItem(language_name(code), code)
        found = self.language.findData(chosen)
        self.language.setCurrentIndex(max(0, found))
        self.language.blockSignals(False)
        self._filter()

    # -- actions --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _filter(self) -> None:
        current = self.current_course()
        self.filter.set_filter(self.search.text(), self.language.currentData() or "")
        self._select(current.id if current else None)
        self._update_empty()

    def _act(self) -> None:
        course = self.current_course()
        if course is not None and self._can_download(course):
            self.download_requested.emit(course)

    def _can_download(self, course: CatalogCourse) -> bool:
        return self.model.can_download(course, self.unsigned_allowed)

    # -- text -----------------------------------------------------------------------------------

    def _show_details(self) -> None:
        course = self.current_course()
        self.details.setVisible(course is not None)
        if course is None:
            return
        words = course_words(course, self.model, self.unsigned_allowed, self.product)
        self.details_title.setText(words.title)
        self.details_meta.setText(words.meta)
        self.details_summary.setText(course.entry.summary)
        self.details_summary.setVisible(bool(course.entry.summary))
        self.details_state.setText(words.state)
        self.action.setText(words.action)
        had_focus = self.action.hasFocus()
        self.action.setVisible(not course.other_signer)  # no update to offer, even greyed
        self.action.setEnabled(self._can_download(course))
        if had_focus and not self.action.hasFocus():
            # Greyed out once pressed (downloading, installed): back to the list, not to the
            # next widget Qt finds (the status bar's), so the next course is one arrow away.
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.action.setToolTip(plain_tooltip(words.refusal))  # may quote a title
        self.action.setAccessibleName(
            f"{self.action.text().replace('&', '')} — {course.entry.title}"
        )
        self.action.setAccessibleDescription(words.refusal)

    def _update_notice(self) -> None:
        said = notice(self.browse, self._busy, self.product)
        self.notice.setText(said.text)
        self.notice.setToolTip(plain_tooltip(said.details))
        self.notice.setAccessibleDescription(said.details)
        self.notice.setVisible(bool(said.text))

    def _update_empty(self) -> None:
        text = empty_text(self.browse, self._busy, len(self.model.courses), self.filter.rowCount())
        if text is not None:
            self.empty.setText(text)
        shown = self.filter.rowCount() > 0
        self.table.setVisible(shown)
        self.details.setVisible(shown and self.current_course() is not None)
        self.empty_page.setVisible(not shown)
        self.settings_button.setVisible(self.browse is not None and not self.browse.listings)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back.setText(self.tr("← &Library"))
        self.heading.setText(self.tr("Catalog"))
        self.search.setPlaceholderText(self.tr("Search courses (Ctrl+F)"))
        # Room for the whole hint with the focus ring's thicker border (French is longer).
        metrics = self.search.fontMetrics()
        hint = metrics.horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(
            max(metrics.averageCharWidth() * 30, hint + 4 * metrics.averageCharWidth())
        )
        self.search.setAccessibleName(self.tr("Search the catalog"))
        name_combo(self.language, self.tr("Language of the courses"))
        if self.language.count():
            self.language.setItemText(0, self.tr("All languages"))
        for index in range(1, self.language.count()):  # named in the interface language
            self.language.setItemText(index, language_name(self.language.itemData(index)))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Fetch the catalogs again (F5)"))
        self.table.setAccessibleName(self.tr("Courses offered"))
        self.settings_button.setText(self.tr("&Settings…"))
        self.model.retranslate()
        self._show_details()
        self._update_notice()
        self._update_empty()
