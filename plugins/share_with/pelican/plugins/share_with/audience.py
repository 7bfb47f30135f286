"""Turn a post's `audience` metadata into the sentence that names who benefits.

"job seekers, new managers" becomes "Know a job seeker or a new manager? Send this
to them." Authors write audiences naturally, in the plural; the prompt asks about
one person, so each audience is made singular with its article. English rules
cover the common cases; `SHARE_WITH_AUDIENCE_PHRASES` settles the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

INDEFINITE_PRONOUNS = ("anyone", "anybody", "someone", "somebody", "everyone", "everybody")
DETERMINERS = ("a", "an", "the", "any", "your", "my", "our", "one")
# Words spelt with a vowel but said with a consonant sound, and the reverse.
SAYS_A = ("uni", "use", "usu", "uti", "eu", "one", "once")
SAYS_AN = ("hour", "honest", "honour", "heir")
IRREGULAR_PLURALS = {"people": "person", "children": "child", "women": "woman", "men": "man"}


def audience_names(value: str | Iterable[str] | None) -> list[str]:
    """The audiences from metadata ("a, b" or a list), trimmed, without repeats."""
    if not value:
        return []
    parts = value.split(",") if isinstance(value, str) else value
    names: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = " ".join(str(part).split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def singular(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def with_article(phrase: str) -> str:
    lower = phrase.lower()
    vowel_sound = (lower[:1] in "aeiou" and not lower.startswith(SAYS_A)) or lower.startswith(
        SAYS_AN
    )
    return f"{'an' if vowel_sound else 'a'} {phrase}"


def one_of(audience: str, phrases: Mapping[str, str] | None = None) -> str:
    """One member of an audience: "new managers" -> "a new manager"."""
    for plural, phrase in (phrases or {}).items():
        if plural.casefold() == audience.casefold():
            return phrase
    words = audience.split()
    first = words[0].lower()
    if first in INDEFINITE_PRONOUNS or first in DETERMINERS:
        return audience
    if first == "people" and len(words) > 1:
        return " ".join(["someone", *words[1:]])
    last = singular(words[-1])
    if last == words[-1]:
        # Not a plural we recognise ("staff", "HR"): leave it as written.
        return audience
    return with_article(" ".join([*words[:-1], last]))


def join_alternatives(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def share_prompt(
    audience: str | Iterable[str] | None,
    prompt: str,
    general_prompt: str,
    phrases: Mapping[str, str] | None = None,
) -> str:
    """The sentence above the share links; the general one when no audience is given."""
    names = audience_names(audience)
    if not names:
        return general_prompt
    return prompt.format(audience=join_alternatives([one_of(name, phrases) for name in names]))
