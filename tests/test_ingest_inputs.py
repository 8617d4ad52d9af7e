"""Folders, standard input and every bad input of the ingestion issue, through the real CLI:
each bad input gives one line naming it and the reason, and the rest of the batch goes on."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

from conftest import run_cli
from test_ingest_warc import crawl

from wirescope.ingest import Document, DocumentError, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = (
    "Police in Lyon arrested two men on Monday after a robbery at a jewellery shop, officials said."
)
ARABIC = (
    "قال مسؤولون إن الشرطة اعتقلت رجلين يوم الاثنين بعد عملية سطو على متجر للمجوهرات في المدينة."
)


def test_a_folder_is_read_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "one.txt").write_text(GOOD, encoding="utf-8")
    shutil.copy(FIXTURES / "page.html", tmp_path / "a" / "b" / "two.html")
    shutil.copy(FIXTURES / "feed.atom", tmp_path / "three.atom")
    (tmp_path / "a" / "one.json").write_text('{"title": "sidecar, not a document"}')
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(50))
    (tmp_path / ".hidden" / "secret.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    # In path order: a/b/two.html, a/one.txt, three.atom; a file's id is its stem under the
    # subfolders it lies in.
    assert [item.id for item in items if isinstance(item, Document)] == [
        "a/b/two",
        "a/one",
        "https://harbour.example/ferry-resumes",
    ]
    assert items[1].title == "sidecar, not a document"  # type: ignore[union-attr]


def test_files_of_one_name_in_two_subfolders_are_two_reports(tmp_path: Path) -> None:
    """The BBC set's layout (business/001.txt, sport/001.txt): both are ingested, neither is
    taken for the other already stored."""
    for section, town in (("business", "Lyon"), ("sport", "Porto")):
        (tmp_path / "bbc" / section).mkdir(parents=True)
        (tmp_path / "bbc" / section / "001.txt").write_text(GOOD.replace("Lyon", town))
    ids = [item.id for item in read_inputs([str(tmp_path / "bbc")])]
    assert ids == ["business/001", "sport/001"]
    assert [item.id for item in read_inputs([str(tmp_path / "bbc" / "sport")])] == ["001"]
    db = f"sqlite:///{tmp_path}/w.db"
    result = run_cli("ingest", str(tmp_path / "bbc"), "--db", db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ingested 2 reports" in result.stderr, result.stderr


def test_an_empty_folder_is_one_error(tmp_path: Path) -> None:
    (error,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, DocumentError) and "no documents" in error.reason


def test_standard_input_may_be_a_web_page_or_a_feed() -> None:
    page = run_cli("extract", stdin=(FIXTURES / "page.html").read_bytes())
    record = json.loads(page.stdout)
    assert record["meta"]["title"] == "Flood waters reach river town"
    assert "SCRIPT-LEAK" not in record["text"]
    feed = run_cli("extract", stdin=(FIXTURES / "feed.rss").read_bytes())
    assert len(feed.stdout.splitlines()) == 2
    assert "item2" in feed.stderr


def _bad_inputs(folder: Path) -> dict[str, Path | str]:
    """Every bad input of the issue, written into `folder`, by what it is."""
    deep = (
        "<div>" * 10_000 + f"<p>{GOOD}</p><script>var leak = 'DEEP';</script>" + "</div>" * 10_000
    )
    latin = "Caf\u00e9 owners in S\u00e3o Paulo protested on Monday. " * 3
    page = f"<html><head><script>x = 'HEAD'</script></head><body>{deep}</body></html>"
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "latin.txt": latin.encode("latin-1"),
        "big.txt": (GOOD + "\n").encode() * 32_000,
        "deep.html": page.encode(),
        "arabic.txt": ARABIC.encode("utf-8"),
        "batch.jsonl": (
            json.dumps({"id": "fine", "text": GOOD}) + "\n{broken json\n"
            + json.dumps({"id": "no-text", "title": "Only a title"}) + "\n"
        ).encode(),
        "feed.rss": (FIXTURES / "feed.rss").read_bytes(),
        "cut.warc": b"".join(crawl()[:2]) + crawl()[3][:-150],
    }  # fmt: skip
    paths: dict[str, Path | str] = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    paths["missing"] = folder / "missing.txt"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    paths["unreachable"] = f"http://127.0.0.1:{port}/story"
    return paths


def test_every_bad_input_gives_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    paths = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    args = [str(path) for path in paths.values()] + [str(good)]
    result = run_cli("extract", "--max-chars", "20000", *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]

    def said(name: str, reason: str, *, count: int = 1) -> None:
        where = str(paths[name])
        found = [line for line in lines if where in line and reason in line]
        assert len(found) == count, (name, reason, lines)

    said("empty.txt", "empty document")
    said("binary.txt", "binary data")
    said("missing", "no such file")
    said("unreachable", "unreachable")
    said("cut.warc", "truncated")
    said("feed.rss", "#item2")
    assert any(f"{paths['batch.jsonl']}:2" in line and "malformed JSON" in line for line in lines)
    assert any(f"{paths['batch.jsonl']}:3" in line and "no `text`" in line for line in lines)
    # Read with a warning that names the document: a record each.
    for stem, reason in (
        ("latin", "not UTF-8"),
        ("big", "cut at 20000"),
        ("deep", "no article"),
        ("arabic", "language is 'ar'"),
    ):
        assert stem in ids
        assert sum(stem in line and reason in line for line in lines) == 1, (stem, lines)
    assert "fine" in ids and "good" in ids
    assert "https://courier.example/flood" in ids  # the WARC's page before the cut
    assert ids[-1] == "good"


def test_latin1_text_keeps_its_accents(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owners in S\u00e3o Paulo protested on Monday.".encode("latin-1"))
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 owners in S\u00e3o Paulo protested on Monday."
    assert doc.warnings == ["not UTF-8: decoded as cp1252"]
