"""Resolution: who the actors are, and the analyst's alias file (merge, drop, retype, re-affiliate)."""

import streamlit as st

from analysis.resolve.overrides import OverridesError, parse_overrides
from analysis.schema import ACTOR_TYPES
from dashboard import aliases, builds, components, corpora, data, state

src, filters = state.current()
actors = data.catalogue(src).sort_values(["mentions", "actor"], ascending=[False, True])
names = actors["actor"].tolist()
text = corpora.load_aliases_text(src.name)
try:
    current = parse_overrides(text)
except OverridesError as exc:
    st.error(f"The alias file on disk cannot be used: {exc}")
    current = parse_overrides("")

st.title("Resolution")
st.markdown(
    "spaCy finds names; resolution turns them into actors: it cleans spans (titles, possessives, "
    "'the', captions, scores) and grows the ones the model cut short, types them with a registry "
    "of countries and organisations (a capital stands for its government unless the text names "
    "the city; in football reports countries are their national teams), joins partial names, "
    "acronyms and short forms to the full name in the same article, reads affiliations from the "
    "parse (kept only with a clear majority of votes, shown beside each), resolves states of the "
    "past by the article's date, and picks one display name. Your edits below go "
    "to `aliases.yaml` in the corpus build and apply to every chart, network and download; the "
    "tables are recomputed from the cached NLP (spaCy does not run again)."
)
components.render_accuracy()


def _apply(edited, what: str) -> None:
    with st.status(f"Saving the alias file and recomputing the tables ({what})…") as box:
        report = builds.save_aliases(src.name, edited.to_yaml())
        box.update(
            label=f"Saved; tables recomputed in {sum(report.seconds.values()):.1f} s",
            state="complete",
        )
    st.rerun()


st.subheader(f"Actors ({len(actors):,}, whole corpus)")
SHOWN = (
    "actor",
    "actor_type",
    "affiliation",
    "affiliation_votes",
    "aliases",
    "mentions",
    "articles",
)
st.dataframe(
    actors[[c for c in SHOWN if c in actors]],  # affiliation_votes: the parse votes behind it
    hide_index=True,
    key="res_actors",
)
merge_tab, drop_tab, type_tab, aff_tab, raw_tab = st.tabs(
    ["Merge / rename", "Drop", "Retype", "Re-affiliate", "Edit YAML"]
)
with merge_tab, st.form("res_merge_form"):
    sources = st.multiselect("Actors to merge (or one to rename)", names, key="res_merge_from")
    target = st.text_input("Into (an existing actor or a new name)", key="res_merge_to")
    if st.form_submit_button("Merge", key="res_merge_go"):
        try:
            _apply(aliases.merge(current, sources, target), "merge")
        except ValueError as exc:
            st.error(str(exc))
with drop_tab, st.form("res_drop_form"):
    dropped = st.multiselect("Actors to drop (not actors: bylines, noise)", names, key="res_drop")
    if st.form_submit_button("Drop", key="res_drop_go"):
        try:
            _apply(aliases.drop(current, dropped), "drop")
        except ValueError as exc:
            st.error(str(exc))
with type_tab, st.form("res_type_form"):
    who = st.selectbox("Actor", names, key="res_type_actor")
    new_type = st.selectbox("Type", list(ACTOR_TYPES), key="res_type_value")
    if st.form_submit_button("Set type", key="res_type_go"):
        _apply(aliases.retype(current, who, new_type), "retype")
with aff_tab, st.form("res_aff_form"):
    who = st.selectbox("Actor", names, key="res_aff_actor")
    affiliation = st.text_input("Affiliation (empty: remove yours)", key="res_aff_value")
    if st.form_submit_button("Set affiliation", key="res_aff_go"):
        _apply(aliases.reaffiliate(current, who, affiliation), "re-affiliate")
with raw_tab, st.form("res_yaml_form"):
    edited = st.text_area("aliases.yaml", value=text, height=300, key="res_yaml")
    if st.form_submit_button("Validate and save", key="res_yaml_go"):
        try:
            checked = parse_overrides(edited)
        except OverridesError as exc:
            st.error(f"Not saved: {exc}")
        else:
            _apply(checked, "YAML")
st.subheader("Current alias file")
st.code(text or "# empty: no edits yet", language="yaml")
