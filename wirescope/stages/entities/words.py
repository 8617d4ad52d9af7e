"""Lexicon lookups of the entities stage: titles, head words, cue verbs, name parts."""

from __future__ import annotations

from functools import cache

from wirescope.actors import name_key
from wirescope.lexicon import mapping, table
from wirescope.reporting import reporting_verbs


@cache
def place_heads() -> frozenset[str]:
    return frozenset(row[0] for row in table("place_heads.tsv"))


@cache
def cue_lemmas() -> frozenset[str]:
    return frozenset(reporting_verbs())


@cache
def org_heads() -> dict[str, tuple[str, ...]]:
    return mapping("org_heads.tsv")


@cache
def titles_by_class() -> dict[str, str]:
    """Title phrase (lowercase) -> class: office, role, generic or honorific."""
    return {title: cells[0] if cells else "role" for title, cells in mapping("titles.tsv").items()}


@cache
def title_first_words() -> frozenset[str]:
    """First words of titles: most tokens are none, and are turned away at once."""
    return frozenset(title.split()[0] for title in titles_by_class())


@cache
def title_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(title.split()) for title in titles_by_class()}, reverse=True))


@cache
def speaks_for() -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("speaks_for.tsv"))


def title_category(title: str) -> str | None:
    cells = mapping("titles.tsv").get(title.lower(), ())
    return cells[1] if len(cells) > 1 and cells[1] else None


@cache
def name_particles() -> frozenset[str]:
    return frozenset(row[0] for row in table("name_particles.tsv"))


def name_parts(text: str) -> tuple[str, ...]:
    """The parts of a name that identify a person: "Mustafa Al-Kadhimi" -> (mustafa, kadhimi)."""
    words = name_key(text).replace("'", " ").split()
    return tuple(word for word in words if word not in name_particles())


@cache
def first_name_genders() -> dict[str, str]:
    """First name (lowercase) -> m or f; "-" where it says nothing (first_name_gender.tsv)."""
    return {name: cells[0] for name, cells in mapping("first_name_gender.tsv").items() if cells}


@cache
def title_genders() -> dict[str, str]:
    """Title or honorific (lowercase) -> m or f (gendered_titles.tsv)."""
    return {title: cells[0] for title, cells in mapping("gendered_titles.tsv").items() if cells}


def name_gender(name: str) -> str | None:
    """The gender a person's written name gives by its first word, for a name of two words or
    more ("Theresa Chisolm" -> f); a hyphenated first name by its last part ("Jean-Claude");
    None for one word (a surname, as often as not) or a first name that says nothing."""
    words = name.replace(".", " ").split()
    if len(words) < 2:
        return None
    first = words[0].split("-")[-1].lower()
    gender = first_name_genders().get(first)
    return gender if gender in ("m", "f") else None


def titles_gender(titles: list[str]) -> str | None:
    """The gender one of a person's titles gives ("spokeswoman"), when they agree."""
    found = {title_genders().get(t.lower().split()[-1]) for t in titles if t.split()}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


@cache
def company_words() -> dict[str, frozenset[str]]:
    """How a firm is written (company_words.tsv): owned ("X's shares"), stake ("shares in X"),
    called ("X, the chipmaker") -> the words."""
    found: dict[str, set[str]] = {"owned": set(), "stake": set(), "called": set()}
    for word, cells in mapping("company_words.tsv").items():
        for how in cells[0].split(",") if cells else ():
            found.setdefault(how, set()).add(word)
    return {how: frozenset(words) for how, words in found.items()}
