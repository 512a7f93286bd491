"""Shared fixtures: the real spaCy model, and real builds on disk (made once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import Settings
from analysis.pipeline import build
from analysis.store import read_tables
from tests.paths import SEED_ARTICLE, SEEDS


@pytest.fixture(scope="session")
def nlp():
    from analysis.nlp.parse import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """The seed article built with the real model (sentence tone)."""
    out = tmp_path_factory.mktemp("seed")
    build([SEED_ARTICLE], out, Settings())
    return out


@pytest.fixture(scope="session")
def seed_tables(seed_out) -> dict:
    return read_tables(seed_out)


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory) -> Path:
    """The whole default corpus (seed article + Wikinews) built with the real model."""
    out = tmp_path_factory.mktemp("demo")
    build([SEEDS], out, Settings())
    return out


@pytest.fixture(scope="session")
def demo_tables(demo_out) -> dict:
    return read_tables(demo_out)
