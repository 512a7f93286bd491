"""Gold CoNLL-2003-style spans of named people, organisations and places, derived from GUM's
whole-noun-phrase mentions (`analysis.evaluation.gum` reads them).

GUM mentions are whole noun phrases ("the US President Donald Trump"); CoNLL-2003 tags flat proper
names without determiners, possessives or titles. The rules, in order:

1. Candidates: every GUM mention. Types person, organization, place give PER, ORG, LOC; a name
   of any other type (event, object, abstract, time, ...) is MISC: never gold, but it still wins
   over names nested in it (rule 6), and a system predicting PER/ORG/LOC on it is wrong.
   Linked or not: GUM links only entities with a Wikipedia page, CoNLL tags every name.
2. Own name tokens: proper nouns (TreeTagger NP/NPS) of the mention; a name token inside a
   smaller, nested mention belongs to that mention's *component*.
3. Name runs: consecutive name tokens; connectors ("of", "the", "and", "&", "for", "on", "at",
   "de", "al", hyphens, ...) join the name tokens they stand between; anything else (determiner,
   possessive 's, comma, common noun) ends a run. A PER run never crosses into a nested component
   ("University of Texas Arlington | Amneh Jafari"); ORG/LOC/MISC runs do ("Mexico City", "United
   States Navy", "Daughters of the American Revolution Constitution Hall"), but a run must hold at
   least one own token, and a trailing "<connector> <nested name>" is cut when it is an attachment,
   not part of the name: for a linked mention when no word (or acronym) of the nested name is in
   its Wikipedia title ("University of Sheffield | of the UK", "Weatherspoon Art Museum | at the
   University of ..."), for an unlinked one when the connector is "at" ("Pace Galleries | at USI").
4. The mention's name is its last run (English noun phrases put the head last: "team member
   Rodaba Noori"). For PER, leading titles ("President", "Home Secretary", "Dr.") and group words
   ("Scientologist Tom Cruise") are dropped, unless the Wikipedia title starts with the word
   ("Captain America"); a run that ends in a title is a role, not a name ("Home Secretary",
   "Ottawa New Democrat MP").
5. Unscored regions (neither gold nor counted against a system, since GUM gives no CoNLL type):
   a name followed by a common noun or hyphen in its mention is a modifier ("IE6 users", "a Booker
   Prize-winner", "Indonesia waters"); a PER name after "the" ("the Taliban") or a one-word
   plural one (NPS) is a group whose CoNLL type varies. A one-word PER name in `GROUP_WORDS`
   ("Muslims", "Rohingya", "Republican") is a people, faith or party: MISC.
6. Flat spans: a name inside another mention's name is dropped (the widest wins); mentions
   giving the same name (stacked annotations) keep the innermost one's type.
7. Metonymy: an organisation named by a place name is LOC, as CoNLL-2003 tags the name ("Belgium"
   [Belgium_national_football_team], or a name whose identity GUM gives to places elsewhere).

Known deviations from hand CoNLL annotation: governments named by a country that GUM never types
as a place stay ORG ("North Korea" in the Korea article); GUM's role mentions give odd names ("Man"
in "Budweiser Man of the Match"); the last-run rule can pick a post-modifier ("Fayetteville" in
"director of exhibits at the University of Arkansas, Fayetteville").
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from analysis.evaluation.gum import GumDocument, GumMention, Token

GoldLabel = Literal["PER", "ORG", "LOC"]
ENTITY_TO_LABEL: Final[dict[str, GoldLabel]] = {
    "person": "PER",
    "organization": "ORG",
    "place": "LOC",
}
NAME_TAGS: Final = frozenset({"NP", "NPS"})
CONNECTORS: Final = frozenset(
    "of the and & for on at de du des del da di la le van von der den al el bin ibn y - – . '".split()
)
TITLE_WORDS: Final = frozenset(
    """president vice prime minister secretary general major lieutenant colonel captain sergeant
    admiral commander chief officer governor gov mayor senator sen representative rep congressman
    congresswoman judge justice attorney king queen prince princess pope sheikh ayatollah imam
    chancellor chairman chairwoman chair ceo director spokesperson spokesman spokeswoman ambassador
    premier mr mrs ms miss dr prof professor sir dame lord lady saint rev reverend father brother
    sister deputy foreign interior defence defense state assistant executive supreme leader
    emperor sheik coach administrator commissioner high home shadow emeritus sheriff mp qc sc kc
    crown prosecutor detective inspector constable""".split()
)
GROUP_WORDS: Final = frozenset(
    """muslim muslims rohingya christian christians jew jews jewish hindu hindus sikh sikhs buddhist
    buddhists catholic catholics protestant protestants arab arabs kurd kurds shia shiite sunni
    scientologist scientologists republican republicans democrat democrats""".split()
)
MODIFIED_BY_TAGS: Final = frozenset({"NN", "NNS", "HYPH"})  # a name before these is a modifier


@dataclass(frozen=True)
class GoldSpan:
    """A gold named span in a document's text, with the identity of the mention it came from."""

    doc_id: str
    start: int
    end: int
    label: GoldLabel
    identity: str
    text: str


