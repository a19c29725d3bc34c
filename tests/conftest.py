from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import CORPUS, SEED, needs_shared


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the network cache and config-validation markers out of the real home, and
    loopback requests away from any proxy the machine has (pip may still use it)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    for name in ("NO_PROXY", "no_proxy"):
        kept = os.environ.get(name, "")
        os.environ[name] = ",".join(p for p in (kept, "127.0.0.1", "localhost", "::1") if p)


@pytest.fixture
def seed() -> Path:
    needs_shared(SEED)
    return SEED


@pytest.fixture
def corpus() -> Path:
    needs_shared(CORPUS)
    return CORPUS


# Fixtures that install this checkout into a fresh environment (the Action's harness) or
# have pre-commit build its hook environment: their tests are `slow`, left out of the
# quick inner loop `pytest -m "not slow"` (CI runs everything).
SLOW_FIXTURES = frozenset({"action_python", "hook_home"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
