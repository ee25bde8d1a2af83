"""Interface language: Cartable's .qm files from resources/translations, plus Qt's own (standard
buttons, dialogs) for the same language.

The language comes from the learner's profile; before a profile is open, from the last profile
used on this computer, else the one all profiles share, else the system locale (French when the
system speaks French, else English): MainWindow._chooser_language. Strings in the code are
English; both languages ship a .qm (the English one is an identity catalog, so a missing English
.qm is noticed by the translation test like a missing French one). Switching language sends a
LanguageChange event to every widget: views rebuild their text in `changeEvent`.
"""

from __future__ import annotations

import logging
import re
import string
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QTranslator

from player.languages import LANGUAGES as LANGUAGES  # the player's choosers import it here
from player.languages import supported
from player.paths import resources_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def system_language(default: str | None = None) -> str:
    """The first supported language of the system's UI languages, else `default`, else English."""
    for name in QLocale.system().uiLanguages():
        code = supported(name)
        if code:
            return code
    return supported(default) or DEFAULT_LANGUAGE


class Translations:
    """The installed translators; `use(language)` swaps them."""

    def __init__(self, app: QCoreApplication, folder: Path | None = None) -> None:
        self.app = app
        self.folder = folder or translations_dir()
        self.language: str | None = None
        self._installed: list[QTranslator] = []

    def clear(self) -> None:
        """Remove the installed translators (back to the English of the code)."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        self.language = None

    def use(self, language: str) -> bool:
        """Install `language` (fr/en); False (and English) when its .qm cannot be loaded."""
        code = supported(language) or DEFAULT_LANGUAGE
        if code == self.language:
            return True
        self.clear()
        ours = QTranslator(self.app)
        ok = ours.load(f"cartable_{code}", str(self.folder))
        if ok:
            self.app.installTranslator(ours)
            self._installed.append(ours)
        else:
            log.warning("no translation file cartable_%s.qm in %s", code, self.folder)
        qt = QTranslator(self.app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if code != "en" and qt.load(f"qtbase_{code}", qt_dir):
            self.app.installTranslator(qt)
            self._installed.append(qt)
        QLocale.setDefault(interface_locale(code))
        self.language = code
        return ok


def interface_locale(code: str) -> QLocale:
    """How numbers are written in the interface language `code`: the language's own way, as
    its answers are read and its hints say ("0.5×" and "80,000" in English on an en_DK or
    en_ZA system too, whose "0,5" and "80.000" the same English line read as another number).
    Dates and times follow the system's pattern where it speaks the interface's language
    (`date_time_text`)."""
    return QLocale(code)


# French elides "de" and "que" before a vowel: "le code PIN d'Amélie", "dès qu'Orange les aura
# notées". A translation cannot: the name is only known here. Before "h" and "y" it depends on
# the word (d'Hélène but de Hollande, d'Yves but de Yaoundé): left as written.
_ELIDED = re.compile(r"\b([Dd]e|[Qq]ue) %(\d)")
_VOWEL_FIRST = re.compile("[\u2066-\u2068]*[aeiouàâäéèêëîïôöùûüæœAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜÆŒ]")


def fill(template: str, *values: str) -> str:
    """%1, %2... of a translated text replaced in one pass: a value holding "%2" (a course's
    title, a server's answer with an escaped URL) is not filled in turn. In French, "de" and
    "que" before a value starting with a vowel are elided (see _ELIDED)."""

    def value_of(digit: str) -> str | None:
        index = int(digit) - 1
        return values[index] if 0 <= index < len(values) else None

    def elided(match: re.Match[str]) -> str:
        word, digit = match.group(1), match.group(2)
        value = value_of(digit)
        if value is None or not _VOWEL_FIRST.match(value):
            return match.group(0)
        return f"{word[:-1]}'%{digit}"

    def value(match: re.Match[str]) -> str:
        found = value_of(match.group(1))
        return match.group(0) if found is None else found

    if QLocale().language() == QLocale.Language.French:
        template = _ELIDED.sub(elided, template)
    return re.sub(r"%(\d)", value, template)


def no_mnemonic(text: str) -> str:
    """Text written by others (a title, a name) for a button or a buddy label: Qt reads an "&"
    there as the Alt key ("AT&T" shows "ATT", Alt+T presses it), "&&" as one "&"."""
    return text.replace("&", "&&")


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def title_part(text: str) -> str:
    """A course's title, a profile's name or the product's as a window title shows it (the
    main window's, a dialog's "Delete %1", "Check files — %1"): Qt reads "[*]" there as the
    marker of unsaved changes and drops it ("[*][*]" shows one "[*]"), and a name saved with
    control characters (by an older version, or a course's manifest) showed them raw in the
    title bar: each one a space."""
    return spaced_controls(text).replace("[*]", "[*][*]")


def spaced_controls(text: str) -> str:
    """`text` with each control character a space: a native dialog's title, which Qt hands
    the platform as set, its "[*]" not read as a marker (`title_part` would show it twice)."""
    return _CONTROLS.sub(" ", text)


def date_time_text(moment: datetime | float) -> str:
    """A moment (a datetime, naive meaning local; or seconds since the epoch) in local time, as
    a date and time in the interface's language (`written_date_time`): "28 nov. 2026 à 08:26"
    in French, "Nov 28, 2026, 8:26 AM" in English. Every date and time the learner reads goes
    through here: the Sync panel's "2026-11-28 08:27" beside the exam's "28/11/2026 08:26" read
    as two ways of telling the time in one window. One no clock can show: as written
    (`_local`)."""
    when = _local(moment)
    if when is None:
        return as_written(moment)
    return written_date_time(when)


def written_date_time(when: QDateTime) -> str:
    """`when` with its month in words and its year in four digits (`_dated`), then its time:
    "Nov 28, 2026, 8:27 AM" in English. The short form's "11/28/26 11:58 AM" (an exam's
    submission, learner's-eye run f4) can be read as 11 February 2028 or 26 November 2011
    where days come first or years do; a month in numbers, "03/04/2026", is 3 April to some
    and 4 March to others. The order of the day,
    month and year and the clock's form are the system's (its LC_TIME on Unix, its regional
    settings elsewhere: a British learner's "28 Nov 2026, 08:27") when it speaks the
    interface's language, in that language's words (month names, AM); else the interface
    language's ("Nov 28, 2026, 8:27 AM" in English on a German system, not "28. Nov. 2026")."""
    locale = QLocale()
    date = locale.toString(when.date(), _dated())
    time = locale.toString(when.time(), _clock())
    return fill(
        QCoreApplication.translate("Dates", "%1, %2", "a date, then a time of day"), date, time
    )


def time_text(moment: datetime | float) -> str:
    """A moment's time of day alone ("08:26" in French, "8:26 AM" in English; the system's way
    as `written_date_time`'s): one of today."""
    when = _local(moment)
    if when is None:
        return as_written(moment)
    return QLocale().toString(when.time(), _clock())


def _pattern_locale() -> QLocale:
    """Whose patterns dates and times take: the system's when it speaks the interface's
    language, else the interface language's. Its numbers are not taken (`interface_locale`)."""
    system = QLocale.system()
    return system if system.language() == QLocale().language() else QLocale()


def _clock() -> str:
    """The time of day's pattern: "h:mm AP" in English, the system's "HH:mm" in British."""
    pattern = _pattern_locale().timeFormat(QLocale.FormatType.ShortFormat)
    return pattern or QLocale().timeFormat(QLocale.FormatType.ShortFormat)


def _dated() -> str:
    """The date's pattern: the long date's without its weekday, its month abbreviated ("MMM d,
    yyyy" in English, "d MMM yyyy" in French, "d. MMM yyyy" in German); Qt has no medium
    form, and the short one has a two-digit year in English, German and Italian ("M/d/yy").
    The system's when it speaks the interface's language (`_system_date`), else the
    language's own, else "d MMM yyyy": the first with a day, a month in words and a
    four-digit year."""
    own = QLocale()
    system = QLocale.system()
    if system.language() == own.language():
        pattern = _system_date(system.dateFormat(QLocale.FormatType.LongFormat))
        if pattern is not None:
            return pattern
    pattern = _medium_date(own.dateFormat(QLocale.FormatType.LongFormat))
    return pattern if pattern is not None and _tidy(pattern) else "d MMM yyyy"


def _system_date(long_pattern: str) -> str | None:
    """The system's long date as `_medium_date`'s, when it has no words of its own and reads
    well without its weekday; else None, and the interface language's own pattern is taken.
    Qt says a system whose LC_TIME is in another language than its LANG (GNOME's Formats)
    speaks the interface's language, but its pattern brings its words ('de', 'г.', '년', 'ב'):
    "28 de Nov de 2026", "28 Nov 2026 г." in English (review r6)."""
    pattern = _medium_date(long_pattern)
    if pattern is None or not _tidy(pattern):
        return None
    return None if _has_words(pattern) else pattern


def _tidy(pattern: str) -> bool:
    """Whether `pattern` neither starts nor ends with a separator nor holds "()": a weekday
    taken out of a custom long date can leave them ("d MMMM yyyy (dddd)" as "28 Nov 2026 ()",
    "dddd - d MMMM yyyy" as "- 28 Nov 2026"). A closing "." (Hungarian's "yyyy. MMM d.") or
    ")" (Basque's "d('a')") is the pattern's own; a word is not a separator (Chinese's "日")."""
    parts = [match.group(0) for match in _PATTERN_PART.finditer(pattern)]
    stray = [_is_separator(part) and not any(c.isalpha() for c in part) for part in parts]
    if stray[0] or (stray[-1] and parts[-1].strip() not in (".", ")")):
        return False
    return "()" not in pattern.replace(" ", "")


# A date pattern's parts: a quoted literal, a run of one letter (a field), anything else.
_PATTERN_PART = re.compile(r"'[^']*'?|([A-Za-z])\1*|[^'A-Za-z]+")
# What joins a weekday to the rest: "dddd, d MMMM yyyy", "yyyy年M月d日dddd", "dddd، d MMMM".
_WEEKDAY_JOINS = " ,\u00a0\u202f\u060c\u3001\uff0c"


def _medium_date(long_pattern: str) -> str | None:
    """`long_pattern` without its weekday ("ddd", "dddd") and what joined it, its month's name
    abbreviated (MMMM as MMM), its year in four digits; None when it has no day, month or year
    (a system's custom long date may lack one), or its month in numbers ("dddd, MM/dd/yyyy",
    read both ways) where no word says it is the month (Chinese's "yyyy年M月d日" does)."""
    parts = [match.group(0) for match in _PATTERN_PART.finditer(long_pattern)]
    weekdays = [i for i, part in enumerate(parts) if part.startswith("ddd")]
    for weekday in reversed(weekdays):
        del parts[weekday]
        if weekday == len(parts):
            if weekday and _is_separator(parts[weekday - 1]):
                parts[weekday - 1] = parts[weekday - 1].rstrip(_WEEKDAY_JOINS)
        elif _is_separator(parts[weekday]):
            parts[weekday] = parts[weekday].lstrip(_WEEKDAY_JOINS)
    parts = [part for part in parts if part]
    fields = []
    for index, part in enumerate(parts):
        if part[0] == "M" and len(part) >= 4:
            parts[index] = "MMM"
        elif part[0] == "y":
            parts[index] = "yyyy"
        if _is_field(part):
            fields.append(part[0])
    if not {"d", "M", "y"} <= set(fields):
        return None
    medium = "".join(parts)
    if any(part[0] == "M" and len(part) < 3 for part in parts) and not _has_words(medium):
        return None
    return medium


def _has_words(pattern: str) -> bool:
    """Whether `pattern` has letters besides its fields: "'de'", "'г.'", "년", "年"."""
    parts = (match.group(0) for match in _PATTERN_PART.finditer(pattern))
    return any(c.isalpha() for part in parts if not _is_field(part) for c in part)


def _is_separator(part: str) -> bool:
    return bool(part) and not _is_field(part) and part[0] != "'"


def _is_field(part: str) -> bool:
    return part[0] in string.ascii_letters


def _local(moment: datetime | float) -> QDateTime | None:
    """None for a moment no clock can show, out of Python's years 1 to 9999: a damaged
    sync-status.json's NaN, 1e300 or year 10000, a catalog cache's year 1 (its .timestamp()
    raises). They raised ValueError or OverflowError in the Sync panel, or read "1 01 +10000"."""
    try:
        seconds = moment.timestamp() if isinstance(moment, datetime) else float(moment)
        datetime.fromtimestamp(seconds)  # raises out of range, as `clock_text`'s own call would
    except (OverflowError, ValueError, OSError):
        return None
    when = QDateTime.fromSecsSinceEpoch(int(seconds))
    return when if when.isValid() else None


def as_written(moment: datetime | float) -> str:
    """A moment no clock can show, as the file holds it: whoever helps reads what is there."""
    return moment.isoformat(" ") if isinstance(moment, datetime) else str(moment)
