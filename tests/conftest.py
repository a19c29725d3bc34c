from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CORPUS, SEED, needs_shared


@pytest.fixture
def seed() -> Path:
    needs_shared(SEED)
    return SEED


@pytest.fixture
def corpus() -> Path:
    needs_shared(CORPUS)
    return CORPUS
