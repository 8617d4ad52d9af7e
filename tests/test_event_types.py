"""Event detection and ACLED typing (stages/events/detect.py, lexicons/event_*.tsv): one
sentence of our own per family of coding rules, the main event first."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import record_of
from spacy.tokens import Doc

from wirescope.eval import case
from wirescope.nlp import english
from wirescope.record import EVENT_SUBTYPES
from wirescope.settings import load_settings
from wirescope.stages.events.candidate import Candidate
from wirescope.stages.events.detect import candidates
from wirescope.stages.events.typing_lexicon import entries, matcher, rules

DETECTION = load_settings().event_detection


def detected(doc: Doc, title_end: int = 0) -> list[Candidate]:
    """The typed trigger candidates of a parse, with the packaged settings."""
    return candidates(doc, DETECTION, title_end=title_end)


ACLED_TYPES = set(EVENT_SUBTYPES) - {"Non-conflict"}


def parse(text: str) -> Doc:
    return english()(text)


def main_typing(text: str) -> tuple[str, str]:
    """Type and subtype of the record's main event, through the whole pipeline."""
    record = record_of(text, published="2023-05-14")
    assert record.events, text
    return record.events[0].type, record.events[0].subtype


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An armed drone launched by a non-state group is an Air/drone strike.
        (
            "Houthi rebels launched an explosives-laden drone at a military airport in the "
            "south of the country on Saturday, officials said.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        # A missile intercepted: Disrupted weapons use, not the missile attack.
        (
            "Air defences intercepted a ballistic missile fired toward the city late on Monday.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        # An RPG is a shelling/artillery/missile weapon.
        (
            "Fighters fired a rocket-propelled grenade at a police station in the northern "
            "town overnight, damaging the building.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        # An abduction that kills is an Attack.
        (
            "Gunmen abducted three farmers from their village on Tuesday; their bodies were "
            "found the next morning and police said the men had been killed.",
            ("Violence against civilians", "Attack"),
        ),
        # Abduction alone stays an abduction.
        (
            "Armed men kidnapped a local councillor from his home in the hills on Thursday.",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        # A protest met with tear gas: Protest with intervention.
        (
            "Thousands of teachers protested outside the education ministry on Friday. Police "
            "fired tear gas and water cannon to disperse the crowd.",
            ("Protests", "Protest with intervention"),
        ),
        # Live fire on protesters: Excessive force against protesters.
        (
            "Security forces opened fire on protesters in the capital on Sunday, killing four "
            "demonstrators, witnesses said.",
            ("Protests", "Excessive force against protesters"),
        ),
        # Protesters throwing stones: Violent demonstration.
        (
            "Protesters threw stones at police and set tyres ablaze on the main road into the "
            "city on Wednesday.",
            ("Riots", "Violent demonstration"),
        ),
        # A peaceful march stays peaceful.
        (
            "Hundreds of students marched through the city centre on Saturday to demand "
            "lower tuition fees.",
            ("Protests", "Peaceful protest"),
        ),
        # A mob that lynches: Mob violence.
        (
            "A mob lynched two men accused of cattle theft in a village on Monday night.",
            ("Riots", "Mob violence"),
        ),
        # Suicide bombers make a Suicide bomb.
        (
            "A suicide bomber blew himself up at a crowded bus station on Friday, killing "
            "nine people.",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        # A roadside bomb is a Remote explosive/landmine/IED.
        (
            "A roadside bomb struck an army vehicle near the border on Thursday, wounding "
            "three soldiers.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        # Weapons seized, a cache found: Disrupted weapons use.
        (
            "Troops seized a large cache of weapons and ammunition in a raid on a farmhouse "
            "outside the town.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        # Explosions inside an ongoing battle stay part of the battle.
        (
            "Heavy fighting broke out between the army and rebels near the airport, and "
            "explosions were heard throughout the night.",
            ("Battles", "Armed clash"),
        ),
        # Who takes territory decides: state forces regain it, armed groups overtake it.
        (
            "Government troops recaptured the town from the insurgents on Sunday after "
            "three days of fighting.",
            ("Battles", "Government regains territory"),
        ),
        (
            "Militants seized control of the district headquarters on Monday after police "
            "withdrew.",
            ("Battles", "Non-state actor overtakes territory"),
        ),
        (
            "Police arrested twelve opposition activists in the capital on Tuesday.",
            ("Strategic developments", "Arrests"),
        ),
        (
            "The two parties signed a peace agreement in the capital on Sunday, ending years "
            "of conflict.",
            ("Strategic developments", "Agreement"),
        ),
        (
            "Soldiers set up a new base on the hill overlooking the valley last week.",
            ("Strategic developments", "Headquarters or base established"),
        ),
    ],
)
def test_acled_coding_rules(text: str, expected: tuple[str, str]) -> None:
    assert main_typing(text) == expected


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        # Disasters, crime and diplomacy are reported, but they are not ACLED events.
        (
            "A magnitude 6.4 earthquake struck the coastal province early on Monday, "
            "collapsing houses and killing at least 30 people.",
            "Natural disaster",
        ),
        (
            "Heavy rains caused flooding across the region, forcing thousands from their homes.",
            "Natural disaster",
        ),
        (
            "An explosion at a chemical factory killed six workers on Thursday, the fire "
            "service said.",
            "Man-made disaster",
        ),
        (
            "Police arrested four men suspected of smuggling cocaine through the port.",
            "Organized crime",
        ),
        (
            "The government expelled two diplomats and announced new sanctions on Friday.",
            "Diplomatic event",
        ),
    ],
)
def test_non_conflict_kept_out_of_acled(text: str, subtype: str) -> None:
    assert main_typing(text) == ("Non-conflict", subtype)


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic State group claimed responsibility on Saturday for a car bomb that "
        "killed eight people in the city.",
        "A spokesman for the rebels denied the group was responsible for the attack on the market.",
    ],
)
def test_claims_and_denials_are_not_the_attack(text: str) -> None:
    """A claim of responsibility or a denial, alone, is not an ACLED event."""
    event_type, _ = main_typing(text)
    assert event_type not in ACLED_TYPES


def test_an_attack_stays_the_main_event_beside_a_claim() -> None:
    """Where the report tells the attack itself, the claim is background to it."""
    first = detected(
        parse(
            "Gunmen attacked a bus carrying pilgrims on Sunday, killing 11 people. The "
            "Islamic State group later claimed responsibility for the attack."
        )
    )[0]
    assert first.type == "Violence against civilians"


def test_a_claim_nobody_made_weighs_less_than_one_made() -> None:
    def claim(text: str) -> Candidate:
        return next(c for c in detected(parse(text)) if c.trigger.root.lemma_ == "claim")

    made = claim("A group claimed the attack on the checkpoint.")
    unmade = claim("No group claimed the attack on the checkpoint.")
    assert unmade.score < made.score


def test_a_sports_story_gets_a_non_conflict_main_event() -> None:
    record = record_of(
        "Madrid beat Valencia 3-1 on Sunday to move top of the league table.\n"
        "The home side scored twice in the first half.",
        published="2023-05-14",
    )
    main = record.events[0]
    assert (main.type, main.subtype) == ("Non-conflict", "Other")
    assert main.trigger.text == "beat"


def test_a_business_story_gets_its_title_verb() -> None:
    text = "Chipmaker raises forecast as demand grows\nThe company expects sales to rise."
    found = detected(parse(text), title_end=text.index("\n"))
    assert len(found) == 1
    assert (found[0].type, found[0].subtype) == ("Non-conflict", "Other")
    assert found[0].trigger.text == "raises"


def test_the_title_outweighs_the_body() -> None:
    text = (
        "Protesters clash with police over fuel prices\n"
        "The rally began peacefully on Friday. Later, a bomb exploded near a market."
    )
    found = detected(parse(text), title_end=text.index("\n"))
    assert found[0].trigger.start_char < text.index("\n")
    assert found[0].type == "Riots"


def test_a_main_clause_verb_outweighs_a_subordinate_noun() -> None:
    found = detected(parse("Troops shelled the village after a protest in the square."))
    assert found[0].trigger.text == "shelled"
    assert [c.trigger.text for c in found].index("protest") > 0


def test_background_weighs_less_than_the_news() -> None:
    found = detected(
        parse(
            "Police detained six militants on Monday. The town was hit by an airstrike last year."
        )
    )
    assert found[0].subtype == "Arrests"


def test_inflected_and_headline_forms_are_found() -> None:
    """Triggers match by lemma ("attacked") and as written ("Raped", capitalised)."""
    found = detected(parse("Soldiers Raped Women In Village, Report Says"))
    assert any(c.subtype == "Sexual violence" for c in found)


def test_every_lexicon_typing_exists() -> None:
    """Typings in the data files are checked on loading; every trigger has a known family
    for the rules, and every rule names a family the lexicon has."""
    families = {entry.family for entry in entries()}
    for rule in rules():
        assert rule.adopts or set(rule.cue_families) <= families, rule
        subtypes = {s for group in EVENT_SUBTYPES.values() for s in group}
        if rule.when != "*":
            assert set(rule.whens) <= families | subtypes | set(EVENT_SUBTYPES), rule


def test_eval_case_scores_a_gold_file_of_our_own(tmp_path: Path) -> None:
    """Codes map as the scorer's: a right ACLED subtype counts, a disaster kept out counts."""
    gold = tmp_path / "gold.tsv"
    gold.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tA suicide bomber blew himself up at a checkpoint on Friday.\tSUIC_BOMB\n"
        "2\tPolice fired tear gas at protesters outside parliament.\tPROTEST_WITH_INTER\n"
        "3\tA strong earthquake shook the island on Monday.\tNATURAL_DISASTER\n",
        encoding="utf-8",
    )
    figures = case.score(gold)
    assert figures == {
        "seen_snippets": 2,
        "weighted_f1": 1.0,
        "accuracy": 1.0,
        "unseen_snippets": 1,
        "unseen_kept_out_of_acled": 1.0,
    }


def test_reported_news_weighs_as_the_main_clause() -> None:
    """Wire copy reports the news as what someone said: the reported verb leads."""
    found = detected(
        parse(
            "A security official said militants seized two oil fields on Tuesday, ahead of "
            "new peace talks."
        )
    )
    assert found[0].subtype == "Non-state actor overtakes territory"


def test_a_text_without_words_has_no_event() -> None:
    assert detected(parse("  \n -- ")) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Soldiers set up a base near the border.", "set up a base"),
        ("Soldiers set up base near the border.", "set up base"),
        ("Rebels set up a forward operating base.", "set up a forward operating base"),
        # Four words between: too far apart to be one phrase.
        ("They set up a new and very large base.", None),
        # By lemma ("severed ties") and as written, once each.
        ("Morocco severed diplomatic ties with Iran.", "severed diplomatic ties"),
    ],
)
def test_lexicon_phrases_with_a_gap(text: str, found: str | None) -> None:
    """A lexicon row with `*` ("set up * base") takes up to three words in between."""
    doc = parse(text)
    spans = [
        doc[start:end].text
        for row, start, end in matcher(doc.vocab)(doc)
        if "*" in entries()[row].phrase
    ]
    assert spans == ([found] if found else [])
