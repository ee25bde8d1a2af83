"""French elides "de" and "que" before a vowel ("le code PIN d'Amélie"); a translation cannot, as
the name is only known when the text is filled, so `fill` does it in a French interface."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from player.ui.i18n import fill, translations_dir
from player.wording import isolated


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
