"""A server's answer that is a web page is shown by its title, its character references read:
one too long for Python's int() (over 4,300 digits) made html.unescape raise, so a lying or
broken server's page crashed the line the Sync panel and `cartable sync` show."""

from __future__ import annotations

from sync.server_answer import one_line


def test_a_page_s_title_is_shown_with_its_references_read() -> None:
    page = "HTTP 502: <html><head><title>Bad &amp; broken &#233;t&#xE9;</title></head></html>"
    assert one_line(page) == "HTTP 502: Bad & broken été"


def test_a_reference_too_long_to_read_is_a_replacement_character_not_a_crash() -> None:
    for ref in ("&#" + "9" * 5000 + ";", "&#x" + "f" * 5000 + ";", "&#" + "0" * 4400 + "65"):
        page = f"HTTP 502: <html><title>Bad {ref} gateway</title></html>"
        assert one_line(page) == "HTTP 502: Bad \ufffd gateway", ref[:12]