def _components(doc: GumDocument, mention: GumMention) -> dict[int, int]:
    """Each name token of the mention -> the first token of the widest smaller mention nested in
    it that covers the token, or -1 for the mention's own name tokens."""
    nested = [
        m
        for m in doc.mentions
        if mention.first <= m.first and m.last <= mention.last
        and (m.first, m.last) != (mention.first, mention.last)
    ]  # fmt: skip
    owner: dict[int, int] = {}
    for i in range(mention.first, mention.last + 1):
        if doc.tokens[i].tag in NAME_TAGS:
            covering = [m for m in nested if m.first <= i <= m.last]
            owner[i] = min(covering, key=lambda m: (m.first, -m.last)).first if covering else -1
    return owner


Kind = Literal["name", "modifier", "group"]


def mention_name(doc: GumDocument, mention: GumMention) -> tuple[int, int, Kind] | None:
    """The inclusive token range of the mention's name and what kind of name it is (rules 2-6),
    or None when the mention has no name of its own."""
    owner = _components(doc, mention)
    person = mention.entity == "person"
    runs: list[list[int]] = []
    for i in sorted(owner):
        if runs:
            last = runs[-1][-1]
            joinable = all(doc.tokens[j].text.lower() in CONNECTORS for j in range(last + 1, i))
            if joinable and not (person and owner[i] != owner[last]):
                runs[-1].append(i)
                continue
        runs.append([i])
    runs = [run for run in runs if any(owner[i] == -1 for i in run)]
    if not runs:
        return None
    run = _trim_attachment(doc, mention, runs[-1], owner)
    first, last = run[0], run[-1]
    if person:
        while first <= last and _drop_before_name(doc.tokens[first], mention.identity):
            first += 1
        if first > last or _is_title(doc.tokens[last], mention.identity):
            return None  # only titles, or a role ("Home Secretary", "Ottawa New Democrat MP")
    follower = doc.tokens[last + 1] if last < mention.last else None
    if follower is not None and follower.tag in MODIFIED_BY_TAGS:
        return first, last, "modifier"  # "IE6 users", "Indonesia waters", "a Booker Prize-winner"
    if person and (
        (
            first == last
            and (doc.tokens[first].tag == "NPS" or _lower(doc.tokens[first]) in GROUP_WORDS)
        )
        or (first > mention.first and _lower(doc.tokens[first - 1]) == "the")
    ):
        return first, last, "group"  # "Muslims", "One Rohingya", "the Taliban"
    return first, last, "name"


def _trim_attachment(
    doc: GumDocument, mention: GumMention, run: list[int], owner: dict[int, int]
) -> list[int]:
    """Cut a trailing '<connector> <nested name>' that is not part of the name (rule 3): "the
    University of Sheffield of the UK", "Pace Galleries at USI". A linked mention keeps it when a
    word of the nested name is in its Wikipedia title ("Daughters of the American Revolution");
    an unlinked one keeps it unless the connector is "at"."""
    identity = normalise_words(mention.identity)
    while owner[run[-1]] != -1:
        component = [i for i in run if owner[i] == owner[run[-1]]]
        before = [i for i in run if i < component[0]]
        gap = range(before[-1] + 1, component[0]) if before else range(0)
        if not before or not gap:
            break  # glued: "Mexico City", "United States Navy"
        words = {normalise_words(doc.tokens[i].text) for i in component}
        connectors = {doc.tokens[j].text.lower() for j in gap}
        if identity and any(_in_title(word, identity) for word in words):
            break
        if not identity and "at" not in connectors:
            break
        run = before
    return run


