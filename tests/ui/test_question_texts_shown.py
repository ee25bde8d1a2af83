"""What a question widget shows is the author's text, character for character: `&`, `<` and
tags in plain text are text, never markup or a keyboard shortcut. Questions come from the real
GIFT parser; what a label shows is read back from Qt itself (its selection)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import QLabel, QLineEdit, QStyle, QStyleOptionFrame

from player.course.gift import parse_gift
from player.course.grading import Grade, grade
from player.course.interactions import activity_definition
from player.course.spaces import html_words, one_line
from player.ui.question_text import _AS_DIV, sanitize_html
from player.ui.question_widgets import QuestionWidget
from tests.ui.unit_support import french, shipped_french


def shown(label: QLabel) -> str:
    """The characters the label displays (Qt's own rendering of its text, selected whole)."""
    flags = label.textInteractionFlags()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    whole = ""
    for length in range(1, len(label.text()) + 1):
        label.setSelection(0, length)
        if len(label.selectedText()) <= len(whole):
            break
        whole = label.selectedText()
    label.setTextInteractionFlags(flags)
    return whole


def widget_for(qtbot, gift: str) -> QuestionWidget:  # type: ignore[no-untyped-def]
    (question,) = parse_gift(gift).questions
    widget = QuestionWidget(question)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_matching_prompts_show_ampersands_and_brackets_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_for(
        qtbot, "Match. {=Tom & Jerry -> cartoon =AT&T -> phone =x < y -> less than}"
    )
    assert [shown(label) for label in widget.source_labels] == ["Tom & Jerry", "AT&T", "x < y"]
    for combo in widget.combos:  # no hidden Alt key from an "&" in a prompt
        assert all(label.buddy() is not combo for label in widget.source_labels)


def test_choices_with_ampersands_are_text_not_shortcuts(qtbot) -> None:  # type: ignore[no-untyped-def]
    for gift in (
        "Which is true in C? {=a && b ~AT&T ~x < y}",
        "Which are true in C? {~%50%a && b ~%50%AT&T ~%-100%x < y}",
    ):
        widget = widget_for(qtbot, gift)
        for choice, button in zip(widget.question.choices, widget.buttons, strict=True):
            assert button.shortcut().isEmpty(), button.text()
            said = QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name)
            assert said == choice.text


def test_a_question_title_is_plain_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_for(qtbot, "::The <b> tag & its use::What does it do? {=bold ~italic}")
    assert shown(widget.title) == "The <b> tag & its use"


def placeholder_room(line: QLineEdit) -> int:
    """The width Qt draws a line edit's text in: its contents rect less the 2 px a side it keeps."""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    rect = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    return rect.width() - margins.left() - margins.right() - 2 * 2


@pytest.mark.parametrize("gift", ["How many? {#3.14:0.01}", "Which word? {=yes}"])
def test_the_answer_placeholder_is_shown_whole_in_both_languages(qtbot, qapp, theme, gift) -> None:  # type: ignore[no-untyped-def]
    """The numeric hint was cut to "Un nombre, par e…": the field kept Qt's 17-x width. Under
    the theme, in the empty line the learner is in: its focused border is 1 px wider a side,
    and a width measured unfocused cut the English hint by 2 px."""
    theme.apply("light")
    widget = widget_for(qtbot, gift)
    widget.resize(1000, 600)
    line = widget.line
    assert line is not None
    widget.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus, timeout=5000)

    def whole() -> bool:
        needed = line.fontMetrics().horizontalAdvance(line.placeholderText())
        return needed <= placeholder_room(line)

    english = line.placeholderText()
    qtbot.waitUntil(whole, timeout=5000)
    with french(qapp):
        qtbot.waitUntil(lambda: line.placeholderText() != english, timeout=5000)
        qtbot.waitUntil(whole, timeout=5000)


