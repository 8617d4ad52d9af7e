"""`wirescope extract` and friends as a user runs them: real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

STORY = (
    "Clashes Erupt in Tripoli\n"
    "TRIPOLI, Libya (Reuters) - Rival armed groups clashed in the Libyan capital on Monday, "
    "residents said.\nReporting by Reuters\n"
)


def test_extract_writes_one_record_per_document_in_input_order(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text(STORY, encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "b1", "text": "Floods killed three people in Kenya on Sunday."})
        + "\n"
        + json.dumps({"id": "b2", "text": "Talks resumed in Geneva.", "title": "Talks"})
        + "\n",
        encoding="utf-8",
    )
    result = run_cli("extract", str(first), str(batch), "--published", "2023-05-08")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["first", "b1", "b2"]
    assert records[0]["meta"]["title"] == "Clashes Erupt in Tripoli"
    assert records[0]["meta"]["credits"] == ["Reuters"]
    assert all(r["meta"]["published"] == "2023-05-08" for r in records)
    assert records[0]["text"] == STORY.split("\n", 1)[1]
    assert result.stderr == ""


def test_bad_documents_are_reported_in_one_line_each_and_the_rest_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "ok", "text": "Talks resumed."}\n{broken\n', encoding="utf-8")
    result = run_cli(
        "extract", str(binary), str(good), str(tmp_path / "missing.txt"), str(empty), str(batch)
    )
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good", "ok"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{binary}: binary data" in lines[0]
    assert "missing.txt: no such file" in lines[1]
    assert "empty.txt: empty document" in lines[2]
    assert f"{batch}:2: malformed JSON" in lines[3]


def test_standard_input_text_and_pretty_output() -> None:
    result = run_cli(
        "extract",
        "-",
        "--pretty",
        "--published",
        "2021-11-07",
        stdin=b"Rockets hit the city.\nUpdated at 8:45 GMT\n",
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"].startswith("sha1-")
    assert record["meta"]["updated"] == "2021-11-07T08:45:00Z"
    assert "\n  " in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_cli("extract", "--published", "yesterday", str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert "--published" in result.stderr
    assert run_cli("extract", "--no-such-option").returncode == 2


def test_output_file_and_show(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "records.jsonl"
    assert run_cli("extract", str(story), "-o", str(out)).returncode == 0
    shown = run_cli("show", str(out))
    assert shown.returncode == 0
    assert "Clashes Erupt in Tripoli" in shown.stdout
    assert "1 record(s)" in shown.stdout


def test_schema_command_prints_the_json_schema() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Report"
    assert {"format", "id", "meta", "text", "entities", "events"} <= set(schema["properties"])


def test_one_record_is_one_line_whatever_separators_the_text_holds(tmp_path: Path) -> None:
    """U+2028 and friends end lines for str.splitlines(): they are escaped in the JSON."""
    source = tmp_path / "odd.txt"
    text = "Police said\u2028the march\u2029was peaceful\x85on Sunday."
    source.write_text(text, encoding="utf-8")
    result = run_cli("extract", str(source))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "\u2028" in json.loads(lines[0])["text"]
