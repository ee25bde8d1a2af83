"""French elides "de" and "que" before a vowel ("le code PIN d'Amélie"); a translation cannot, as
the name is only known when the text is filled, so `fill` does it in a French interface."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from player.store.profiles import Profile
from player.ui import import_controller
from player.ui.exam.clock_texts import time_warning
from player.ui.exam.results_texts import _what_next
from player.ui.exam.start_texts import start_grading
from player.ui.i18n import fill, translations_dir
from player.ui.main_window import MainWindow
from player.ui.profile_dialog import PinWords
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.downloads_support import attach
from tests.ui.test_profiles import dialog_of, select, studying


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The French interface as shipped: its catalog, and the French locale."""
    translator = QTranslator()
    assert translator.load("cartable_fr", str(translations_dir()))
    qapp.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale("fr"))
    yield
    QLocale.setDefault(before)
    qapp.removeTranslator(translator)


def language_row(name: str) -> str:
    template = QCoreApplication.translate("ProfileLanguageRow", "Language of %1's &profile:")
    return fill(template, isolated(name))


def test_de_before_a_name_starting_with_a_vowel_is_elided(french) -> None:  # type: ignore[no-untyped-def]
    assert language_row("Amélie") == "Langue du &profil d'\u2068Amélie\u2069\u00a0:"
    assert language_row("Awa") == "Langue du &profil d'\u2068Awa\u2069\u00a0:"
    assert language_row("Binta") == "Langue du &profil de \u2068Binta\u2069\u00a0:"


def test_only_de_and_que_as_words_before_a_vowel(french) -> None:  # type: ignore[no-untyped-def]
    assert fill("dès que %1 les aura notées", "Orange") == "dès qu'Orange les aura notées"
    assert fill("De %1 à %2", "Issa", "Awa") == "D'Issa à Awa"
    assert fill("Mode %1", "Awa") == "Mode Awa"  # "de" inside a word
    assert fill("le seuil est de %1", "80 %") == "le seuil est de 80 %"
    assert fill("de %1", "Hélène") == "de Hélène"  # h: it depends on the word, left as written
    assert fill("de %2", "Awa") == "de %2"  # no such value: left as it was


def test_english_is_left_as_written(qapp) -> None:  # type: ignore[no-untyped-def]
    before = QLocale()
    QLocale.setDefault(QLocale("en"))
    try:
        assert fill("a friend de %1", "Amélie") == "a friend de Amélie"
    finally:
        QLocale.setDefault(before)


# One real case per module that fills a name into a French "de %1" / "que %1": the shipped
# catalog, a name starting with a vowel.

FSI, PDI = "\u2068", "\u2069"


def test_the_exam_s_institution(french) -> None:  # type: ignore[no-untyped-def]
    """exam/start_texts.py, exam/results_texts.py: "dès qu'Orange", "auprès d'Orange"."""
    grading = start_grading("Orange Campus", True)
    assert f"dès qu'{FSI}Orange Campus{PDI} les aura corrigées" in grading, grading
    waiting = _what_next("Orange Campus", False, False)
    assert f"auprès d'{FSI}Orange Campus{PDI}" in waiting, waiting
    assert f"Quand {FSI}Orange Campus{PDI} les aura notées" in waiting, waiting
    assert "moins de " in time_warning(1), "before a number: as written"


def test_importing_a_course_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """import_controller.py: "Importation d'ancien-cours.zip…"."""
    studying(window, services)
    services.translations.use("fr")
    shown: list[str] = []
    monkeypatch.setattr(import_controller, "show_message", lambda _bar, text: shown.append(text))
    monkeypatch.setattr(services.tasks, "run_task", lambda *_args, **_kwargs: None)
    getting, _ = attach(window, services)
    getting.import_paths([tmp_path / "ancien-cours.zip"])
    assert shown == [f"Importation d'{FSI}ancien-cours.zip{PDI}…"]


@pytest.fixture
def amelie(window: MainWindow, services: ShellServices) -> Profile:
    """Amélie's profile, a PIN on it; Awa's open, the interface in French."""
    profile = services.profiles.add("Amélie", "fr", pin="1234")
    studying(window, services)
    services.translations.use("fr")
    return profile


def test_the_pin_asked_on_the_switch_page(amelie: Profile) -> None:
    """profile_dialog.py (PinWords, ProfilePage)."""
    said = PinWords().malformed(amelie)
    assert said == f"Saisissez le code PIN à 4 chiffres d'{FSI}Amélie{PDI}."


def test_manage_profiles_names_amelie_with_d_apostrophe(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, amelie: Profile, monkeypatch
) -> None:
    """profiles_dialog.py (Open), profile_pins.py (the PIN's field), profile_edits.py (Rename),
    profile_removal.py (Delete), records_import.py (Reading)."""
    dialog = dialog_of(window)
    select(dialog, "Amélie")
    dialog.ask_open()
    form = dialog.form
    assert form is not None
    assert form.message.text() == f"Saisissez le code PIN d'{FSI}Amélie{PDI}."
    labels = [label.text() for label in form.findChildren(QLabel) if label.buddy() is not None]
    assert labels == [f"Code &PIN d'{FSI}Amélie{PDI}\u00a0:"]
    form.reject()

    dialog.edits.ask_rename()
    form = dialog.form
    assert form is not None
    assert form.message.text() == f"Le nouveau nom d'{FSI}Amélie{PDI}\u00a0:"
    form.reject()

    dialog.removal.ask()
    question = dialog.removal.question
    assert question is not None
    assert f"tout le suivi d'apprentissage d'{FSI}Amélie{PDI}." in question.text()
    question.reject()

    importer = dialog.importer
    assert importer is not None
    monkeypatch.setattr(importer.place.tasks, "run_task", lambda *_args, **_kwargs: None)
    importer.read(Path("ancien-suivi.json"))
    try:
        assert dialog.status.text() == f"Lecture d'{FSI}ancien-suivi.json{PDI}…"
    finally:
        importer._set_busy(False)  # the read never ran


def test_the_product_s_name_in_the_download_refusals(french) -> None:  # type: ignore[no-untyped-def]
    """Final read f15 #3: the Downloads page's and the Catalog's refusals put the product's name
    in with `.replace`: a branding named "Atelier" read "que Atelier"."""
    from player.ui.catalog_words import failure_text
    from player.ui.downloads_view import failure_words
    from sync.download_state import FailureKind

    assert "qu'\u2068Atelier\u2069 ne peut" in failure_text(
        FailureKind.SERVER, "https://x", "Atelier"
    )
    words = failure_words("", FailureKind.EARLIER_KEY, "Atelier")
    assert "qu'\u2068Atelier\u2069 n'accepte plus" in words, words
