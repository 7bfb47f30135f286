"""Just enough microformats2 to read a post: which elements are an entry's properties,
and the name of the entry a page is about.

An element whose class has an `h-*` name is an object (a root); the `u-*`, `e-*` and
`p-*` elements inside it are its properties, except those inside a nested root, which
belong to that one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import lxml.html


def classes(element) -> list[str]:
    return element.get("class", "").split()


def is_root(element) -> bool:
    return any(name.startswith("h-") for name in classes(element))


def roots(tree, kind: str) -> Iterator:
    """Every `kind` root (say "h-entry") in document order."""
    return (el for el in tree.iter() if isinstance(el.tag, str) and kind in classes(el))


def own_elements(root) -> Iterator:
    """The elements whose properties are `root`'s: nested roots, but not their insides."""
    for child in root.iterchildren():
        if isinstance(child.tag, str):  # not a comment
            yield child
            if not is_root(child):
                yield from own_elements(child)


def with_class(elements: Iterable, name: str) -> list:
    return [element for element in elements if name in classes(element)]


def page_title(body: bytes) -> str:
    """What a page calls itself: its first h-entry's `p-name`, else its `<title>`; raw text."""
    try:
        tree = lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for entry in roots(tree, "h-entry"):
        for name in with_class(own_elements(entry), "p-name"):
            return name.text_content()
        break
    title = tree.find(".//title")
    return title.text_content() if title is not None else ""