@pytest.mark.parametrize(
    ("gift", "chosen", "correct"),
    [
        ("[markdown]Which? {=**yes**#Right: it is. ~no#Not: it is *yes*.}", 0, True),
        ("[markdown]Which? {=**yes**#Right: it is. ~no#Not: it is *yes*.}", 1, False),
        ("[markdown]Which are? {~%50%a#First **one**. ~%50%b#Second. ~%-100%c#No.}", 0, False),
        ("[markdown]True? {T#Wrong: it *is* true.#Right: it *is* true.}", 0, True),
        ("[html]Which? {=<b>yes</b>#<p>Right: it is.</p> ~no#Not.}", 0, True),
    ],
)
def test_a_markdown_feedback_follows_its_mark_on_one_line(qtbot, gift, chosen, correct) -> None:  # type: ignore[no-untyped-def]
    """A Markdown feedback is a paragraph: it went under its ✓ as a second, spaced line."""
    widget = widget_for(qtbot, gift)
    widget.buttons[chosen].setChecked(True)
    widget.show_grade(Grade(1.0 if correct else 0.0, correct))
    mark = widget.marks[chosen]
    assert not mark.isHidden()
    document = QTextDocument()
    document.setHtml(mark.text())
    assert document.blockCount() == 1, mark.text()
    assert document.toPlainText().startswith(("\u2713 ", "\u2717 ")), document.toPlainText()


@pytest.mark.parametrize("chosen", [0, 1])
def test_a_true_false_feedback_is_shown_once_by_the_answer(qtbot, chosen) -> None:  # type: ignore[no-untyped-def]
    """It was shown under the answer and again under the verdict."""
    widget = widget_for(qtbot, "True? {TRUE#Yet it is true.#Yes: it is true.####Because.}")
    widget.buttons[chosen].setChecked(True)
    response = widget.response()
    assert response is not None
    widget.show_grade(grade(widget.question, response))
    said = "Yes: it is true." if chosen == 0 else "Yet it is true."
    assert said in widget.marks[chosen].text()
    assert widget.feedback.isHidden(), widget.feedback.text()
    assert shown(widget.general) == "Because."


