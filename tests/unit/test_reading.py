"""Readings: Markdown to safe HTML, course images only, links to units resolved."""

from __future__ import annotations

import re

import pytest

from player.course.reading import IMAGE_BLOCK, RenderedReading, render_reading
from tests.support import ROOT

DEMO_SOURCE = ROOT / "resources" / "demo" / "source"

CHART = "blob:" + "ab" * 32
IMAGES = {"figures/chart.png": CHART, "my chart.png": "blob:" + "cd" * 32}
UNITS = {"m2-video": "cartable-unit:m2-video", "m1-reading": "cartable-unit:m1-reading"}


def render(markdown: str) -> RenderedReading:
    return render_reading(markdown, image_url=IMAGES.get, unit_link=UNITS.get)


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def srcs(html: str) -> list[str]:
    return re.findall(r'src="([^"]*)"', html)


def test_scripts_and_raw_html_are_escaped() -> None:
    html = render(
        "<script>alert(1)</script>\n\n"
        "Hello <b onclick=steal()>bold</b> <img src=x onerror=alert(1)>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n'
        "&#60;script&#62;alert(2)&#60;/script&#62;\n"
    ).html
    assert "<script" not in html and "<b " not in html and "<img" not in html
    assert "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=steal()&gt;bold&lt;/b&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/track.png",
        "http://evil.example/track.png",
        "HTTPS://evil.example/track.png",
        "//evil.example/track.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/evil.png",
        "/etc/evil.png",
        "C:/Users/evil.png",
        "ftp://evil.example/track.png",
    ],
)
def test_remote_and_absolute_images_are_never_referenced(src: str) -> None:
    result = render(f"Before ![Course logo]({src}) after")
    assert "evil" not in result.html and "iVBOR" not in result.html
    assert "<img" not in result.html
    assert "Before Course logo after" in result.html
    assert result.blocked_images == (src,)
    assert result.missing_images == ()


def test_course_image_gets_its_local_url() -> None:
    result = render('![A chart](figures/chart.png "Growth") and ![Spaces](my%20chart.png)')
    assert srcs(result.html) == [CHART, IMAGES["my chart.png"]]
    assert f'<img src="{CHART}" alt="A chart" title="Growth" />' in result.html
    assert "figures/chart.png" not in result.html
    assert result.missing_images == () and result.blocked_images == ()


def test_the_element_showing_a_course_image_is_marked_to_be_single_spaced() -> None:
    """The view single-spaces these by its style sheet, never by editing the shown text
    (player/ui/reading_view.py _STYLE): its paragraph, or in a tight list its item (the
    paragraph has no tag there); a refused image, shown as its text, leaves its block as text."""
    marked = f'class="{IMAGE_BLOCK}"'
    html = render(
        "Texte.\n\n![A chart](figures/chart.png)\n\n- un\n- ![A chart](figures/chart.png) deux\n\n"
        "![Far](http://example.org/far.png)\n"
    ).html
    assert f'<p {marked}><img src="{CHART}"' in html
    assert f'<li {marked}><img src="{CHART}"' in html
    assert html.count(marked) == 2, html


def test_unknown_image_becomes_its_alt_text_and_is_reported() -> None:
    result = render("![Missing figure](figures/missing.png)\n\n![](other.png) ![again](other.png)")
    assert "<img" not in result.html
    assert "Missing figure" in result.html and "figures/missing.png" not in result.html
    assert result.missing_images == ("figures/missing.png", "other.png")


def test_links_to_units_are_resolved() -> None:
    html = render("[Next: the video](unit:m2-video), [back](#m1-reading), [gone](unit:m9-x)").html
    assert '<a href="cartable-unit:m2-video">Next: the video</a>' in html
    assert '<a href="cartable-unit:m1-reading">back</a>' in html
    assert hrefs(html) == ["cartable-unit:m2-video", "cartable-unit:m1-reading"]
    assert "gone" in html  # an unknown unit keeps its text, not a link


