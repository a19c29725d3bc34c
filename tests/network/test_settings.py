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


def _readme_config() -> dict:
    """The config example of the README, as a config file would be read."""
    import yaml
    from helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Configuration", 1)[1].split("```yaml\nrules:", 1)[1]
    return yaml.safe_load("rules:" + example.split("```", 1)[0])


def test_the_readme_example_sections_are_read_into_the_settings(tmp_path, monkeypatch):
    """One definition: each key of the README's links/arxiv/github example is a
    configurable field, validated by the schema and read into the dataclass."""
    from pathlib import Path

    from awesome_lint.config import interpret, load
    from awesome_lint.network.settings import GithubSettings, from_section
    from awesome_lint.network_stage import settings_from

    data = _readme_config()
    config_file = tmp_path / ".awesome-lint.yml"
    import yaml

    config_file.write_text(yaml.safe_dump(data))
    monkeypatch.delenv("AWESOME_LINT_CACHE_DIR", raising=False)
    # the example's ~/.cache/awesome-lint is the user's cache folder (links.cache may be
    # there) when $XDG_CACHE_HOME is not set
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    config = load(config_file)  # validated against the schema
    links, arxiv, github = settings_from(config)
    assert links.cache_path == Path("~/.cache/awesome-lint/cache.sqlite3").expanduser()
    assert (links.cache_ok_age, links.cache_dead_age) == (86400.0, 3600.0)
    assert links.accept == frozenset({403}) and links.exclude == (r"^https://www\.linkedin\.com/",)
    assert (links.concurrency, links.per_host, links.timeout) == (32, 4, 20)
    assert links.user_agent == "awesome-lint (+https://github.com/me/my-list)"
    assert (arxiv.batch_size, arxiv.min_interval, arxiv.title_similarity) == (100, 3, 0.9)
    assert github.api_url == "https://api.github.com"
    # every key the example sets changed something a default would not have
    odd = interpret({"links": {"cache_age": {"ok": "2d", "dead": "30m"}, "cache": "x.db"}}, None)
    links = from_section(LinkSettings, odd.links)
    assert (links.cache_ok_age, links.cache_dead_age, links.cache_path) == (
        172800,
        1800,
        Path("x.db"),
    )
    assert from_section(GithubSettings, {"timeout": 5}).timeout == 5


def test_the_config_schema_is_built_from_the_settings_fields():
    from dataclasses import fields

    from awesome_lint.config import schema
    from awesome_lint.network.settings import CONFIG, GithubSettings

    sections = schema()["properties"]
    for name, cls in (
        ("links", LinkSettings),
        ("arxiv", ArxivSettings),
        ("github", GithubSettings),
    ):
        written = set()
        for field in fields(cls):
            if CONFIG in field.metadata:
                written.add((field.metadata[CONFIG].key or field.name).split(".")[0])
        assert set(sections[name]["properties"]) == written, name
    assert "token" not in sections["github"]["properties"]  # never from a config file
    ages = sections["links"]["properties"]["cache_age"]
    assert set(ages["properties"]) == {"ok", "dead"} and ages["additionalProperties"] is False


@pytest.mark.parametrize("text", ["1d", "2h", "30m", "45s", "2w", "90", "1.5h", "1D"])
def test_every_duration_the_schema_accepts_is_read(text):
    import re

    from awesome_lint.network.settings import DURATION_PATTERN

    assert re.match(DURATION_PATTERN, text)
    assert parse_duration(text) > 0
