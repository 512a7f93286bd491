"""Column names of every table Actorscope writes: the contract shared by the CLI, the dashboard and tests."""

from __future__ import annotations

from typing import Final, Literal

ToneMode = Literal["sentence", "target"]
TONE_MODES: tuple[ToneMode, ...] = ("sentence", "target")

ARTICLES: Final = (
    "article_id",
    "date",
    "title",
    "source",
    "url",
    "source_id",
    "path",
    "language",
    "n_sentences",
    "n_words",
    "tone",
    "duplicate_of",
    "copies",
    "text",
)
SENTENCES: Final = ("article_id", "sentence_id", "start", "end", "tone", "date", "text")
MENTIONS: Final = (
    "article_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "label",
    "actor",
    "actor_type",
    "tone",
    "date",
)
ACTORS: Final = (
    "actor",
    "actor_type",
    "affiliation",
    "affiliation_votes",
    "aliases",
    "mentions",
    "articles",
    "tone",
    "tone_sd",
    "first_date",
    "last_date",
)
COOCCURRENCE: Final = (
    "actor_a",
    "actor_b",
    "sentences",
    "articles",
    "weight",
    "tone",
    "first_date",
    "last_date",
)
REJECTS: Final = ("path", "location", "reason")
# Quotes and directed relations (analysis.relate); actor totals are appended to ACTORS.
QUOTES: Final = (
    "article_id", "quote_id", "sentence_id", "start", "end", "text", "speaker", "speaker_text",
    "speaker_start", "speaker_end", "cue", "kind", "about", "date",
)  # fmt: skip
RELATIONS: Final = (
    "article_id", "relation_id", "sentence_id", "source", "target", "verb", "event", "quad",
    "tone", "negated", "hypothetical", "reported_by", "start", "end", "text", "date",
)  # fmt: skip
RELATIONS_SUMMARY: Final = (
    "source", "target", "quad", "event", "relations", "articles", "tone", "first_date",
    "last_date",
)  # fmt: skip
ACTOR_TOTALS: Final = ("quotes_given", "quoted_about", "relations_out", "relations_in")

TABLES: Final = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "mentions": MENTIONS,
    "actors": ACTORS + ACTOR_TOTALS,
    "cooccurrence": COOCCURRENCE,
    "rejects": REJECTS,
    "quotes": QUOTES,
    "relations": RELATIONS,
    "relations_summary": RELATIONS_SUMMARY,
}

ActorType = Literal["person", "organization", "country", "place", "group", "other"]
ACTOR_TYPES: Final[tuple[ActorType, ...]] = (
    "person",
    "organization",
    "country",
    "place",
    "group",
    "other",
)

# spaCy labels we keep, and the actor type a label suggests before the registry has its say.
ENTITY_LABELS: Final = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
# Names that are never actors (CoNLL's MISC): kept from spaCy so that no actor name is found
# inside them later ("U.S." in "the U.S. Open", "Israel" in "the Israel Prize").
OTHER_NAME_LABELS: Final = ("EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE")
LABEL_TO_TYPE: Final[dict[str, ActorType]] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "NORP": "group",
    "LOC": "place",
    "FAC": "place",
}
