"""Web pages in: main text without markup, scripts or styles; metadata from the page."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.ingest.html import html_document, looks_like_html, visible_text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = FIXTURES / "page.html"
LEAKS = ("SCRIPT-LEAK", "STYLE-LEAK", "tracker", "<p", "font-weight", "Reader42")


def only(items: list[Document | DocumentError]) -> Document:
    assert len(items) == 1, items
    (doc,) = items
    assert isinstance(doc, Document), doc
    return doc


def test_a_page_gives_its_article_text_and_nothing_else() -> None:
    doc = only(list(read_inputs([str(PAGE)])))
    # The headline trafilatura keeps stays in the text, verbatim: it is page furniture.
    assert doc.text.startswith("Flood waters reach river town\nFlood waters from the swollen")
    assert "sports hall for families" in doc.text
    for leak in LEAKS:
        assert leak not in doc.text, leak
    assert "Home" not in doc.text.split() and "Copyright" not in doc.text


def test_a_page_gives_its_metadata() -> None:
    doc = only(list(read_inputs([str(PAGE)])))
    assert doc.id == "page"
    assert doc.title == "Flood waters reach river town"
    assert doc.url == "https://courier.example/news/2024/04/02/flood-river-town"
    assert doc.publisher == "The Valley Courier"
    assert doc.authors == ["Maria Lindqvist", "Tomas Berg"]
    assert doc.published == "2024-04-02"
    assert doc.updated == "2024-04-03"


def test_a_gzipped_page_reads_as_the_page(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(PAGE.read_bytes()))
    doc = only(list(read_inputs([str(path)])))
    assert doc.id == "story"
    assert doc.text == only(list(read_inputs([str(PAGE)]))).text


def test_a_jsonl_html_field_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    line = {"id": "p1", "html": PAGE.read_text(encoding="utf-8"), "title": "Given title"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    doc = only(list(read_inputs([str(path)])))
    assert doc.id == "p1"
    assert doc.title == "Given title"  # the line's own metadata wins over the page's
    assert "Rotenburg" in doc.text and "SCRIPT-LEAK" not in doc.text


def test_a_txt_file_holding_html_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    shutil.copy(PAGE, path)
    doc = only(list(read_inputs([str(path)])))
    assert "INLINE-SCRIPT-LEAK" not in doc.text and "Rotenburg" in doc.text


def test_html_nested_ten_thousand_levels_with_a_script() -> None:
    body = (
        "<p>The ministry said on Tuesday that talks would resume in Geneva next week after "
        "a pause of three months.</p><script>var secret = 'DEEP-SCRIPT';</script>"
    )
    html = (
        "<html><head><title>Deep</title><script>x = 'HEAD-SCRIPT'</script></head><body>"
        + "<div>" * 10_000
        + body
        + "</div>" * 10_000
        + "</body></html>"
    )
    doc = html_document(html, "deep.html", "deep")
    assert "talks would resume in Geneva" in doc.text
    assert "SCRIPT" not in doc.text
    assert any("no article" in warning for warning in doc.warnings)


def test_a_page_without_text_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x=1</script></head><body></body></html>")
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, DocumentError)
    assert error.origin == str(path) and "no text" in error.reason


def test_visible_text_skips_invisible_elements() -> None:
    html = "<div>One<style>p{}</style><noscript>N</noscript></div><p>Two &amp; three</p>"
    assert visible_text(html) == "One\nTwo & three"


def test_html_is_told_from_text() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert not looks_like_html("<b>Bold</b> claims are made in this plain text.")
    assert not looks_like_html("A report about <html> tags.")


def test_a_line_repeating_the_title_is_a_headline() -> None:
    from wirescope.ingest.html import is_headline

    assert is_headline("Meal prep for busy weeks", "Meal Prep for Busy Weeks | The Food Blog")
    assert is_headline("Is football violence a crime?", "Opinion | Is Football Violence a Crime?")
    assert is_headline(
        "Storm review \u2013 shoots for the moon, lands among the stars",
        "Storm review - shoots for the moon, lands among the stars - Games Site",
    )
    assert not is_headline("Review", "Laptop review: the keyboard is enough")
    assert not is_headline(
        "The storm cut power to 40,000 homes on Tuesday, the utility said.",
        "Storm cuts power across the region",
    )
