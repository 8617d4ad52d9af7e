"""Mentions and clusters: the working state of the entities stage before it becomes entities."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from wirescope.actors import Actor
from wirescope.nlp import span_text


@dataclass
class Mention:
    span: Span
    label: str
    actor: Actor | None = None
    # "name", "title" (the Prime Minister) or "pronoun".
    form: str = "name"

    @property
    def chars(self) -> tuple[int, int]:
        return (self.span.start_char, self.span.end_char)

    @property
    def text(self) -> str:
        return span_text(self.span)


@dataclass
class Cluster:
    kind: str
    actor: Actor | None = None
    category: str | None = None
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliation: Cluster | None = None
    gender: str | None = None
    name_parts: tuple[str, ...] = ()
    entity_id: str = ""

    @property
    def names(self) -> list[Mention]:
        return [mention for mention in self.mentions if mention.form == "name"]

    def add_title(self, title: str) -> None:
        if title.lower() not in {known.lower() for known in self.titles}:
            self.titles.append(title)

    def first_char(self) -> int:
        return min(mention.span.start_char for mention in self.mentions)


def cluster_at(clusters: list[Cluster], chars: tuple[int, int]) -> Cluster | None:
    for cluster in clusters:
        for mention in cluster.mentions:
            if mention.span.start_char <= chars[0] < mention.span.end_char:
                return cluster
    return None


def taken_tokens(clusters: list[Cluster]) -> set[int]:
    return {i for c in clusters for m in c.mentions for i in range(m.span.start, m.span.end)}