def test_the_question_number_follows_a_language_change(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """ "Question 3 of 12" was set once: switched to English during an exam, the learner still
    read "Question 3 sur 12" above the question (and screen readers heard it)."""
    widget = widget_for(qtbot, "Which? {=yes ~no}")
    widget.set_number(3, 12)
    assert widget.number.text() == "Question 3 of 12"
    with french(qapp):
        french_text = shipped_french("QuestionWidget", "Question %1 of %2")
        expected = french_text.replace("%1", "3").replace("%2", "12")
        qtbot.waitUntil(lambda: widget.number.text() == expected, timeout=5000)
        assert widget.accessibleName().startswith(expected)
    qtbot.waitUntil(lambda: widget.number.text() == "Question 3 of 12", timeout=5000)
    assert widget.accessibleName().startswith("Question 3 of 12")


def test_a_form_field_in_an_html_statement_leaves_the_words_apart(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What Qt draws: the options were a <div> each, and the words after the list ran into the
    last one ("deuxtrois"); an input dropped glued "quatre" and "cinq"."""
    widget = widget_for(
        qtbot,
        "[html]<p>un <select><option>deux</option><option>trois</option></select>quatre"
        "<input value='x'>cinq</p> {=oui}",
    )
    assert shown(widget.text) == "un [deux / trois] quatre cinq"


def test_a_drop_down_list_left_open_leaves_the_rest_of_the_statement_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Its options were the rest of the text: the label showed 'Ville [Paris / Lyon] ', the
    words after the list and the blank gone, and the next paragraph with them."""
    widget = widget_for(
        qtbot,
        "[html]<p>Ville <select><option>Paris</option><option>Lyon</option> laquelle"
        " {=Paris} est la capitale ?</p><p>Une seule réponse.</p>",
    )
    said = shown(widget.text)
    assert said.startswith("Ville [Paris / Lyon] laquelle "), said
    assert said.endswith(" est la capitale ?\u2029Une seule réponse."), said


def test_a_question_holding_a_very_long_character_reference_is_shown_and_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    """html.parser raised ValueError on "&#" and 4,400 nines (int()'s digit limit), so building
    the question's widget failed and the quiz could not show it; U+FFFD, as any past U+10FFFF."""
    widget = widget_for(qtbot, "[html]Combien font 2 &#" + "9" * 4400 + "; 3 ?{=5 ~4}\n")
    assert shown(widget.text) == "Combien font 2 \ufffd 3 ?"
    (question,) = parse_gift("[html]Combien font 2 &#" + "9" * 4400 + "; 3 ?{=5 ~4}\n").questions
    name = activity_definition(question, "fr")["name"]["fr"]  # the xAPI name of every answer
    assert name == "Combien font 2 \ufffd 3 ?"


# Every block the sanitizer makes a <div>: a <div>, a Moodle multilang span, each block tag off
# its list (player/ui/question_text.py _AS_DIV), each holding text alone.
DIV_BLOCKS = [("<div>", "</div>"), ('<span class="multilang" lang="fr">', "</span>")] + [
    (f"<{tag}>", f"</{tag}>") for tag in sorted(_AS_DIV)
]


def document_text(rich: str) -> str:
    """What Qt's rich text holds (a QLabel's text is a QTextDocument), paragraphs and lines
    both as "\\n"."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


@pytest.mark.parametrize(("start", "end"), DIV_BLOCKS, ids=[s for s, _ in DIV_BLOCKS])
def test_the_words_after_a_block_are_on_the_next_line(start: str, end: str) -> None:
    """Qt's HTML import ran the words after a <div> holding text alone into its line ("ac",
    "<figure><img alt=Carte></figure>Quelle ville ?" drew "[Carte]Quelle ville ?"). Now the
    next line, as after any block: no blank line before a block or an author's <br>, none
    added at the end."""
    block = f"{start}a{end}"
    followers = {
        "c": "a\nc",
        " c": "a\nc",
        "<b>c</b>": "a\nc",
        "<a href='https://example.org/'>c</a>": "a\nc",
        "<img src='x.png' alt='c'>": "a\n[c]",
        "<input value='x'>c": "a\nc",
        f"{start}b{end}c": "a\nb\nc",
        "<div>c</div>": "a\nc",
        "<p>c</p>": "a\nc",
        "<ul><li>c</li></ul>": "a\nc",
        "<br>c": "a\nc",
        "": "a",
        " ": "a ",
    }
    for after, expected in followers.items():
        assert document_text(sanitize_html(block + after)) == expected, block + after
    assert document_text(sanitize_html(f"<p>x</p>{block}c")) == "x\na\nc"
    assert document_text(sanitize_html(f"<li>{block}c</li>")) == "a\nc"
    assert document_text(sanitize_html(f"<div>{block}c</div>d")) == "a\nc\nd"
    assert document_text(sanitize_html(f"<b>{block}c</b>")) == "a\nc"
    # What Qt already ended: a block holding a tag, or nothing shown (the next words fill it)
    assert document_text(sanitize_html(f"{start}<b>a</b>{end}c")) == "a\nc"
    assert document_text(sanitize_html(f"{start}a<br>{end}c")) == "a\nc"
    assert document_text(sanitize_html(f"<div>{block}</div>c")) == "a\nc"
    assert document_text(sanitize_html(f"x{start} {end}c")) == "x\nc"


def test_an_html_statement_s_words_after_a_block_are_on_their_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    """What the label shows: the question ran into the image's alt text above it."""
    widget = widget_for(
        qtbot,
        "[html]<figure><img src='carte.png' alt='Carte'></figure>Quelle ville\u00a0?"
        "<div>&nbsp;</div>Pourquoi\u00a0? {=Paris}",
    )
    assert shown(widget.text) == "[Carte]\u2028Quelle ville\u00a0?\u2029\u00a0\u2028Pourquoi\u00a0?"


@pytest.mark.parametrize(
    ("fragment", "screen"),
    [
        (
            "Regardez la vidéo<video src=x.mp4></video>puis répondez",
            "Regardez la vidéo puis répondez",
        ),
        ("son<audio src=a.ogg>Pas de son ici</audio>fin", "son Pas de son ici fin"),
        ("a<embed src=x.swf>b", "a b"),
        ("a<iframe src=x>le cadre</iframe>b", "a b"),
        ("a<object data=x>repli</object>b", "a b"),
        ("Partie 1<hr>Partie 2", "Partie 1\nPartie 2"),
        ("<p>Partie 1</p><hr><p>Partie 2</p>", "Partie 1\nPartie 2"),  # no blank line
        ("<title>Page</title>Question ?", "Question ?"),
        ("<head><title>Page</title><style>p {}</style></head><p>Question ?</p>", "Question ?"),
    ],
)
def test_a_box_the_player_does_not_show_leaves_the_words_apart(fragment: str, screen: str) -> None:
    """A video, a sound, a frame or an embedded file is a space on screen, a rule a line break:
    their words ran together ("vidéopuis", "Partie 1Partie 2"). The names (summaries,
    accessible and xAPI names) say the words the screen shows, without a frame's, an object's
    or a page title's, which the screen drops."""
    assert document_text(sanitize_html(fragment)) == screen
    assert one_line(html_words(fragment)) == one_line(screen)
