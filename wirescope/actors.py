"""The actor dictionary (lexicons/actors.jsonl) and the other name tables, indexed for lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from wirescope.lexicon import records, table

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Actor:
    """One entry of the actor dictionary."""

    id: str
    name: str
    kind: str
    category: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    credit: str | None = None
    titles: tuple[str, ...] = field(default=())


# Every stage reduces the same few thousand names again and again (country names for each
# word, actor names, place keys: 200,000 calls over 445 BBC reports): remembered, within a
# bound that keeps a long ingest's memory flat (about 1.5 MB).
@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """A surface form reduced for lookup: no leading "the", no possessive, one space, lowercase.

    Hyphens and apostrophes inside names are kept apart from spacing ("Al-Arabiya" and
    "Al Arabiya" meet), case is ignored ("al-Kadhimi" and "Al-Kadhimi" meet).
    """
    key = _POSSESSIVE.sub("", text.strip())
    key = _LEADING_THE.sub("", key)
    key = key.replace("\u2019", "'").replace("-", " ").replace(".", "")
    return _SPACES.sub(" ", key).strip().lower()


@cache
def actors() -> tuple[Actor, ...]:
    entries = []
    for row in records("actors.jsonl"):
        entries.append(
            Actor(
                id=row["id"],
                name=row["name"],
                kind=row["kind"],
                category=row.get("category") or None,
                country=row.get("country") or None,
                aliases=tuple(row.get("aliases", ())),
                credit=row.get("credit") or None,
                titles=tuple(row.get("titles", ())),
            )
        )
    return tuple(entries)


@cache
def actor_index() -> dict[str, Actor]:
    """Every name and alias of the dictionary, by name_key. The first entry to claim a key wins."""
    index: dict[str, Actor] = {}
    for actor in actors():
        for form in (actor.name, *actor.aliases):
            index.setdefault(name_key(form), actor)
    return index


def lookup_actor(text: str) -> Actor | None:
    return actor_index().get(name_key(text))


@cache
def demonyms() -> dict[str, str]:
    """Demonym or adjective ("Iraqi", "Saudis") -> ISO alpha-2, case as written in the file."""
    return {row[0]: row[1] for row in table("demonyms.tsv") if len(row) >= 2}


@cache
def platforms() -> frozenset[str]:
    """Lowercased names of channels (Twitter, Telegram…): never actors."""
    return frozenset(name_key(row[0]) for row in table("channels.tsv"))
