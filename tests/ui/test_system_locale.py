"""The system's locale and the interface's language (reviews r11, r15): numbers typed in an answer
are read, and numbers shown are written, the interface language's own way, as its hints say;
dates and times follow the system's own pattern (its LC_TIME) when the system speaks the
interface's language, in that language's words, with the month in words and the year whole.

Qt reads the system's locale from the environment at its start: each case is a process of its
own, its LANG and LC_* set, as a learner's session sets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from player.ui.i18n import _medium_date, _system_date

PROBE = """
import json, sys
from datetime import datetime
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication
app = QApplication(["probe", "-platform", "offscreen"])
from player.course.gift import parse_gift
from player.course.grading import grade
from player.ui.answer_words import number_text
from player.ui.i18n import Translations, date_time_text, time_text
from player.ui.question_widgets import QuestionWidget
from player.ui.video.speed import SpeedBox
assert Translations(app).use(sys.argv[1])
(question,) = parse_gift("::Crowd:: How many people came? {#1500}").questions
widget = QuestionWidget(question)
typed = {}
for text in sys.argv[2:]:
    widget.line.setText(text)
    response = widget.response()
    correct = grade(question, response).correct if response is not None else None
    typed[text] = [response, correct, widget.input_problem()]
print(json.dumps({
    "typed": typed,
    "shown": number_text(1.5),
    "month": QLocale().toString(QDate(2026, 3, 28), "d MMM"),
    "count": QLocale().toString(1234567),
    "date": date_time_text(datetime(2026, 3, 28, 8, 27)),
    "time": time_text(datetime(2026, 3, 28, 8, 27)),
    "speeds": [SpeedBox().itemText(i) for i in range(2)],
}))
"""


def probe(environment: dict[str, str], language: str, *typed: str) -> dict[str, object]:
    """What the probe says in a process with the system's locale `environment`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(environment)
    run = subprocess.run(
        [sys.executable, "-c", PROBE, language, *typed],
        env=env,
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    said: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return said


@pytest.mark.parametrize(
    "environment",
    [{"LANG": "en_DK.UTF-8"}, {"LANG": "en_US.UTF-8", "LC_NUMERIC": "de_DE.UTF-8"}],
)
def test_an_english_interface_reads_a_comma_as_thousands_whatever_the_system(
    environment: dict[str, str],
) -> None:
    """English on en_DK, or with a German LC_NUMERIC: the system's "," was the decimal mark, so
    "1,500" was 1.5 and graded wrong while the hint said "a comma separates thousands"."""
    said = probe(environment, "en", "1,500", "1.5")
    assert said["typed"] == {"1,500": [1500.0, True, ""], "1.5": [1.5, False, ""]}
    assert said["shown"] == "1.5"


def test_a_french_interface_reads_a_decimal_comma_whatever_the_system() -> None:
    """French with LC_NUMERIC=C: "1500,0" was refused ("write decimals with a comma")."""
    said = probe({"LANG": "fr_FR.UTF-8", "LC_NUMERIC": "C"}, "fr", "1500,0", "1 500")
    assert said["typed"] == {"1500,0": [1500.0, True, ""], "1 500": [1500.0, True, ""]}
    assert said["shown"] == "1,5"
    assert said["count"] == "1\u202f234\u202f567", "not C's 1234567"


US, GERMAN = "en_US.UTF-8", "de_DE.UTF-8"


@pytest.mark.parametrize(
    "environment",
    [
        {"LANG": "en_DK.UTF-8"},
        {"LANG": "en_ZA.UTF-8"},
        {"LANG": US, "LC_NUMERIC": GERMAN},
        {"LANG": US, "LC_TIME": GERMAN},
    ],
)
def test_an_english_interface_writes_numbers_as_english_does(environment: dict[str, str]) -> None:
    """An English interface on en_DK or en_ZA wrote the system's "0,5×" and "1.234.567" (the
    system's territory, review r15) beside its answers' hints, which read "0,5" as five and
    "1.234.567" as no number; a German LC_NUMERIC did too (review r11), a German LC_TIME put
    "28 März" in it."""
    said = probe(environment, "en")
    assert said["count"] == "1,234,567"
    assert said["speeds"] == ["0.5\u00d7", "0.75\u00d7"]
    assert said["month"] == "28 Mar"


@pytest.mark.parametrize(
    ("environment", "date", "time"),
    [
        ({"LANG": "en_GB.UTF-8"}, "28 Mar 2026, 08:27", "08:27"),
        ({"LANG": US, "LC_TIME": "en_GB.UTF-8"}, "28 Mar 2026, 08:27", "08:27"),
        ({"LANG": "en_GB.UTF-8", "LC_TIME": "en_DK.UTF-8"}, "28 Mar 2026, 08.27", "08.27"),
        ({"LANG": US, "LC_TIME": GERMAN}, "28. Mar 2026, 08:27", "08:27"),
        ({"LANG": US}, "Mar 28, 2026, 8:27 AM", "8:27 AM"),
        ({"LANG": GERMAN}, "Mar 28, 2026, 8:27 AM", "8:27 AM"),  # not English: English's own
    ],
)
def test_an_english_interface_writes_dates_the_systems_way_when_it_speaks_english(
    environment: dict[str, str], date: str, time: str
) -> None:
    """A learner's LC_TIME is how they read dates: en_US with LC_TIME=en_GB wrote the US
    "3/28/26 8:27 AM" (only the system's territory was kept, review r15). The system's order
    and clock when the system speaks English, else English's own, in English words either
    way; the month in words and the year in four digits whatever the system (run f4)."""
    said = probe(environment, "en")
    assert str(said["date"]).replace("\u202f", " ") == date
    assert str(said["time"]).replace("\u202f", " ") == time


@pytest.mark.parametrize(
    ("environment", "language", "date"),
    [
        ({"LANG": US}, "en", "Mar 28, 2026, 8:27 AM"),  # short: M/d/yy
        ({"LANG": "en_IN.UTF-8"}, "en", "28 Mar 2026, 8:27 AM"),  # dd/MM/yy
        ({"LANG": US, "LC_TIME": GERMAN}, "en", "28. Mar 2026, 08:27"),  # dd.MM.yy
        ({"LANG": "fr_CH.UTF-8"}, "fr", "28 mars 2026 à 08:27"),  # dd.MM.yy
        ({"LANG": "it_IT.UTF-8"}, "fr", "28 mars 2026 à 08:27"),  # dd/MM/yy, not French
    ],
)
def test_a_date_never_has_a_two_digit_year_nor_a_month_in_numbers(
    environment: dict[str, str], language: str, date: str
) -> None:
    """An exam said "submitted 11/28/26 11:58 AM" in English (learner's-eye run f4): the short
    date of these systems, "M/d/yy" or "dd.MM.yy", read as 11 February 2028 or 26 November
    2011 where days or years come first. Each now writes its month in words, its year whole."""
    said = probe(environment, language)
    written = str(said["date"]).replace("\u202f", " ")
    assert written == date
    assert "/" not in written
    assert "03" not in written, "no month in numbers"


@pytest.mark.parametrize(
    ("long_pattern", "medium"),
    [
        ("dddd, MMMM d, yyyy", "MMM d, yyyy"),  # English
        ("dddd d MMMM yyyy", "d MMM yyyy"),  # French
        ("dddd, d. MMMM yyyy", "d. MMM yyyy"),  # German: the day's dot stays
        ("dddd, d 'de' MMMM 'de' yyyy", "d 'de' MMM 'de' yyyy"),  # Spanish
        ("yyyy年M月d日dddd", "yyyy年M月d日"),  # Chinese: the month's number is its word
        ("yyyy년 MMMM d일 dddd", "yyyy년 MMM d일"),  # Korean
        ("yyyy. MMMM d., dddd", "yyyy. MMM d."),  # Hungarian
        ("MMMM d, dddd, yy", "MMM d, yyyy"),  # a weekday between, a two-digit year
        ("ddd dd MMMM yy", "dd MMM yyyy"),
        ("ddd dd/MM/yy", None),  # a month in numbers, read both ways
        ("dddd, MM/dd/yyyy", None),
        ("dddd, MMMM yyyy", None),  # a custom long date without its day
        ("dddd d MMMM", None),  # nor its year
    ],
)
def test_the_date_pattern_is_the_long_ones_without_its_weekday(
    long_pattern: str, medium: str | None
) -> None:
    """Qt has a long date ("Saturday, November 28, 2026") and a short one ("11/28/26"), no
    medium: the long one without its weekday, its month abbreviated, its year whole."""
    assert _medium_date(long_pattern) == medium


@pytest.mark.parametrize(
    ("long_pattern", "medium"),
    [
        ("dddd, MMMM d, yyyy", "MMM d, yyyy"),  # en_US
        ("dddd, d MMMM yyyy", "d MMM yyyy"),  # en_GB
        ("dddd, d. MMMM yyyy", "d. MMM yyyy"),  # de_DE: no words, its order kept
        ("yyyy. MMMM d., dddd", "yyyy. MMM d."),  # hu_HU: a closing "." is its own
        ("dddd, d 'de' MMMM 'de' yyyy", None),  # pt_BR's words: "28 de Nov de 2026"
        ("d MMMM yyyy 'г'.", None),  # ru_RU's: "28 Nov 2026 г."
        ("yyyy년 MMMM d일 dddd", None),  # ko_KR's
        ("yyyy年M月d日dddd", None),  # ja_JP's
        ("dddd, MM/dd/yyyy", None),  # a custom long date, its month in numbers
        ("d MMMM yyyy (dddd)", None),  # "28 Nov 2026 ()"
        ("dddd - d MMMM yyyy", None),  # "- 28 Nov 2026"
        ("d MMMM yyyy - dddd", None),  # "28 Nov 2026 -"
    ],
)
def test_the_system_s_pattern_is_taken_only_without_words_of_its_own(
    long_pattern: str, medium: str | None
) -> None:
    """A system whose LC_TIME is in another language than its LANG (GNOME's Formats) is said
    by Qt to speak the interface's language, but its long date has its language's words
    (review r6); a custom one may have its month in numbers, or be left with stray separators
    once its weekday is out. Then (None) the interface language's own pattern is taken."""
    assert _system_date(long_pattern) == medium
