"""Settings and durations."""

from __future__ import annotations

import pytest

from awesome_lint.network import ArxivSettings, LinkSettings, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1d", 86400.0), ("1h", 3600.0), ("30m", 1800.0), ("45s", 45.0), ("2w", 1209600.0),
     ("90", 90.0), (" 1.5h ", 5400.0), ("1D", 86400.0), (120, 120.0)],
)  # fmt: skip
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "1y", "h", "-1h", "1 d x", "one day", True, -5])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError, match="invalid duration"):
        parse_duration(text)


def test_defaults():
    links = LinkSettings()
    assert (links.concurrency, links.per_host, links.retries, links.max_redirects) == (32, 4, 2, 10)
    assert (links.connect_timeout, links.timeout) == (10.0, 20.0)
    assert (links.cache_ok_age, links.cache_dead_age) == (86400.0, 3600.0)
    assert links.user_agent.startswith("awesome-lint/")
    assert ArxivSettings().batch_size == 100 and ArxivSettings().min_interval == 3.0


def test_invalid_settings_are_rejected():
    with pytest.raises(ValueError, match="batch_size"):
        ArxivSettings(batch_size=101)
    with pytest.raises(ValueError, match="invalid regex"):
        LinkSettings(exclude=("(",))
    with pytest.raises(ValueError, match="per_host"):
        LinkSettings(per_host=0)
    assert LinkSettings(accept=[403], exclude=["x"]).accept == frozenset({403})  # type: ignore[arg-type]
