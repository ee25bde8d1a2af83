"""The Catalog page on a signed repository folder: what each course costs here, its state,
language and text filters, Download / Update with the keyboard, refusals shown with the reason."""

from __future__ import annotations

import http.server
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.course.signing import PrivateKey
from player.library.catalogs import Browse, CatalogListing, CatalogSource, CourseState
from player.ui.catalog_view import (
    COURSE_ROLE,
    LANGUAGE,
    PUBLISHER,
    SIZE,
    STATE,
    TITLE,
    CatalogView,
)
from player.ui.catalog_words import listing_names
from player.ui.i18n import date_time_text
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.wording import isolated
from sync.catalog import Catalog, CatalogResult
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach, trust, two_language_repo
from tests.ui.test_shell import studying
from tests.ui.unit_support import french


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def rows(view: CatalogView) -> list[tuple[str, ...]]:
    model = view.filter
    return [
        tuple(model.index(r, c).data() for c in (TITLE, PUBLISHER, LANGUAGE, SIZE, STATE))
        for r in range(model.rowCount())
    ]


def catalog_page(window: MainWindow, services: ShellServices, repo: Path):  # type: ignore[no-untyped-def]
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None and window.stack.currentWidget() is view
    return getting, controller, view


def test_courses_show_size_to_download_state_and_filter_by_language_and_text(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    courses = two_language_repo(repo, key)
    trust(services, key)
    _, _, view = catalog_page(window, services, repo)
    assert rows(view) == [
        ("Mathématiques", "Université de test", "French", "200.0 kB", "Not installed"),
        ("Physique des ondes", "Université de test", "French", "60.0 kB", "Not installed"),
        ("World history", "Université de test", "English", "60.0 kB", "Not installed"),
    ]
    assert [view.language.itemData(i) for i in range(view.language.count())] == ["", "en", "fr"]
    view.language.setCurrentIndex(view.language.findData("fr"))
    assert view.visible_titles() == ["Mathématiques", "Physique des ondes"]
    qtbot.keyClicks(view.search, "ondes")
    assert view.visible_titles() == ["Physique des ondes"]
    view.search.clear()
    qtbot.keyClicks(view.search, "histoire")  # nothing in French matches
    assert view.visible_titles() == [] and view.empty.isVisible()
    assert view.empty.text() == "No course matches this search."
    view.language.setCurrentIndex(0)
    view.search.setText("leçons 2")  # the summary counts too: "Un cours de 2 leçons"
    assert view.visible_titles() == ["World history"]
    assert courses["history"].course.summary in view.details_summary.text()


def test_enter_downloads_the_current_course_and_the_library_shows_it(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)
    _, controller, view = catalog_page(window, services, repo)
    view.search.setFocus()
    qtbot.keyClicks(view.search, "physique")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)  # to the table
    assert view.table.hasFocus()
    assert view.current_course().id == "physique"
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # download (synchronous runner: done now)
    installed = services.library.get("physique")
    assert installed is not None and installed.verified
    assert controller.items == {}
    row = rows(view)[0]
    assert row[SIZE] == "—" and row[STATE] == "Installed"
    assert not view.action.isEnabled()
    installed = f"Installed: {isolated('Physique des ondes')} (version 1.0.0)."
    assert installed in window.statusBar().currentMessage()
    window.show_library()
    assert "Physique des ondes" in window.library_view.visible_titles()


