"""Fixtures for the pure core: the seed package and its documents, read once per session."""

from pathlib import Path

import pytest
from shared_paths import SEED

from accord.text import parse_file


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_documents():
    """The five documents of the seed: notes verbales EN, RU, KK, then the declaration EN and RU."""
    return parse_file(SEED)


@pytest.fixture(scope="session")
def seed_declarations(seed_documents):
    """The seed's declarations by language: ``{"en": …, "ru": …}``."""
    return {d.language: d for d in seed_documents if d.kind == "declaration"}


@pytest.fixture(scope="session")
def seed_notes(seed_documents):
    """The seed's notes verbales by language: ``{"en": …, "ru": …, "kk": …}``."""
    return {d.language: d for d in seed_documents if d.kind == "note_verbale"}
