"""The icon sprite: one symbol per selected target, drawn in currentColor, sized by CSS."""

from __future__ import annotations

import pytest
from lxml import etree
from pelican.plugins.share_with.icons import bundled_icon, sprite
from pelican.plugins.share_with.settings import (
    ShareWithError,
    available_targets,
    selected_targets,
    validate,
)
from pelican.plugins.share_with.targets import CATALOGUE

from tests.share_with.helpers import make_settings

SVG = "http://www.w3.org/2000/svg"
ALL_TARGETS = [target.name for target in CATALOGUE]
# A custom icon as people paste them: namespaced, sized, with a nested group.
CUSTOM_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32" '
    'fill="currentColor"><g><circle cx="16" cy="16" r="8"/></g></svg>'
)


def symbols(settings: dict) -> dict[str, etree._Element]:
    document = etree.fromstring(sprite(selected_targets(settings)).encode())
    assert document.tag == f"{{{SVG}}}svg"
    return {symbol.get("id"): symbol for symbol in document}


def test_every_bundled_target_has_a_symbol_of_its_own():
    found = symbols(make_settings(SHARE_WITH_TARGETS=ALL_TARGETS))
    assert list(found) == ALL_TARGETS
    drawings = set()
    for name, symbol in found.items():
        assert symbol.tag == f"{{{SVG}}}symbol", name
        assert symbol.get("viewBox") == "0 0 24 24", name
        assert "currentColor" in (symbol.get("fill"), symbol.get("stroke")), name
        assert symbol.get("width") is None and symbol.get("height") is None, "CSS sizes icons"
        assert len(symbol) >= 1, f"{name} is empty"
        drawings.add(b"".join(etree.tostring(child) for child in symbol))
    assert len(drawings) == len(found), "no two targets share a drawing"


def test_only_the_selected_targets_are_in_the_sprite():
    assert list(symbols(make_settings(SHARE_WITH_TARGETS=["email", "x"]))) == ["email", "x"]


def test_a_custom_target_brings_its_icon_or_gets_the_generic_one():
    settings = make_settings(
        SHARE_WITH_EXTRA_TARGETS=[
            {
                "name": "ring",
                "label": "Ring",
                "url": "https://ring.example/?u={url}",
                "icon": CUSTOM_ICON,
            },
            {"name": "plain", "label": "Plain", "url": "https://plain.example/?u={url}"},
        ],
        SHARE_WITH_TARGETS=["ring", "plain"],
        SHARE_WITH_PRIMARY=["ring"],
    )
    validate(settings)
    found = symbols(settings)
    ring = found["ring"]
    assert ring.get("viewBox") == "0 0 32 32" and ring.get("width") is None
    assert ring[0].tag == f"{{{SVG}}}g" and ring[0][0].tag == f"{{{SVG}}}circle"
    generic = etree.fromstring(bundled_icon("generic").encode())
    assert [child.get("d") for child in found["plain"]] == [child.get("d") for child in generic]


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        ("<svg><path d='M0 0'></svg>", "is not well-formed XML"),
        ('<svg viewBox="0 0 24 24"><path d="M0 0"/>', "is not well-formed XML"),
        ("<svg/><svg/>", "is not well-formed XML"),
        ("icon.svg", "must be SVG markup starting with <svg"),
    ],
)
def test_a_broken_custom_icon_stops_the_build_naming_the_target(icon, message):
    extra = {"name": "ring", "label": "Ring", "url": "{url}", "icon": icon}
    with pytest.raises(ShareWithError) as error:
        available_targets(make_settings(SHARE_WITH_EXTRA_TARGETS=[extra]))
    assert "SHARE_WITH_EXTRA_TARGETS item 1 (ring) icon" in str(error.value)
    assert message in str(error.value)