def test_an_update_shows_its_delta_and_replaces_the_open_course(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    files = random_files(5, 40 * KB, 4)
    add_course(repo, files, key=key)
    trust(services, key)
    getting, _, view = catalog_page(window, services, repo)
    view.action.click()
    assert services.library.get("maths").version == "1.0.0"  # type: ignore[union-attr]
    add_course(repo, [*files[:4], random_files(1, 70 * KB, 5)[0]], key=key, version="1.1.0")
    window.open_course("maths", "u2")
    getting.show_catalog()  # closes the course; the refresh finds the update
    [course] = [view.filter.index(0, 0).data(COURSE_ROLE)]
    assert course.state is CourseState.UPDATE and course.to_download == 70 * KB
    assert rows(view)[0][SIZE:] == ("70.0 kB", "Update available")
    assert view.action.text() == "&Update"
    assert "only the changed files: 70.0 kB" in view.details_state.text()
    window.open_course("maths", "u2")
    getting.show_catalog()
    view.action.click()
    assert services.library.get("maths").version == "1.1.0"  # type: ignore[union-attr]
    assert rows(view)[0][STATE] == "Installed"


def test_an_update_signed_by_a_different_publisher_is_not_offered(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    """Both keys trusted, the installed version signed by one, the update by the other: the
    install would refuse it (Library.other_signer), so the page says why instead of "Update
    available" and offers no Update button."""
    repo = tmp_path / "repo"
    files = random_files(3, 20 * KB, 8)
    add_course(repo, files, key=key)
    trust(services, key)
    getting, controller, view = catalog_page(window, services, repo)
    view.action.click()
    assert services.library.get("maths").version == "1.0.0"  # type: ignore[union-attr]
    other = PrivateKey.generate()
    trust(services, other)  # a teacher's key, trusted for their own courses
    add_course(repo, [*files, random_files(1, 10 * KB, 9)[0]], key=other, version="1.1.0")
    window.open_course("maths", "u2")
    getting.show_catalog()  # closes the course; the refresh reads the new signature
    [course] = [view.filter.index(0, 0).data(COURSE_ROLE)]
    assert course.state is CourseState.UPDATE and course.other_signer == key.public.key_id
    assert rows(view)[0][STATE] == "Not updatable: signed with another key"
    assert not view.action.isVisible() and not view.action.isEnabled()
    # A trusted key's: another publisher's, not "ask for the new installer" (review r16 #3).
    assert view.details_state.text() == (
        "The installed version is signed by its publisher; this version is signed by a "
        f"different publisher, so {isolated('Cartable')} will not replace it. To install it, "
        "remove the course first."
    )
    controller.download(course)  # as the library would decide: refused
    assert services.library.get("maths").version == "1.0.0"  # type: ignore[union-attr]


def test_an_unsigned_course_is_refused_and_the_reason_shown(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 6), key=None)
    getting, controller, view = catalog_page(window, services, repo)
    # A folder catalog's page offers it as unverified, after a warning (see
    # test_getting_courses_cases.py); a download of it, as a server catalog's would be, is refused.
    controller.download(view.current_course())  # type: ignore[arg-type]
    [item] = controller.items.values()
    assert item.state is DownloadState.FAILED
    assert "refused: the course is not signed" in (item.reason or "")
    getting.show_downloads()
    row = getting.downloads_view.rows[item.id]  # type: ignore[union-attr]
    assert row.state.text().startswith("Failed: ")
    assert row.toggle.text() == "&Try again"
    assert services.library.get("maths") is None


def test_without_a_catalog_the_page_says_where_to_add_one(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    view = getting.catalog_view
    assert view is not None and window.stack.currentWidget() is view
    assert "No catalog yet" in view.empty.text() and view.settings_button.isVisible()
    view.settings_button.click()
    assert getting.settings_dialog is not None and getting.settings_dialog.isVisible()
    getting.settings_dialog.close()


def test_the_catalog_page_in_french(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)  # a stranger's would be "Not trusted", its Download disabled
    studying(window, services, lang="fr")
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    assert view.heading.text() == "Catalogue"
    assert rows(view)[0][STATE] == "Non installé"
    assert view.action.text() == "&Télécharger"
    assert view.language.itemText(0) == "Toutes les langues"


def test_two_catalogs_titled_the_same_are_told_apart_by_their_address(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The same share added as 127.0.0.1:8475 and http://192.0.2.2:8475/, both offline: two
    notices naming the address, not twice 'vm: offline…'; a title of its own stays alone."""
    when = datetime(2026, 11, 26, 21, 24, tzinfo=UTC)

    def offline(location: str, title: str | None) -> CatalogListing:
        catalog = Catalog(location, 1, title, None, ())
        result = CatalogResult(catalog, True, "unreachable", when, stale_kind=FailureKind.NETWORK)
        return CatalogListing(CatalogSource(location, "user"), result)

    view = CatalogView()
    qtbot.addWidget(view)
    listings = (
        offline("http://127.0.0.1:8475/", "vm"),
        offline("http://192.0.2.2:8475/", "VM"),
        offline("https://example.org/courses/", "Institution"),
        offline("/media/usb/courses", "Stick"),
        offline("/media/other", "Stick"),
    )
    view.set_browse(Browse(listings, ()), set())
    copy = f"the server could not be reached. Showing the copy of {date_time_text(when)}."
    assert view.notice.text().splitlines() == [
        f"\u2068vm (127.0.0.1:8475)\u2069 could not be refreshed: {copy}",
        f"\u2068VM (192.0.2.2:8475)\u2069 could not be refreshed: {copy}",
        f"\u2068Institution\u2069 could not be refreshed: {copy}",
        f"\u2068Stick (/media/usb/courses)\u2069 could not be refreshed: {copy}",
        f"\u2068Stick (/media/other)\u2069 could not be refreshed: {copy}",
    ]
    assert listing_names([offline("https://example.org/a/", "A")] * 2) == [
        "A (example.org/a)",
        "A (example.org/a)",
    ]


def test_the_language_list_follows_a_live_switch_of_the_interface_language(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)
    _, _, view = catalog_page(window, services, repo)
    view.language.setCurrentIndex(view.language.findData("fr"))

    def names() -> list[str]:
        return [view.language.itemText(i) for i in range(view.language.count())]

    assert names() == ["All languages", "English", "French"]
    with french(qapp):
        qtbot.waitUntil(lambda: view.heading.text() == "Catalogue", timeout=5000)
        assert names() == ["Toutes les langues", "Anglais", "Français"]
        assert rows(view)[0][LANGUAGE] == "Français"
        assert view.language.currentData() == "fr", "the chosen language stays chosen"
    qtbot.waitUntil(lambda: view.heading.text() == "Catalog", timeout=5000)
    assert names() == ["All languages", "English", "French"]


def test_an_unreachable_catalog_is_said_in_the_learners_language_with_the_detail_in_the_tooltip(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """A catalog at a closed port: the page says the server could not be reached in French (the
    Downloads page's sentence), not the sync layer's English line, which stays in the tooltip."""
    with socket.socket() as sock:  # bound, then closed: nobody listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    studying(window, services, lang="fr")
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(f"http://127.0.0.1:{port}/")
    with french(qapp):
        getting.show_catalog()
        view = getting.catalog_view
        assert view is not None
        [listing] = controller.browse.listings  # type: ignore[union-attr]
        assert listing.error_kind is FailureKind.NETWORK and listing.error
        assert "cannot reach" in listing.error and "connection refused" in listing.error
        assert view.notice.isVisible()
        [line] = view.notice.text().splitlines()
        assert line.startswith(isolated(listing.title)) and line.endswith(
            "le serveur est injoignable."
        )
        assert "cannot reach" not in line and "refused" not in line
        assert listing.error in view.notice.toolTip()  # for support, as written
        assert view.notice.accessibleDescription() == listing.error


def test_each_kind_of_catalog_failure_has_its_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A server's bad answer, a server's text that is not a catalog, a folder without one, and a
    location refused: each its own words; the English line only in the tooltip."""
    view = CatalogView()
    qtbot.addWidget(view)

    def failed(location: str, kind: FailureKind | None) -> CatalogListing:
        return CatalogListing(CatalogSource(location, "user"), None, f"{location}: why", kind)

    listings = (
        failed("https://a.example/", FailureKind.SERVER),
        failed("https://b.example/", FailureKind.OTHER),
        failed("/media/usb", FailureKind.OTHER),
        failed("https://c.example/", None),
    )
    view.set_browse(Browse(listings, ()), set())
    assert view.notice.text().splitlines() == [
        "\u2068https://a.example/\u2069 is unavailable: the server answered in a way "
        "\u2068Cartable\u2069 "
        "cannot use.",
        "\u2068https://b.example/\u2069 is unavailable: the server's answer is not a catalog.",
        "\u2068/media/usb\u2069 is unavailable: this folder holds no catalog that can be read.",
        "\u2068https://c.example/\u2069 is unavailable: this catalog cannot be used.",
    ]
    assert view.notice.toolTip().count(": why") == 4 and "why" not in view.notice.text()


def test_an_offline_copy_says_why_in_the_learners_language_with_the_detail_in_the_tooltip(  # type: ignore[no-untyped-def]
    qtbot,
    qapp,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    """A catalog served over HTTP, fetched once, then its server stopped: the page shows the
    saved copy and says why in French (the Downloads page's sentence), the sync layer's English
    line only in the tooltip and accessible description."""
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(repo), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        studying(window, services, lang="fr")
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(f"http://127.0.0.1:{server.server_address[1]}/")
        getting.show_catalog()  # the first fetch: served, and saved for offline
        view = getting.catalog_view
        assert view is not None and len(rows(view)) == 3 and not view.notice.isVisible()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    with french(qapp):
        controller.refresh_catalog()  # synchronous runner: done now, nobody listens any more
        [listing] = controller.browse.listings  # type: ignore[union-attr]
        result = listing.result
        assert result is not None and result.stale and result.stale_reason
        assert result.stale_kind is FailureKind.NETWORK
        assert "cannot reach" in result.stale_reason
        assert "connection refused" in result.stale_reason
        assert len(rows(view)) == 3, "the saved copy is still browsed"
        assert view.notice.isVisible()
        [line] = view.notice.text().splitlines()
        when = date_time_text(result.fetched_at)
        assert line.startswith(isolated(listing.title)) and "le serveur est injoignable." in line
        assert when in line
        assert "cannot reach" not in line and "refused" not in line
        assert result.stale_reason in view.notice.toolTip()  # for support, as written
        assert view.notice.accessibleDescription() == result.stale_reason


def test_the_download_button_pressed_with_the_keyboard_gives_the_focus_back_to_the_list(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    """Download greys out once pressed: Qt would hand the focus to whatever comes next (the
    status bar's downloads button), and the learner would Tab back to pick the next course."""
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)
    _, _, view = catalog_page(window, services, repo)
    window.activateWindow()
    view.action.setFocus()
    assert view.action.hasFocus()
    qtbot.keyClick(view.action, Qt.Key.Key_Space)
    assert services.library.get(view.current_course().id) is not None
    assert not view.action.isEnabled()
    assert view.table.hasFocus()


def forty_courses(repo: Path, key: PrivateKey, first: int = 0, n: int = 40) -> None:
    """More courses than the table shows at once: it scrolls."""
    for i in range(first, first + n):
        add_course(
            repo, random_files(1, 1 * KB, 100 + i), key=key,
            course_id=f"c{i:02d}", title=f"Course {i:02d}", language="en",
        )  # fmt: skip


def background_check(getting) -> None:  # type: ignore[no-untyped-def]
    """The update check's read, due now, while the Catalog is open (synchronous runner)."""
    check = getting.updates
    check.start(first_ms=3_600_000)  # the test looks itself
    check.context.settings.updates_checked_at = 0.0  # never checked: due
    assert check.consider()


def scrolled_page(window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey):  # type: ignore[no-untyped-def]
    """The Catalog open on forty courses, the second chosen, then scrolled to the end."""
    repo = tmp_path / "repo"
    forty_courses(repo, key)
    trust(services, key)
    getting, _, view = catalog_page(window, services, repo)
    window.activateWindow()
    QApplication.processEvents()  # laid out: the bar's range is the one the learner sees
    view.table.setCurrentIndex(view.filter.index(1, 0))
    bar = view.table.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    return getting, repo, view


def test_a_background_check_leaves_the_catalog_where_the_learner_scrolled(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    """The same courses (the server's 304): the table is not reset; it jumped to the course
    chosen, at the top, every few hours (review r14 #2)."""
    getting, _, view = scrolled_page(window, services, tmp_path, key)
    bar = view.table.verticalScrollBar()
    before = bar.value()
    background_check(getting)
    assert bar.value() == before
    assert view.current_course().id == "c01"  # type: ignore[union-attr]


def test_a_read_with_a_new_course_keeps_the_scroll_and_the_course_chosen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    """A course published meanwhile (sorted last): the table is filled again, and stays
    scrolled where it was, on the course chosen."""
    getting, repo, view = scrolled_page(window, services, tmp_path, key)
    bar = view.table.verticalScrollBar()
    before = bar.value()
    forty_courses(repo, key, first=40, n=1)
    background_check(getting)
    assert view.filter.rowCount() == 41
    assert bar.value() == before
    assert view.current_course().id == "c01"  # type: ignore[union-attr]


def test_refresh_keeps_the_keyboard_focus_while_the_catalogs_are_read(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    """Disabled while busy, the button sent its focus to the table at each read, the update
    check's in the background too (review r14 #3)."""
    repo = tmp_path / "repo"
    forty_courses(repo, key, n=3)
    trust(services, key)
    getting, _, view = catalog_page(window, services, repo)
    window.activateWindow()
    view.refresh_button.setFocus()
    qtbot.waitUntil(view.refresh_button.hasFocus, timeout=5000)
    background_check(getting)
    assert view.refresh_button.hasFocus()
    view.refresh_button.click()  # the learner's own read
    assert view.refresh_button.hasFocus()
