"""French and English catalogs: up to date with the code, complete, consistent, compiled.

When one of these fails after a change to a user-facing string, run
`.venv/bin/python resources/translations/update.py`, translate what it lists in
resources/translations/cartable_fr.ts, and run it again.
"""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from tests.support import ROOT

sys.path.insert(0, str(ROOT / "resources" / "translations"))
import update

FIX = "run `.venv/bin/python resources/translations/update.py` and translate what it lists"
PLACEHOLDER = re.compile(r"%\d|%n|\{[a-z_]*\}")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def translations(message: ET.Element) -> list[str]:
    element = message.find("translation")
    if element is None:
        return []
    forms = element.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [element.text or ""]


@pytest.mark.parametrize("language", update.LANGUAGES)
def test_catalog_holds_exactly_the_strings_of_the_code(language: str, tmp_path: Path) -> None:
    committed = update.ts_file(language)
    assert committed.is_file(), f"{committed.name} is missing: {FIX}"
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    update.lupdate(fresh)
    before = {(c, s) for c, s, _ in messages(committed)}
    after = {(c, s) for c, s, _ in messages(fresh)}
    new = sorted(after - before)
    gone = sorted(before - after)
    assert not new and not gone, f"{committed.name} is stale ({FIX}): new {new}, gone {gone}"
    assert fresh.read_bytes() == committed.read_bytes(), f"{committed.name} is stale: {FIX}"


@pytest.mark.parametrize("language", update.LANGUAGES)
def test_every_string_is_translated(language: str) -> None:
    untranslated = [
        f"{context}: {source!r}"
        for context, source, message in messages(update.ts_file(language))
        if (message.find("translation") is None)
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not all(t.strip() for t in translations(message))
    ]
    assert not untranslated, f"untranslated in {language}: {untranslated}"


@pytest.mark.parametrize("language", update.LANGUAGES)
def test_translations_keep_placeholders_and_shortcut_markers(language: str) -> None:
    wrong = []
    for context, source, message in messages(update.ts_file(language)):
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in translations(message):
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{context}: {source!r} -> {text!r} (placeholders)")
            if re.search(r"&[^&\s]", source) and not re.search(r"&[^&\s]", text):
                wrong.append(f"{context}: {source!r} -> {text!r} (no & shortcut)")
    assert not wrong, "\n".join(wrong)


def test_english_is_the_text_of_the_code() -> None:
    """Except the singular of plural forms ("%n record waits"), set by hand in cartable_en.ts."""
    different = [
        (source, text)
        for _, source, message in messages(update.ts_file("en"))
        for text in translations(message)[-1:]
        if text != source
    ]
    assert not different


@pytest.mark.parametrize("language", update.LANGUAGES)
def test_compiled_catalog_matches_its_source(language: str, tmp_path: Path) -> None:
    """The .qm the player loads is exactly what lrelease makes of the committed .ts."""
    qm = update.qm_file(language)
    assert qm.is_file(), f"{qm.name} is missing: {FIX}"
    fresh = tmp_path / qm.name
    update.lrelease(update.ts_file(language), fresh)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: {FIX}"


def test_french_catalog_loads_and_translates(qapp) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load("cartable_fr", str(update.HERE))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("LibraryView", "Library") == "Bibliothèque"
        assert QCoreApplication.translate("Status", "Done") == "Fait"
    finally:
        qapp.removeTranslator(translator)


def test_every_gui_source_is_scanned() -> None:
    """A new view in player/ui is in the catalogs without anyone remembering to add it."""
    scanned = set(update.sources())
    for path in (ROOT / "player" / "ui").rglob("*.py"):
        assert path in scanned
    assert ROOT / "player" / "app.py" in scanned


#: What a line holding a translated string calls (lupdate's own: tr, translate, QT_TR_NOOP...).
TRANSLATED = re.compile(r"\b(?:tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\(")


def test_translator_notes_are_on_translated_strings() -> None:
    """pyside6-lupdate takes a `#:` comment as the note for translators of the next tr()
    string, however far: a constant's `#:` comment (NEW in records_import.py) became the note on
    "Import records". A `#:` comment is followed by the line that translates; a comment on
    anything else is a plain `#`."""
    stray = []
    for path in update.sources():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if not line.lstrip().startswith("#:"):
                continue
            following = (t for t in lines[number + 1 :] if not t.lstrip().startswith("#"))
            if not TRANSLATED.search(next(following, "")):
                stray.append(f"{path.relative_to(ROOT)}:{number + 1}: {line.strip()}")
    assert not stray, "a '#:' comment is a note for translators; use '#':\n" + "\n".join(stray)


def test_a_docstring_telling_of_translator_notes_has_them() -> None:
    """A module's docstring that says lupdate takes its `#:` comments as notes for translators
    holds one: sync_status's and dashboard/overview's still told of theirs after 21f0d32 made
    them plain `#` comments, and misled whoever moved the constants."""
    untrue = []
    for path in update.sources():
        text = path.read_text(encoding="utf-8")
        match = re.match(r'\s*(?:"""|\'\'\')(.*?)(?:"""|\'\'\')', text, re.DOTALL)
        docstring = match.group(1) if match else ""
        tells = re.search(r"lupdate (?:joins|makes|takes) (?:the |each )?`#:`", docstring)
        notes = any(line.lstrip().startswith("#:") for line in text.splitlines())
        if tells and not notes:
            untrue.append(str(path.relative_to(ROOT)))
    assert not untrue, "docstrings telling of '#:' notes the module lacks: " + ", ".join(untrue)


# English plural sources that read right for one as they are: no noun after %n takes an s.
SAME_FOR_ONE = {
    ("CourseCard", "%n of %1 units done · %2 studied"),
    ("CourseView", "Module %1: %2, %n of %3 units done"),
    ("CourseView", "%n of %1 units done"),
    ("DownloadsIndicator", "Downloading %1% · %n failed"),
    ("ExamView", "Attempts left: %n"),
    ("QuizView", "Attempts left: %n"),
    ("RecordsImport", "%Ln to send to your institution."),
    ("RepairDialog", "…and %Ln more."),
    ("SyncIndicator", "%Ln waiting"),
    ("SyncIndicator", "%Ln refused"),
    ("SyncIndicator", "Learning records waiting to be sent: %Ln"),
    ("SyncIndicator", "Refused by the server: %Ln"),
}


def test_every_english_plural_has_its_singular() -> None:
    """A %n string said the same for one and for many read "1 courses", "Found 1 computers":
    its singular is set by hand in cartable_en.ts, or, when the words need none, the string
    is listed in SAME_FOR_ONE."""
    same = {
        (context, source)
        for context, source, message in messages(update.ts_file("en"))
        if message.get("numerus") == "yes" and len(set(translations(message))) == 1
    }
    assert same - SAME_FOR_ONE == set(), "set the singular (first numerusform) in cartable_en.ts"
    assert SAME_FOR_ONE - same == set(), "no longer the same for one: take it off SAME_FOR_ONE"
