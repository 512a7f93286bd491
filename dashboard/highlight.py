"""Article and sentence text as HTML with mentions marked: every piece of text is escaped here.

This module is the only producer of HTML that holds corpus text; pages pass its output to
`st.markdown(..., unsafe_allow_html=True)` and nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

TYPE_COLORS = {
    "person": "#fde68a",
    "organization": "#bfdbfe",
    "country": "#bbf7d0",
    "place": "#ddd6fe",
    "group": "#fecaca",
    "other": "#e5e7eb",
}
EVIDENCE_COLOR = "#fde68a"


def mark_spans(
    text: str,
    spans: Iterable[tuple[int, int, str, str]],
    *,
    paragraphs: bool = False,
) -> str:
    """`text` escaped, with each (start, end, actor, actor_type) span wrapped in <mark>.

    Spans are offsets into `text`; overlapping or out-of-range spans are skipped (the first one
    wins). The actor name goes into the title attribute, escaped too. With `paragraphs`, line
    breaks become <br>.
    """
    pieces, cursor = [], 0
    for start, end, actor, actor_type in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor or end > len(text) or start >= end:
            continue
        color = TYPE_COLORS.get(actor_type, EVIDENCE_COLOR)
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(
            f'<mark style="background:{color};padding:0 2px;border-radius:3px" '
            f'title="{html.escape(f"{actor} ({actor_type})", quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    out = "".join(pieces)
    return out.replace("\n", "<br>") if paragraphs else out


def legend() -> str:
    """The colour key for mention types (static, no corpus text)."""
    return " ".join(
        f'<mark style="background:{color};padding:0 4px;border-radius:3px">{name}</mark>'
        for name, color in TYPE_COLORS.items()
    )
