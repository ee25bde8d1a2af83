"""A course's language as the learner reads it: "en" is English, not Qt's "American English";
a region only when the code names one; in the interface language."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from player.ui.language_names import language_name

FRENCH_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="fr_FR"><context><name>LanguageName</name>
<message><source>English</source><translation>anglais</translation></message>
<message><source>French</source><translation>français</translation></message>
</context></TS>
"""


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def french(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """A French interface whose catalog translates English and French only."""
    ts, qm = tmp_path / "names_fr.ts", tmp_path / "names_fr.qm"
    ts.write_text(FRENCH_TS, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale("fr"))
    yield
    QLocale.setDefault(before)
    qapp.removeTranslator(translator)


def test_a_bare_code_names_the_language_alone_and_a_region_only_when_given(english) -> None:  # type: ignore[no-untyped-def]
    assert language_name("en") == "English"
    assert language_name("es") == "Spanish"
    assert language_name("fr") == "French"
    assert language_name("en-GB") == "English (United Kingdom)"
    assert language_name("fr_CA") == "French (Canada)"
    assert language_name("xx") == "xx"


def test_in_french_the_language_is_named_in_french_or_else_in_its_own_language(french) -> None:  # type: ignore[no-untyped-def]
    assert language_name("en") == "Anglais"
    assert language_name("fr") == "Français"
    assert language_name("fr-CA") == "Français (Canada)"
    assert language_name("sv") == "Svenska"  # no French name known: its own, not "Swedish"
