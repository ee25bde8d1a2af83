"""Import records… of a file whose records this computer holds already, and where the file
dialog opens (u1, fr-94 … fr-101): Amélie's saved copy imported into Binta said "0 records
added to Binta. 99 were here already." of records Binta does not hold (a statement is held
once, whatever the profile); the form now says whose they are before asking, the import refuses
them, and the file dialog opens where the last records file was saved or imported."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog

from player.settings import load_settings
from player.store.records import ImportReport
from player.ui.main_window import MainWindow
from player.ui.records_import import NEW
from player.ui.records_import_words import result
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, seen, select, studying
from tests.ui.test_records_import import (
    binta_s_file,
    choose_file,
    everything,
    target_form,
    the_profile,
)


def test_records_held_in_another_profile_are_said_first_and_not_imported(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)  # her copy, saved on this computer
    binta = the_profile(services, "Binta")
    count = len(json.loads(path.read_text(encoding="utf-8"))["statements"])
    dialog = dialog_of(window)
    select(dialog, "Awa")  # selected, yet the file is Binta's: she holds its records here
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    assert seen(form.message.text()) == (
        f"binta.json holds {count} records of Binta."
        f" {count} of them are already on this computer, in Binta's profile."
    )
    target = form.inputs[0]
    assert isinstance(target, QComboBox) and target.currentData() == binta.id
    awa = the_profile(services, "Awa")
    target.setCurrentIndex(target.findData(awa.id))  # into Awa all the same
    before = everything(services.store.conn)
    form.ok.click()
    QApplication.processEvents()
    # Refused, and not asked first whether they are Awa's (which would lead only here).
    said = "Nothing was imported: the records of binta.json are already on this computer, in"
    said += " Binta's profile."
    assert seen(dialog.status.text()) == said
    box = dialog.importer.message  # type: ignore[union-attr]
    assert box is not None and seen(box.text()) == said
    assert everything(services.store.conn) == before


def test_the_result_says_how_many_are_in_other_profiles_and_whose(  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    report = ImportReport(
        statements=10,
        added=2,
        skipped=8,
        queued=2,
        units=1,
        adopted_actor=False,
        elsewhere=6,
        holders=("Binta",),
    )
    assert seen(result("Awa", report)) == (
        "2 records added to Awa. 2 were here already. 6 are already on this computer, in"
        " Binta's profile: they were not added to Awa. 2 to send to your institution."
    )
    report = ImportReport(9, 3, 6, 3, 1, False, elsewhere=6, holders=("Binta", "Chloé"))
    assert seen(result("Awa", report)) == (
        "3 records added to Awa. 6 are already on this computer, in the profiles of Binta,"
        " Chloé: they were not added to Awa. 3 to send to your institution."
    )


def test_a_file_goes_to_its_learners_profile_though_another_holds_a_few_of_its_records(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """ "Add them to" was the profile holding most of the file's records here, before the one
    named as its learner: Awa holding 1 of Binta's records, Enter added Binta's file to Awa."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    count = len(document["statements"])
    assert count > 1
    early = tmp_path / "early.json"
    early.write_text(json.dumps({**document, "statements": document["statements"][:1]}))
    # Once, by mistake, Awa said an early copy of Binta's was hers (the question's Yes).
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    services.store.records.import_file(awa.id, early, same_learner=True)
    binta = services.profiles.add("Binta", "fr")  # Binta made her profile before importing
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    assert seen(form.message.text()).endswith(
        "1 of them is already on this computer, in Awa's profile."
    )
    target = form.inputs[0]
    assert isinstance(target, QComboBox) and target.currentData() == binta.id
    form.ok.click()  # Enter
    QApplication.processEvents()
    assert services.store.outbox.counts(binta.id).total == count - 1
    assert services.store.outbox.counts(awa.id).total == 1


def test_a_file_naming_no_learner_goes_to_a_new_profile_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A bare array of statements names no learner: "Add them to" was the profile selected in
    the list, and Enter added an unknown learner's records to it (and gave a profile without
    records the file's identity). A new profile first, as before, whoever holds some of them."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    statements = json.loads(path.read_text(encoding="utf-8"))["statements"]
    binta = the_profile(services, "Binta")
    services.profiles.remove(binta.id, force=True)  # held by no one
    bare = tmp_path / "array.json"
    bare.write_text(json.dumps(statements), encoding="utf-8")
    chloe = services.profiles.add("Chloé", "fr")
    dialog = dialog_of(window)
    select(dialog, "Chloé")
    choose_file(qtbot, dialog, bare)
    form = target_form(dialog)
    assert seen(form.message.text()) == f"array.json holds {len(statements)} records."
    assert form.values() == [NEW, ""]
    form.ok.click()  # Enter: a name asked, nothing added to Chloé
    QApplication.processEvents()
    assert form.isVisible() and dialog.form is form
    assert services.store.outbox.counts(chloe.id).total == 0
    assert services.profiles.get(chloe.id).actor == chloe.actor
    form.reject()
    # Some of them held by Chloé: a new profile first all the same.
    services.store.records.import_file(chloe.id, path, same_learner=True)
    select(dialog, "Chloé")
    choose_file(qtbot, dialog, bare)
    assert target_form(dialog).values()[0] == NEW
    target_form(dialog).reject()
    # A file naming its learner, who is not here: a new profile for her, as before.
    services.profiles.remove(chloe.id, force=True)
    choose_file(qtbot, dialog, path)
    assert target_form(dialog).values() == [NEW, "Binta"]


def test_the_file_dialog_opens_where_the_last_records_file_was(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """It opened in Documents (home, without one) every time: a learner importing from her USB
    stick went there again for each file."""
    studying(window, services)
    stick = tmp_path / "stick"
    stick.mkdir()
    path = binta_s_file(window, services, stick)
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    choose_file(qtbot, dialog, path)
    target_form(dialog).reject()
    dialog.import_button.click()
    files = importer.file_dialog
    assert isinstance(files, QFileDialog)
    assert Path(files.directory().absolutePath()) == stick
    files.reject()
    settings = load_settings(services.context.paths.settings_file)
    assert settings.records_folder == str(stick), "kept for the next run"
    # A copy saved elsewhere: the next import looks there.
    other = tmp_path / "copies"
    other.mkdir()
    dialog.removal.export(the_profile(services, "Awa"), other / "awa.json")  # SyncRunner: done
    assert (other / "awa.json").is_file()
    dialog.import_button.click()
    files = importer.file_dialog
    assert isinstance(files, QFileDialog)
    assert Path(files.directory().absolutePath()) == other
    files.reject()
    (other / "awa.json").unlink()
    other.rmdir()  # the folder gone (a USB stick taken out): Documents, or home, again
    dialog.import_button.click()
    files = importer.file_dialog
    assert isinstance(files, QFileDialog)
    assert Path(files.directory().absolutePath()) != other
    files.reject()
