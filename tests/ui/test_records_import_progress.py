"""Import records… in Manage profiles: while the import runs, a bar counts the records done and
Cancel stops it, the records left exactly as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from player.store.records import ImportReport
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, seen, studying
from tests.ui.test_records_import import (
    binta_s_file,
    choose_file,
    everything,
    target_form,
    the_profile,
)


def test_the_bar_counts_every_record_then_goes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None and not importer.progress_row.isVisible()
    choose_file(qtbot, dialog, path)
    seen_values: list[tuple[int, int, bool, str]] = []

    def shown(value: int) -> None:
        seen_values.append(
            (
                value,
                importer.bar.maximum(),
                importer.progress_row.isVisible() and importer.cancel_button.isEnabled(),
                importer.count.text(),
            )
        )

    importer.bar.valueChanged.connect(shown)
    target_form(dialog).ok.click()  # a new profile, Binta
    QApplication.processEvents()
    total = seen_values[0][1]
    assert total > 1
    assert seen_values[-1] == (total, total, True, f"{total} of {total} records")
    assert all(visible for _, _, visible, _ in seen_values), "the bar and Cancel while it runs"
    assert not importer.progress_row.isVisible(), "gone once imported"
    assert seen(dialog.status.text()).startswith(f"{total} records added to Binta.")


def test_cancel_midway_leaves_the_records_as_they_were(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Cancel, pressed while the bar is halfway, rolls the import back: no profile made for
    the file, not one row changed, and the status line says nothing was imported."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    conn = services.store.conn
    before = everything(conn)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    choose_file(qtbot, dialog, path)
    pressed: list[int] = []

    def halfway(value: int) -> None:
        if not pressed and value >= importer.bar.maximum() // 2:
            pressed.append(value)
            importer.cancel_button.click()  # the worker's next record stops it

    importer.bar.valueChanged.connect(halfway)
    target_form(dialog).ok.click()  # a new profile, Binta
    qtbot.waitUntil(lambda: not importer.busy, timeout=10_000)
    assert pressed and pressed[0] < importer.bar.maximum()
    assert everything(conn) == before
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    assert seen(dialog.status.text()) == "Nothing was imported."
    assert not importer.progress_row.isVisible()
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()


@pytest.mark.parametrize(
    ("language", "count"),
    [
        ("en", "12,345 of 80,000 records"),
        ("fr", "12\u202f345 sur 80\u202f000 traces d'apprentissage"),
    ],
)
def test_the_count_groups_its_digits_as_the_language_does(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str, count: str
) -> None:
    """80,000 records (a year of study is 9,000): "12345 of 80000" was hard to read."""
    studying(window, services)
    services.translations.use(language)
    importer = dialog_of(window).importer
    assert importer is not None
    importer._done = (12_345, 80_000)  # as the worker tells it (see test_the_bar_counts...)
    importer._show_count()
    assert importer.count.text() == count
    assert importer.bar.accessibleDescription() == count


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", ("12,345 records added to Binta.", "1,234 ", "2,000 ", "60,000 ")),
        ("fr", ("12\u202f345 ", "1\u202f234 ", "2\u202f000 ", "60\u202f000 ")),
    ],
)
def test_the_result_and_the_delete_question_group_their_counts(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str, counts: tuple[str, ...]
) -> None:
    """A term's records brought from another computer: "12345 records added" was hard to read.
    Read in French too, whether the catalog has the texts yet or not."""
    studying(window, services)
    services.translations.use(language)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    report = ImportReport(13_579, 12_345, 1_234, 12_345, 3, False, grades_unverified=2_000)
    said = seen(importer.result("Binta", report)) + " " + dialog.unsent(60_000)
    assert all(count in said for count in counts), said


def test_the_bar_keeps_its_width_as_the_count_grows(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The count beside the bar is as wide at "0 of 80,000" as at "80,000 of 80,000": the bar
    narrowed as it filled."""
    studying(window, services)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    importer._show_progress(True, 80_000)
    widths = []
    for done in (0, 8, 12_345, 80_000):
        importer._done = (done, 80_000)  # as the worker tells it
        importer._show_count()
        dialog.layout().activate()
        importer.progress_row.layout().activate()
        QApplication.processEvents()
        widths.append(importer.bar.width())
    assert widths[0] > 0 and widths == [widths[0]] * 4, widths


@pytest.mark.parametrize(
    ("language", "count"),
    [
        ("en", "2,692 of 20,706 records"),
        ("fr", "2\u202f692 sur 20\u202f706 traces d'apprentissage"),
    ],
)
def test_the_count_is_read_whole_and_the_bar_keeps_its_room_in_either_language(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str, count: str
) -> None:
    """u4, in French: "2 692 sur 20 706 traces d'ap" cut under Stop, and the bar 95 px wide: the
    count beside the bar grew its minimum width, the dialog (a width of its own) did not. The
    count on its own line above the bar and Stop: read whole, the bar as wide at any count."""
    studying(window, services)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    try:
        services.translations.use(language)
        QApplication.processEvents()
        dialog.resize(dialog.minimumSize())  # as narrow as it goes (u4's was)
        importer._show_progress(True, 20_706)
        bars = []
        for done in (0, 2_692, 20_706):
            importer._done = (done, 20_706)  # as the worker tells it
            importer._show_count()
            dialog.layout().activate()
            QApplication.processEvents()
            label = importer.count
            shown = label.fontMetrics().horizontalAdvance(label.text())
            assert shown <= label.contentsRect().width(), (label.text(), label.width())
            bars.append(importer.bar.width())
            if done == 2_692:
                assert label.text() == count
    finally:
        services.translations.use("en")
    assert bars == [bars[0]] * 3, bars
    row = importer.progress_row.width()
    assert bars[0] >= row // 2, f"the bar {bars[0]} px of a {row} px row"


def test_a_tick_sets_the_count_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The widest text was set to measure it, then the count: two name changes a tick for a
    screen reader, the first a false "80,000 of 80,000"."""
    studying(window, services)
    importer = dialog_of(window).importer
    assert importer is not None
    importer._show_progress(True, 80_000)
    texts: list[str] = []
    set_text = importer.count.setText
    importer.count.setText = lambda text: (texts.append(text), set_text(text))  # type: ignore[method-assign]
    importer._done = (12_345, 80_000)  # as the worker tells it
    importer._show_count()
    assert texts == ["12,345 of 80,000 records"]
