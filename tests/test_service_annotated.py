"""The annotated view of a report: every field's words highlighted, every report text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import run_cli

from wirescope.record import (
    Casualty,
    Cue,
    Entity,
    Event,
    Place,
    Report,
    Source,
    Speaker,
    Statement,
    Trigger,
)
from wirescope.service.annotated import fields_of, fragment, runs_of, standalone

TEXT = (
    "Rebels shelled Kaya on Monday, killing three <b>farmers</b>. "
    '"We will not stop," commander Ali Sow said. A local official, who asked not to be named, '
    "confirmed the toll. <script>alert('x')</script>"
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return (start, start + len(words))


def sample_record(record_id: str = "kaya-1") -> Report:
    quote = _span(TEXT, "We will not stop,")
    return Report(
        id=record_id,
        text=TEXT,
        entities=[
            Entity(id="e1", name="Ali Sow", kind="person", mentions=[_span(TEXT, "Ali Sow")]),
            Entity(id="e2", name="Rebels", kind="group", mentions=[_span(TEXT, "Rebels")]),
        ],
        places=[Place(id="p1", name="Kaya", kind="city", mentions=[_span(TEXT, "Kaya")])],
        events=[
            Event(
                id="v1",
                type="Explosions/Remote violence",
                subtype="Shelling/artillery/missile attack",
                trigger=Trigger(text="shelled", span=_span(TEXT, "shelled")),
                casualties=[
                    Casualty(kind="killed", count=3, who="farmers", span=_span(TEXT, "three"))
                ],
                evidence=[_span(TEXT, "Rebels shelled Kaya on Monday")],
            )
        ],
        statements=[
            Statement(
                id="s1",
                kind="direct",
                content=[quote],
                text=TEXT[quote[0] : quote[1]],
                speaker=Speaker(
                    entity="e1", text="commander Ali Sow", span=_span(TEXT, "commander Ali Sow")
                ),
                cue=Cue(text="said", span=_span(TEXT, "said")),
            )
        ],
        sources=[
            Source(
                id="r1",
                kind="anonymous_official",
                text="A local official",
                span=_span(TEXT, "A local official"),
                anonymous=True,
            ),
        ],
    )


class _Marks(HTMLParser):
    """Collects the text inside each <mark> with its data-f tokens, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.marks: list[tuple[set[str], str]] = []
        self._open: set[str] | None = None
        self.text_parts: list[str] = []
        self._in_text = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "article":
            self._in_text += 1
        if tag == "mark":
            self._open = set((values.get("data-f") or "").split())
            self.marks.append((self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_text -= 1
        if tag == "mark":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.text_parts.append(data)
        if self._open is not None:
            tokens, words = self.marks[-1]
            self.marks[-1] = (tokens, words + data)


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def _token(record: Report, label_start: str) -> str:
    index = next(i for i, f in enumerate(fields_of(record)) if f.label.startswith(label_start))
    return f"f{index}"


def test_report_markup_is_escaped_not_rendered() -> None:
    html = fragment(sample_record())
    parsed = _parse(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_text_comes_back_whole_and_in_order() -> None:
    parsed = _parse(fragment(sample_record()))
    assert "".join(parsed.text_parts) == TEXT


def test_each_field_marks_exactly_its_words() -> None:
    record = sample_record()
    parsed = _parse(fragment(record))

    def words_of(token: str) -> str:
        return "".join(words for tokens, words in parsed.marks if token in tokens)

    assert words_of(_token(record, "Ali Sow")) == "Ali Sow"
    assert words_of(_token(record, "v1 Shelling")) == "shelled"
    assert words_of(_token(record, "3 killed (farmers)")) == "three"
    assert words_of(_token(record, "s1 speaker")) == "commander Ali Sow"
    assert words_of(_token(record, "s1 cue")) == "said"
    assert words_of(_token(record, "s1 commander")) == "We will not stop,"
    assert words_of(_token(record, "A local official")) == "A local official"


def test_overlapping_fields_share_a_run() -> None:
    record = sample_record()
    fields = fields_of(record)
    runs = runs_of(len(TEXT), fields)
    start, end = _span(TEXT, "Ali Sow")
    covering = [r for r in runs if r.start >= start and r.end <= end]
    kinds = {fields[i].kind for run in covering for i in run.fields}
    assert kinds == {"entity", "speaker"}
    assert [(r.start, r.end) for r in covering] == [(start, end)]


def test_spans_outside_the_text_are_left_out() -> None:
    record = sample_record()
    record.entities[0].mentions.append((len(TEXT) - 2, len(TEXT) + 50))
    fields = fields_of(record)
    assert all(0 <= s < e <= len(TEXT) for f in fields for s, e in f.spans)
    assert "".join(_parse(fragment(record)).text_parts) == TEXT


def test_fields_name_their_record_ids_and_words() -> None:
    html = fragment(sample_record())
    for ref in ("v1", "e1", "e2", "p1", "s1", "r1"):
        assert f'data-ref="{ref}"' in html
    assert "<q>We will not stop,</q>" in html


def test_attribute_values_are_escaped() -> None:
    html = fragment(sample_record('a"b<c'))
    assert 'data-report="a&quot;b&lt;c"' in html


def test_standalone_file_needs_no_network() -> None:
    page = standalone(sample_record())
    assert page.startswith("<!doctype html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<style>" in page and "WirescopeAnnotated.bind(document)" in page


def test_extract_writes_the_annotated_file(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(
        "Clashes in Kaya\nSoldiers clashed with rebels in Kaya on Monday, the army said. "
        "<i>Three</i> soldiers were wounded.\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = run_cli("extract", str(source), "--html", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "&lt;i&gt;Three&lt;/i&gt;" in page and "<i>Three</i>" not in page
    assert '<mark class="ws-hl' in page
    assert result.stdout.count("\n") == 1  # the record still goes to stdout


def test_extract_reports_an_unwritable_html_path(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("Soldiers clashed with rebels in Kaya on Monday.\n", encoding="utf-8")
    result = run_cli("extract", str(source), "--html", str(tmp_path / "missing" / "x.html"))
    assert result.returncode == 1
    assert "x.html" in result.stderr and "Traceback" not in result.stderr
