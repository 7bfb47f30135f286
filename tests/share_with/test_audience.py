"""The sentence that names who a post helps, from its `audience` metadata."""

from __future__ import annotations

import pytest
from pelican.plugins.share_with.audience import audience_names, one_of, share_prompt
from pelican.plugins.share_with.settings import DEFAULTS

PROMPT = DEFAULTS["SHARE_WITH_PROMPT"]
GENERAL = DEFAULTS["SHARE_WITH_GENERAL_PROMPT"]


def prompt_for(audience, phrases=None) -> str:
    return share_prompt(audience, PROMPT, GENERAL, phrases)


def test_the_example_from_the_issue():
    assert prompt_for("job seekers, new managers") == (
        "Know a job seeker or a new manager? Send this to them."
    )


@pytest.mark.parametrize(
    ("audience", "one"),
    [
        ("introverts", "an introvert"),
        ("students", "a student"),
        ("community organisers", "a community organiser"),
        ("people new in town", "someone new in town"),
        ("anyone new to networking", "anyone new to networking"),
        ("university students", "a university student"),
        ("hourly workers", "an hourly worker"),
        ("small businesses", "a small business"),
        ("coaches", "a coach"),
        ("charities", "a charity"),
        ("sales people", "a sales person"),
        ("a friend who is retiring", "a friend who is retiring"),
        ("staff", "staff"),
    ],
)
def test_each_audience_becomes_one_person(audience, one):
    assert one_of(audience) == one


def test_three_or_more_are_listed_with_a_final_or():
    assert prompt_for("introverts, people new in town, community organisers, students") == (
        "Know an introvert, someone new in town, a community organiser or a student? "
        "Send this to them."
    )


@pytest.mark.parametrize("empty", [None, "", "  ", " , ,", []])
def test_posts_without_an_audience_get_the_general_prompt(empty):
    assert prompt_for(empty) == GENERAL


def test_audiences_are_trimmed_and_not_repeated():
    assert audience_names(" Job seekers ,job seekers,  new   managers,") == [
        "Job seekers",
        "new managers",
    ]
    assert prompt_for(["mentors", "founders"]) == "Know a mentor or a founder? Send this to them."


def test_the_site_settles_phrases_the_rules_cannot():
    phrases = {"Staff": "a member of staff", "alumni": "a former student"}
    assert prompt_for("staff, alumni", phrases) == (
        "Know a member of staff or a former student? Send this to them."
    )


def test_the_wording_is_a_setting():
    assert share_prompt("mentors", "Is {audience} in your life? Pass it on.", GENERAL) == (
        "Is a mentor in your life? Pass it on."
    )
