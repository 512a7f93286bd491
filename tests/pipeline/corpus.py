"""A handful of tiny dated articles whose actors the real model finds (fixtures as code)."""

from __future__ import annotations

from pathlib import Path

ARTICLES = [
    "Turkish Foreign Minister Hakan Fidan met Iran's President in Ankara on Monday.",
    "Israel rejected the proposal. Hezbollah leader Hassan Nasrallah warned Israel again.",
    "The United Nations praised Turkey for its help. Fidan said the talks went well.",
    "Iran's Foreign Minister Ali Bagheri Kani criticised the United States sharply.",
    "Egypt and Qatar hosted the talks in Cairo. Hamas welcomed the offer.",
    "Joe Biden spoke with Benjamin Netanyahu. Biden urged restraint from Israel.",
    "The European Union imposed sanctions on Russia after the attack on Ukraine.",
]


def write_articles(folder: Path, indices: range | list[int]) -> Path:
    """Articles `indices` as .txt files in `folder` (one a day from 2024-03-01)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in indices:
        text = f"date 2024-03-{i + 1:02d}\n{ARTICLES[i]}\n"
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    return folder


def csv_bytes(out: Path) -> dict[str, bytes]:
    from analysis.schema import TABLES

    return {name: (Path(out) / f"{name}.csv").read_bytes() for name in TABLES}
