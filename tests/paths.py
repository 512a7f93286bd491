"""Paths the tests share (kept out of conftest.py so test modules can import them)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_f8935185a8769661.txt"
DATA = Path(__file__).with_name("data")
