"""Refresh the translation catalogs from the code, then compile them.

    .venv/bin/python resources/translations/update.py

1. `pyside6-lupdate` collects every `tr()` / `QCoreApplication.translate()` string of the GUI
   (player/app.py and player/ui/) into cartable_fr.ts and cartable_en.ts, keeping the existing
   translations and dropping vanished strings. No source locations are stored, so the catalogs
   change only when strings change.
2. English is the language of the code: new English entries get their source text as their
   translation. French entries must be translated by hand (Qt Linguist, or an editor): new ones
   stay "unfinished" and tests/ui/test_translations.py fails until they are done.
3. `pyside6-lrelease` compiles each .ts into the .qm the player loads (committed; the test checks
   that they match the .ts).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
LANGUAGES = ("fr", "en")


def sources(root: Path = ROOT) -> list[Path]:
    """The files whose strings are shown to learners (sorted: stable catalogs)."""
    found = [root / "player" / "app.py", *sorted((root / "player" / "ui").rglob("*.py"))]
    return [p for p in found if p.is_file()]


def ts_file(language: str, folder: Path = HERE) -> Path:
    return folder / f"cartable_{language}.ts"


def qm_file(language: str, folder: Path = HERE) -> Path:
    return folder / f"cartable_{language}.qm"


def lupdate(ts: Path, root: Path = ROOT) -> None:
    files = [str(p.relative_to(root)) for p in sources(root)]
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            ts.stem.split("_", 1)[1],
            *files,
            "-ts",
            str(ts),
        ],
        cwd=root,
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def fill_identity(ts: Path) -> int:
    """English: an unfinished entry's translation is its source. Returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = source
        else:
            translation.text = source
        del translation.attrib["type"]
        filled += 1
    if filled:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
            encoding="utf-8",
        )
        lupdate(ts)  # back to lupdate's exact layout
    return filled


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                missing.append(f"{name}: {message.findtext('source')!r}")
    return missing


def main() -> int:
    for language in LANGUAGES:
        ts = ts_file(language)
        lupdate(ts)
        if language == "en":
            fill_identity(ts)
        lrelease(ts, qm_file(language))
        todo = unfinished(ts)
        print(f"{ts.name}: {len(todo)} to translate")
        for line in todo:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
