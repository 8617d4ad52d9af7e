"""Syndicated copies: near-duplicates found, different stories on one topic kept apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED

from wirescope.ingest.copies import CopyFinder, jaccard, shingle_hashes

WIRE = (
    "KYIV, March 3 (Wire) - Ukrainian air defences shot down 34 of 40 drones launched "
    "overnight, the air force said on Monday, while debris damaged a power line and two "
    "houses in the Poltava region. Regional governor Ivan Petrenko said nobody was hurt and "
    "electricity was restored by morning. The attack came hours before talks between the two "
    "countries' energy ministers were due to begin in Geneva, where officials hope to agree "
    "on a halt to strikes on power plants before the spring. Moscow did not comment."
)
# The same story as another outlet prints it: its own byline and a closing line added,
# one word changed, different spacing and case.
SYNDICATED = (
    "By Staff Writers\n\n"
    + WIRE.replace("Monday", "MONDAY").replace("  ", " ")
    + "\nCopyright The Daily Courier."
)
# Another report on the same topic, written separately: many shared words, few shared phrases.
SAME_TOPIC = (
    "Drones struck the Poltava region overnight, damaging houses and a power line, Ukraine's "
    "air force reported. Officials said 34 drones were destroyed. Energy ministers from both "
    "countries meet in Geneva this week to discuss a halt to attacks on power plants; Moscow "
    "has said nothing about the talks. Governor Ivan Petrenko reported no casualties."
)


def test_a_syndicated_copy_names_the_first_report() -> None:
    finder = CopyFinder()
    assert finder.add("wire", WIRE) is None
    assert finder.add("courier", SYNDICATED) == "wire"


def test_a_separate_report_on_the_same_topic_is_no_copy() -> None:
    finder = CopyFinder()
    finder.add("wire", WIRE)
    assert finder.add("other", SAME_TOPIC) is None


def test_an_identical_text_with_other_spacing_and_case_is_a_copy() -> None:
    finder = CopyFinder()
    finder.add("a", WIRE)
    assert finder.add("b", "  " + WIRE.upper().replace(" ", "\n")) == "a"


def test_a_copy_of_a_copy_names_the_original() -> None:
    finder = CopyFinder(threshold=0.7)
    finder.add("wire", WIRE)
    finder.add("courier", SYNDICATED)
    third = SYNDICATED + " Reporting by the Courier desk."
    assert finder.add("herald", third) == "wire"


def test_a_stored_signature_gives_the_same_answer() -> None:
    first = CopyFinder()
    signatures = {"wire": first.signature(WIRE), "courier": first.signature(SYNDICATED)}
    second = CopyFinder()
    assert second.add("wire", WIRE, signatures["wire"]) is None
    assert second.add("courier", SYNDICATED, signatures["courier"]) == "wire"
    assert len(signatures["wire"]) < 600


def test_a_foreign_signature_is_recomputed_not_trusted() -> None:
    finder = CopyFinder()
    finder.add("wire", WIRE)
    assert finder.add("courier", SYNDICATED, b"not a signature") == "wire"


def test_adding_a_key_again_changes_nothing() -> None:
    finder = CopyFinder()
    finder.add("wire", WIRE)
    assert finder.add("courier", SYNDICATED) == "wire"
    assert finder.add("courier", SYNDICATED) == "wire"
    assert len(finder) == 2


def test_threshold_outside_the_unit_interval_is_refused() -> None:
    with pytest.raises(ValueError):
        CopyFinder(threshold=1.5)


def test_jaccard_of_shingles() -> None:
    left = shingle_hashes("one two three four five six", 5)
    right = shingle_hashes("one two three four five seven", 5)
    assert len(left) == 2
    assert jaccard(left, right) == pytest.approx(1 / 3)
    assert jaccard(left, left) == 1.0


BBC = SHARED / "data" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/data/bbc is absent")
def test_bbc_republished_articles_are_found() -> None:
    """The BBC set holds articles published twice, often under a new headline: every
    same-headline pair whose texts pass the threshold is found through the LSH."""
    finder = CopyFinder()
    texts = {str(path): path.read_bytes().decode("latin-1") for path in sorted(BBC.glob("*/*.txt"))}
    found = {key: finder.add(key, text) for key, text in texts.items()}
    copies = [key for key, original in found.items() if original is not None]
    assert len(copies) >= 150
    first_with_title: dict[str, str] = {}
    for key, text in texts.items():
        title = text.partition("\n")[0].strip()
        earlier = first_with_title.setdefault(title, key)
        if earlier == key:
            continue
        similar = jaccard(shingle_hashes(texts[earlier], 5), shingle_hashes(text, 5))
        if similar >= finder.threshold:
            assert found[key] is not None, (earlier, key, similar)


NEAR_DUPLICATES = Path(__file__).parent / "fixtures" / "ingest" / "copies.jsonl"


def test_own_near_duplicates_are_found_and_rewrites_and_follow_ups_are_not() -> None:
    """Copies of three wire stories (outlet's byline and footer, last paragraph cut, middle
    paragraph cut, words edited) name the wire story; separately written reports on the
    same events and next-day follow-ups that reuse background paragraphs are no copies."""
    finder = CopyFinder()
    documents = [json.loads(line) for line in NEAR_DUPLICATES.read_text("utf-8").splitlines()]
    found = {doc["id"]: finder.add(doc["id"], doc["text"]) for doc in documents}
    for doc in documents:
        expected = doc["story"] + "-wire" if doc["copy"] else None
        assert found[doc["id"]] == expected, doc["id"]
    assert sum(doc["copy"] for doc in documents) == 12
