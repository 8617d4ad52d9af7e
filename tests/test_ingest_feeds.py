"""RSS and Atom feeds written for the tests: one document per item, broken items alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from wirescope.ingest import Document, DocumentError, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_rss_items_become_documents_and_a_broken_item_is_one_error() -> None:
    path = FIXTURES / "feed.rss"
    bridge, empty, council = list(read_inputs([str(path)]))
    assert isinstance(bridge, Document) and isinstance(council, Document)
    assert bridge.id == "https://courier.example/news/bridge-closed"
    assert bridge.title == "Bridge closed after lorry strikes railing"
    assert bridge.text.startswith("The Weser bridge at Hoya was closed on Tuesday")
    assert "<p>" not in bridge.text
    assert bridge.published == "2024-04-02T08:15:00Z"
    assert bridge.publisher == "The Valley Courier"
    assert isinstance(empty, DocumentError)
    assert empty.origin == f"{path}#item2" and "without content" in empty.reason
    assert council.published == "2024-04-01T18:00:00Z"


def test_atom_entries_use_their_content_without_scripts() -> None:
    (entry,) = list(read_inputs([str(FIXTURES / "feed.atom")]))
    assert isinstance(entry, Document)
    assert entry.id == "https://harbour.example/ferry-resumes"
    assert entry.text.startswith("The ferry between Emden and Borkum resumed service")
    assert "LEAK" not in entry.text
    assert entry.authors == ["Lena Fischer"]
    assert entry.published == "2024-04-02T08:00:00Z"
    assert entry.updated == "2024-04-02T11:30:00Z"


def test_a_feed_named_xml_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "latest.xml"
    shutil.copy(FIXTURES / "feed.rss", path)
    assert len(list(read_inputs([str(path)]))) == 3


def test_a_broken_feed_is_one_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Cut off</title><item><title>Half", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert all(isinstance(item, DocumentError) for item in items) and items
    assert items[0].origin.startswith(str(path))  # type: ignore[union-attr]


def test_an_xml_file_that_is_no_feed_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("Officials said the port reopened on Monday after repairs.\n", "utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.text.startswith("Officials said")
