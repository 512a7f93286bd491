"""Scores on the held-out gold set (analysis.evaluation.heldout), per part, test part first.

- resolution: the share of gold mentions whose overlapping project mention (the one overlapping
  most) names the gold actor (`same_identity` against the actor's name or its `same` names), over
  all gold mentions and over those the project found; `typed` also asks for the gold type.
- actor list: of the project's TOP actors by mentions in the part, the share that are real (name a
  gold actor of the part), correctly typed (the actors table's type is the gold type) and merged
  (at least MERGED of the gold mentions of that actor the project found sit under it, and at least
  MERGED of its mentions that overlap gold name that actor).
- affiliation: of the gold people the project found, the share whose actor-table affiliation is
  one the gold accepts (none is right only when the gold says so); `wrong` counts affiliations the
  gold does not accept (the kind that misleads an analyst).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Final

import pandas as pd

from analysis.evaluation.heldout import SPLITS, GoldActor, GoldMention, Heldout, gold_mentions
from analysis.evaluation.identity import same_identity

TOP: Final = 20
MERGED: Final = 0.9


def _names_actor(actor: str, gold: GoldActor) -> bool:
    return bool(actor) and any(same_identity(actor, name) for name in gold.names())


def match_mentions(
    golds: Sequence[GoldMention], mentions: pd.DataFrame
) -> list[tuple[GoldMention, str, str]]:
    """(gold mention, project actor, project type) for each gold mention ("", "" when none overlaps)."""
    by_article = {k: f for k, f in mentions.groupby("article")} if len(mentions) else {}
    out = []
    for g in golds:
        frame = by_article.get(g.article)
        actor = kind = ""
        if frame is not None:
            overlap = frame["end"].clip(upper=g.end) - frame["start"].clip(lower=g.start)
            if (overlap > 0).any():
                row = frame.loc[overlap.idxmax()]
                actor, kind = str(row["actor"]), str(row["actor_type"])
        out.append((g, actor, kind))
    return out


def _share(right: int, n: int) -> dict[str, float | int]:
    return {"accuracy": round(right / n, 4) if n else 0.0, "correct": right, "n": n}


def resolution_scores(matched: Sequence[tuple[GoldMention, str, str]]) -> dict:
    found = [m for m in matched if m[1]]
    right = [m for m in found if _names_actor(m[1], m[0].actor)]
    typed = sum(kind == g.actor.actor_type for g, _, kind in right)
    return {"all": _share(len(right), len(matched)), "found": _share(len(right), len(found)),
            "typed": _share(typed, len(matched))}  # fmt: skip


def _identity(gold: GoldActor) -> str:
    return gold.actor


def actor_list_scores(
    matched: Sequence[tuple[GoldMention, str, str]],
    mentions: pd.DataFrame,
    actors: pd.DataFrame,
    *,
    top: int = TOP,
) -> dict:
    """Precision of the part's top actors (module docstring), with the failing ones named."""
    golds = {_identity(g.actor): g.actor for g, _, _ in matched}
    types = dict(zip(actors["actor"], actors["actor_type"], strict=True))
    ranked = mentions["actor"].value_counts().head(top)
    under = defaultdict(Counter)  # gold identity -> project actor -> found gold mentions
    holds = defaultdict(Counter)  # project actor -> gold identity -> its gold-overlapping mentions
    for g, actor, _ in matched:
        if actor:
            under[_identity(g.actor)][actor] += 1
            holds[actor][_identity(g.actor)] += 1
    good, problems = 0, []
    for actor in ranked.index:
        gold = next((g for g in golds.values() if _names_actor(actor, g)), None)
        if gold is None:
            problems.append(f"{actor} (not a gold actor)")
            continue
        if types.get(actor) != gold.actor_type:
            problems.append(f"{actor} (typed {types.get(actor)}, gold {gold.actor_type})")
            continue
        key = _identity(gold)
        found = sum(under[key].values())
        own = sum(holds[actor].values())
        if found and under[key][actor] < MERGED * found:
            problems.append(f"{actor} (split: {under[key][actor]} of {found})")
        elif own and holds[actor][key] < MERGED * own:
            problems.append(f"{actor} (merged with others: {holds[actor][key]} of {own})")
        else:
            good += 1
    return {"precision": round(good / len(ranked), 4) if len(ranked) else 0.0,
            "correct": good, "n": len(ranked), "problems": problems}  # fmt: skip


def affiliation_scores(
    matched: Sequence[tuple[GoldMention, str, str]], actors: pd.DataFrame
) -> dict:
    """Affiliation accuracy over the gold people the project found (module docstring)."""
    accepted: dict[str, set[str]] = defaultdict(set)
    votes: dict[str, Counter] = defaultdict(Counter)
    for g, actor, _ in matched:
        if g.actor.actor_type != "person":
            continue
        accepted[g.actor.actor].update(g.actor.affiliation or ("",))
        if actor and _names_actor(actor, g.actor):
            votes[g.actor.actor][actor] += 1
    affiliations = dict(zip(actors["actor"], actors["affiliation"].fillna(""), strict=True))
    right, wrong, problems = 0, 0, []
    for person, counts in sorted(votes.items()):
        actor = counts.most_common(1)[0][0]
        given = str(affiliations.get(actor, "") or "")
        ok = (
            any(same_identity(given, a) for a in accepted[person] if a)
            if given
            else ("" in accepted[person])
        )
        right += ok
        if given and not ok:
            wrong += 1
        if not ok:
            problems.append(f"{person}: {given or 'none'}")
    return {**_share(right, len(votes)), "wrong": wrong, "problems": problems}


def heldout_figures(heldout: Heldout, tables: dict[str, pd.DataFrame], *, top: int = TOP) -> dict:
    """resolution, actor list and affiliation per part (test first), plus the gold counts."""
    splits = heldout.split_of()
    golds = gold_mentions(heldout)
    mentions = tables["mentions"]
    figures = {}
    for part in SPLITS:
        keys = {k for k, s in splits.items() if s == part}
        part_mentions = mentions[mentions["article"].isin(keys)]
        matched = match_mentions([g for g in golds if g.article in keys], part_mentions)
        figures[part] = {
            "articles": len(keys),
            "gold_mentions": len(matched),
            "gold_actors": len({_identity(g.actor) for g, _, _ in matched}),
            "resolution": resolution_scores(matched),
            "actor_list": actor_list_scores(matched, part_mentions, tables["actors"], top=top),
            "affiliation": affiliation_scores(matched, tables["actors"]),
        }
    return figures


def format_heldout(figures: dict) -> str:
    """One block per part, test first: the three headline figures."""
    lines = []
    for part in SPLITS:
        f = figures[part]
        r, a, p = f["resolution"], f["affiliation"], f["actor_list"]
        lines += [
            f"held-out {part} ({f['articles']} articles, {f['gold_mentions']} gold mentions, "
            f"{f['gold_actors']} actors)" + (" [dev: rules were written reading it]" if part == "dev" else ""),
            f"  resolution (all): {r['all']['accuracy']:.3f} ({r['all']['correct']}/{r['all']['n']})"
            f"  found: {r['found']['accuracy']:.3f}  typed: {r['typed']['accuracy']:.3f}",
            f"  top-{p['n']} actor precision: {p['precision']:.3f} ({p['correct']}/{p['n']})",
            f"  affiliation accuracy: {a['accuracy']:.3f} ({a['correct']}/{a['n']}, {a['wrong']} wrong)",
        ]  # fmt: skip
    return "\n".join(lines)
