"""Reading inputs: titles, metadata, encodings and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

from wirescope.ingest import Document, DocumentError, read_inputs
from wirescope.ingest.readers import normalise_published, split_title


def read_one(path: Path, **kwargs: str) -> Document | DocumentError:
    items = list(read_inputs([str(path)], **kwargs))
    assert len(items) == 1
    return items[0]


def test_first_line_standing_alone_is_the_title_and_body_is_verbatim(tmp_path: Path) -> None:
    raw = "Floods Hit Coastal Town\nHeavy rain flooded the town on Monday.\n  Residents fled.\n"
    path = tmp_path / "floods.txt"
    path.write_text(raw, encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.title == "Floods Hit Coastal Town"
    assert doc.text == raw[len("Floods Hit Coastal Town\n") :]
    assert doc.id == "floods"


def test_a_first_line_that_is_a_sentence_is_body_not_title() -> None:
    title, body = split_title("Police said on Monday that two men were arrested.\nMore follows.")
    assert title is None
    assert body.startswith("Police said")


def test_single_paragraph_has_no_title() -> None:
    assert split_title("Only one line here") == (None, "Only one line here")


def test_sidecar_metadata_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody text here.", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps({"published": "2021-11-07", "url": "https://x.org/a"})
    )
    doc = read_one(tmp_path / "a.txt")
    assert isinstance(doc, Document)
    assert (doc.published, doc.url) == ("2021-11-07", "https://x.org/a")


def test_published_option_overrides_and_normalises(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody text here.", encoding="utf-8")
    doc = read_one(tmp_path / "a.txt", published="2021-11-07")
    assert isinstance(doc, Document)
    assert doc.published == "2021-11-07"
    assert normalise_published("2021-11-07T10:30:00+03:00") == "2021-11-07T07:30:00Z"


def test_latin1_bytes_are_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Caf\u00e9 owners in S\u00e3o Paulo protested on Monday against new taxes.".encode(
            "latin-1"
        )
    )
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert "Caf\u00e9" in doc.text


def test_binary_data_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    error = read_one(path)
    assert isinstance(error, DocumentError)
    assert str(path) in str(error) and "binary" in error.reason


def test_empty_and_missing_files_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert "empty" in read_one(empty).reason  # type: ignore[union-attr]
    missing = read_one(tmp_path / "nope.txt")
    assert isinstance(missing, DocumentError) and missing.reason == "no such file"


def test_malformed_jsonl_line_does_not_lose_the_others(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": "First story."})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "three", "text": "Third story.", "published": "2020-01-02"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)]))
    assert [type(item).__name__ for item in items] == ["Document", "DocumentError", "Document"]
    assert items[1].origin == f"{path}:2"  # type: ignore[union-attr]
    assert items[2].published == "2020-01-02"  # type: ignore[union-attr]


def test_jsonl_line_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "No body"}) + "\n", encoding="utf-8")
    (error,) = list(read_inputs([str(path)]))
    assert isinstance(error, DocumentError) and "text" in error.reason


def test_long_documents_are_cut_with_a_warning(tmp_path: Path) -> None:
    from wirescope.ingest import read_inputs
    from wirescope.settings import load_settings

    path = tmp_path / "long.txt"
    path.write_text("word " * 50, encoding="utf-8")
    settings = load_settings().with_values("input", max_chars=100)
    (doc,) = list(read_inputs([str(path)], settings=settings))
    assert isinstance(doc, Document)
    assert len(doc.text) == 100 and "cut" in doc.warnings[0]
