"""settings: defaults, resolved paths, and errors that name the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.blogroll.config import BlogrollConfigError, load_blogs
from pelican.plugins.blogroll.settings import DEFAULTS, BlogrollSettings, SettingsError

from tests.blogroll.helpers import run_cli


def test_defaults_resolve_against_the_content_folder(tmp_path):
    settings = BlogrollSettings.from_settings({"PATH": str(tmp_path)})
    assert settings.source == tmp_path / "blogroll.yml"
    assert settings.data_path == Path(DEFAULTS["BLOGROLL_DATA_PATH"]).absolute()
    assert settings.refresh_ttl is None
    assert (settings.concurrency, settings.per_host, settings.max_redirects) == (64, 2, 5)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BLOGROLL_CONCURRENCY", 0, "BLOGROLL_CONCURRENCY must be a whole number >= 1, not 0"),
        ("BLOGROLL_PER_HOST", "2", "BLOGROLL_PER_HOST must be a whole number >= 1, not '2'"),
        ("BLOGROLL_MAX_BYTES", True, "BLOGROLL_MAX_BYTES must be a whole number >= 1, not True"),
        ("BLOGROLL_READ_TIMEOUT", -1, "BLOGROLL_READ_TIMEOUT must be a number of seconds"),
        ("BLOGROLL_REFRESH_TTL", "1h", "BLOGROLL_REFRESH_TTL must be a number of seconds"),
        ("BLOGROLL_FILE", "", "BLOGROLL_FILE must be a non-empty path"),
        ("BLOGROLL_USER_AGENT", "naïve", "BLOGROLL_USER_AGENT must be printable ASCII"),
    ],
)
def test_bad_values_name_the_setting(name, value, message):
    with pytest.raises(SettingsError, match=message):
        BlogrollSettings.from_settings({name: value})


@pytest.mark.parametrize(
    ("siteurl", "agent"),
    [
        ("https://givefirst.example", "(feed reader; +https://givefirst.example/blogroll/)"),
        ("http://127.0.0.1:8000", "(feed reader)"),
        ("", "(feed reader)"),
    ],
)
def test_the_user_agent_names_the_public_site_only(siteurl, agent):
    settings = BlogrollSettings.from_settings({"SITEURL": siteurl})
    assert settings.user_agent == f"blogroll-refresh/1.0 {agent}"


def test_a_missing_list_says_how_to_start_one(tmp_path):
    with pytest.raises(BlogrollConfigError, match="no such file; create it with `blogs:`"):
        load_blogs(tmp_path / "blogroll.yml")


@pytest.mark.parametrize(
    ("argument", "message"),
    [("{oops", "--settings-json is not valid JSON"), ("[1]", "must be a JSON object")],
)
def test_bad_settings_json_is_reported(argument, message):
    result = run_cli("refresh", "--settings-json", argument)
    assert result.returncode == 2 and message in result.stderr