def test_web_links_stay_links() -> None:
    html = render("[FUN](https://www.fun-mooc.fr/fr/cours/?q=1&x=2) <http://example.org>").html
    assert hrefs(html) == ["https://www.fun-mooc.fr/fr/cours/?q=1&amp;x=2", "http://example.org"]


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](vbscript:msgbox)",
        "[click](file:///etc/passwd)",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](mailto:someone@example.org)",
        "[click](../other/page.md)",
        "[click][r]\n\n[r]: javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_and_unknown_links_are_neutralised(markdown: str) -> None:
    html = render(markdown).html
    assert "<a" not in html and "href" not in html
    assert re.sub(r"<[^>]+>", "", html).strip() in ("click", "javascript:alert(1)")


def test_callback_urls_are_attribute_escaped() -> None:
    result = render_reading(
        "[x](unit:a) ![y](img.png)",
        image_url=lambda name: 'blob:1" onerror="alert(1)',
        unit_link=lambda unit: 'u:"><script>',
    )
    assert "<script>" not in result.html
    assert 'onerror="' not in result.html
    assert "&quot;" in result.html


def test_headings_lists_code_emphasis_and_tables_render() -> None:
    result = render(
        "## Module 1\n\n"
        "Some *emphasis*, **strong**, ~~struck~~ and `inline <code>`.\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "> a quote\n\n"
        "```python\nprint('<div>')\n```\n\n"
        "| Verbe | Sens |\n|---|---|\n| completed | terminé |\n"
    )
    html = result.html
    assert "<h2>Module 1</h2>" in html
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert "<s>struck</s>" in html
    assert "<code>inline &lt;code&gt;</code>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<blockquote>" in html
    assert "<pre><code class=\"language-python\">print('&lt;div&gt;')\n</code></pre>" in html
    assert "<table>" in html and "<td>terminé</td>" in html
    assert result.title == "Module 1"


def test_title_is_the_first_heading_as_plain_text() -> None:
    assert render("Intro\n\n# Les *MOOC* et `xAPI`\n\n## Later").title == "Les MOOC et xAPI"
    assert render("Setext title\n============\n\ntext").title == "Setext title"
    assert render("no heading at all").title == ""


def test_a_title_and_a_missing_image_s_text_keep_their_no_break_spaces() -> None:
    # The demo's readings, French typography: "MOOC ?" and "MOOC : inscription" must not
    # break before the sign; the text of an image the course lacks is shown in its place.
    module = DEMO_SOURCE / "01-qu-est-ce-qu-un-mooc"
    transcript = (module / "intro-transcription.md").read_text("utf-8")
    assert render(transcript).title == "Qu'est-ce qu'un MOOC\u00a0? \u2014 transcription"
    reading = (module / "caracteristiques.md").read_text("utf-8")
    html = render_reading(reading, image_url=lambda _n: None, unit_link=UNITS.get).html
    assert "dans un MOOC\u00a0: inscription gratuite, modules, examen, puis certificat" in html
    assert render("# Les   MOOC\ten France\u202f!").title == "Les MOOC en France\u202f!"


def test_a_line_break_in_a_missing_image_s_text_is_an_ordinary_space() -> None:
    # A line break is a break: a no-break space written before it is no reason to glue the
    # two lines' words.
    html = render_reading(
        "![Lisez\u00a0\nla suite](absent.png)\n", image_url=lambda _n: None, unit_link=UNITS.get
    ).html
    assert "Lisez la suite" in html


def test_french_text_round_trips() -> None:
    text = (
        "À l'école, on étudie « à son rythme » — déjà ça ! "
        "Œuvre naïve, où l'été du garçon s'achève… Ça coûte 5 €."
    )
    result = render(f"# Les MOOC : cours en ligne ouverts à tous\n\n{text}\n")
    assert f"<p>{text}</p>" in result.html
    assert result.title == "Les MOOC : cours en ligne ouverts à tous"