def _in_title(word: str, title: str) -> bool:
    """A word of the title, or an acronym of consecutive title words ("nsw", "u s")."""
    title_words = title.split()
    if word in title_words:
        return True
    letters = word.replace(" ", "")
    initials = "".join(w[0] for w in title_words)
    return 1 < len(letters) <= 5 and letters in initials


def normalise_words(value: str) -> str:
    """Lower-case words of a name or Wikipedia title, underscores and punctuation as spaces."""
    value = urllib.parse.unquote(value).replace("_", " ").lower()
    return " ".join(re.sub(r"[^\w&]+", " ", value).split())


def _lower(token: Token) -> str:
    return token.text.lower().rstrip(".")


def _is_title(token: Token, identity: str) -> bool:
    """A title word, unless the entity's Wikipedia title starts with it ("Captain America")."""
    word = _lower(token)
    return word in TITLE_WORDS and not identity.lower().startswith(word)


def _drop_before_name(token: Token, identity: str) -> bool:
    return _is_title(token, identity) or _lower(token) in GROUP_WORDS or _lower(token) in CONNECTORS


@dataclass(frozen=True)
class Gold:
    """A document's gold spans, and the regions where a prediction is neither right nor wrong."""

    spans: list[GoldSpan]
    unscored: list[tuple[int, int]]


def place_identities(docs: Sequence[GumDocument]) -> frozenset[str]:
    """Wikipedia identities GUM gives to place mentions anywhere in `docs`."""
    return frozenset(
        m.identity for d in docs for m in d.mentions if m.entity == "place" and m.identity
    )


def _conll_label(mention: GumMention, text: str, places: frozenset[str]) -> GoldLabel | None:
    """GUM's type as a CoNLL label; an organisation named by a place name (a government or a
    national team: "North Korea" [North_Korea], "Belgium" [Belgium_national_football_team]) is a
    LOC, as CoNLL-2003 tags the name, not the metonymy (rule 8)."""
    label = ENTITY_TO_LABEL.get(mention.entity)
    if label == "ORG" and mention.identity:
        identity = normalise_words(mention.identity)
        name = normalise_words(text)
        if mention.identity in places and name == identity:
            return "LOC"
        if " national " in f" {identity} " and name and name in identity.split(" national ")[0]:
            return "LOC"
    return label


def derive_gold(doc: GumDocument, *, places: frozenset[str] | None = None) -> Gold:
    """Gold PER/ORG/LOC spans (rules in the module docstring) and unscored regions (names whose
    CoNLL type GUM does not give: modifiers and groups), both in text order. `places`: place
    identities of the whole corpus (default: of this document)."""
    places = places if places is not None else place_identities([doc])
    named: dict[tuple[int, int], tuple[int, Kind, GumMention]] = {}
    for mention in doc.mentions:
        name = mention_name(doc, mention)
        if name is None:
            continue
        first, last, kind = name
        size = mention.last - mention.first
        if (first, last) not in named or size < named[(first, last)][0]:
            named[(first, last)] = (size, kind, mention)
    spans, unscored = [], []
    for (first, last), (_, kind, mention) in sorted(named.items()):
        if any(a <= first and last <= b and (a, b) != (first, last) for a, b in named):
            continue  # CoNLL spans are flat: the widest name wins
        start, end = doc.tokens[first].start, doc.tokens[last].end
        text = doc.text[start:end]
        label = _conll_label(mention, text, places)
        if kind != "name" and not (kind == "group" and _lower(doc.tokens[first]) in GROUP_WORDS):
            unscored.append((start, end))
        elif label is not None and kind == "name":
            spans.append(GoldSpan(doc.doc_id, start, end, label, mention.identity, text))
    return Gold(spans, unscored)
