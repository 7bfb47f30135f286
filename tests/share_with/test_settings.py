"""Bad settings fail early with a message that names the setting, the item and the fix."""

from __future__ import annotations

import pytest
from pelican.plugins.share_with.settings import DEFAULTS, ShareWithError, validate

from tests.share_with.helpers import make_settings


def test_the_defaults_are_valid():
    validate(make_settings())
    validate(make_settings(**DEFAULTS))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SITEURL": ""}, "SITEURL must be absolute, like 'https://example.org'"),
        ({"SITEURL": "/blog"}, "got '/blog'"),
        (
            {"SHARE_WITH_TARGETS": ["email", "linkdin"]},
            "SHARE_WITH_TARGETS item 2: unknown target 'linkdin'. Known targets: bluesky,",
        ),
        ({"SHARE_WITH_TARGETS": ["email", "copy", "email"]}, "item 3: 'email' is listed twice"),
        ({"SHARE_WITH_TARGETS": "email"}, "SHARE_WITH_TARGETS must be a list of target names"),
        (
            {"SHARE_WITH_PRIMARY": ["email", "copy", "native", "x"]},
            "SHARE_WITH_PRIMARY must be a list of at most 3 target names",
        ),
        ({"SHARE_WITH_PRIMARY": ["emial"]}, "SHARE_WITH_PRIMARY: unknown target 'emial'"),
        (
            {"SHARE_WITH_TARGETS": ["x", "reddit"]},
            "None of SHARE_WITH_PRIMARY is in SHARE_WITH_TARGETS",
        ),
        (
            {"SHARE_WITH_PROMPT": "Share it!"},
            "SHARE_WITH_PROMPT: 'Share it!' must contain {audience}",
        ),
        ({"SHARE_WITH_PROMPT": "Know {who}?"}, "SHARE_WITH_PROMPT: unknown placeholder {who}"),
        ({"SHARE_WITH_EMAIL_BODY": "{note}"}, "SHARE_WITH_EMAIL_BODY: '{note}' must contain {url}"),
        ({"SHARE_WITH_POST_TEXT": "{title"}, "SHARE_WITH_POST_TEXT: expected '}'"),
        ({"SHARE_WITH_NOTE": 42}, "SHARE_WITH_NOTE must be a string, not int"),
        ({"SHARE_WITH_UTM": "yes"}, "SHARE_WITH_UTM must be False, True, or a dict"),
        ({"SHARE_WITH_UTM": {"utm_source": "{site}"}}, "SHARE_WITH_UTM['utm_source']: unknown"),
        ({"SHARE_WITH_SUMMARY_LENGTH": 5}, "SHARE_WITH_SUMMARY_LENGTH must be a whole number"),
        ({"SHARE_WITH_SUMMARY_LENGTH": True}, "SHARE_WITH_SUMMARY_LENGTH must be a whole number"),
        ({"SHARE_WITH_AUDIENCE_PHRASES": ["staff"]}, "SHARE_WITH_AUDIENCE_PHRASES must map"),
        ({"SHARE_WITH_PREVIEW_CARDS": "no"}, "SHARE_WITH_PREVIEW_CARDS must be True or False"),
        ({"SHARE_WITH_FEDIVERSE_URL": ""}, "SHARE_WITH_FEDIVERSE_URL must be a non-empty path"),
        ({"SHARE_WITH_EXTRA_TARGETS": {"name": "x"}}, "SHARE_WITH_EXTRA_TARGETS must be a list"),
        (
            {"SHARE_WITH_EXTRA_TARGETS": [{"name": "list", "url": "{url}"}]},
            "SHARE_WITH_EXTRA_TARGETS item 1: expected a dict with at least 'name', 'label'",
        ),
        (
            {"SHARE_WITH_EXTRA_TARGETS": [{"name": "a b", "label": "A", "url": "{url}"}]},
            "SHARE_WITH_EXTRA_TARGETS item 1: name 'a b' must be letters",
        ),
        (
            {"SHARE_WITH_EXTRA_TARGETS": [{"name": "l", "label": "L", "url": "{link}"}]},
            "SHARE_WITH_EXTRA_TARGETS item 1 (l) url: unknown placeholder {link}",
        ),
        (
            {
                "SHARE_WITH_EXTRA_TARGETS": [
                    {"name": "l", "label": "L", "url": "{url}", "icon": "x.png"}
                ]
            },
            "icon must be SVG markup",
        ),
        (
            {
                "SHARE_WITH_EXTRA_TARGETS": [
                    {"name": "l", "label": "L", "url": "{url}", "colour": 1}
                ]
            },
            "unknown key 'colour'",
        ),
    ],
)
def test_a_bad_setting_names_itself_and_the_fix(overrides, message):
    with pytest.raises(ShareWithError) as error:
        validate(make_settings(**overrides))
    assert message in str(error.value)
