"""Plausible networking prose, learnt from the site's own posts.

A word chain (two words of context) trained on `content/` writes new sentences in the
site's voice and vocabulary; headings and list items are drawn from the real ones. So
generated pages parse, weigh and compress like real pages: templated filler gzips about
11x, our posts 2.7x, this text about 4x, which matters for feed bytes on the wire.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.measure import BenchError

SENTENCE_END = (".", "?", "!")
START = ("", "")
MIN_SENTENCE_WORDS, MAX_SENTENCE_WORDS = 5, 45
MIN_TRAINING_WORDS = 2000
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"[*_`]")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+")


@dataclass(frozen=True)
class Style:
    """What was learnt: word transitions, and the real headings and list items."""

    chain: dict[tuple[str, str], list[str]]
    headings: list[str]
    list_items: list[str]


def learn(folder: Path) -> Style:
    """Learn from every Markdown file under `folder` (metadata header skipped)."""
    chain: dict[tuple[str, str], list[str]] = defaultdict(list)
    headings: list[str] = []
    list_items: list[str] = []
    words = 0
    for path in sorted(folder.rglob("*.md")):
        _, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        for block in body.split("\n\n"):
            block = EMPHASIS.sub("", LINK.sub(r"\1", block.strip()))
            if block.startswith("#"):
                headings.append(block.lstrip("#").strip())
            elif LIST_ITEM.match(block):
                list_items += [LIST_ITEM.sub("", line).strip() for line in block.splitlines()]
            elif block and not block.startswith((">", "|", "<")):
                words += _train(chain, block.split())
    if words < MIN_TRAINING_WORDS or not headings or not list_items:
        raise BenchError(
            f"{folder}: found {words} words of prose, {len(headings)} headings and "
            f"{len(list_items)} list items; the corpus generator learns its prose from the "
            f"site's posts and needs at least {MIN_TRAINING_WORDS} words, one heading and one "
            "list. Run the benchmark from a checkout with its posts."
        )
    return Style(chain=dict(chain), headings=headings, list_items=list_items)


def _train(chain: dict[tuple[str, str], list[str]], words: list[str]) -> int:
    state = START
    for word in words:
        chain[state].append(word)
        state = START if word.endswith(SENTENCE_END) else (state[1], word)
    return len(words)


class Prose:
    """Sentences, paragraphs and Markdown blocks from one `Style` and one `random.Random`."""

    def __init__(self, style: Style, rng: random.Random):
        self.style = style
        self.rng = rng

    def sentence(self) -> str:
        """A walk along the chain from a sentence start to a sentence end, of sensible length."""
        while True:
            state, words = START, []
            while len(words) < MAX_SENTENCE_WORDS and state in self.style.chain:
                word = self.rng.choice(self.style.chain[state])
                words.append(word)
                if word.endswith(SENTENCE_END):
                    break
                state = (state[1], word)
            if len(words) >= MIN_SENTENCE_WORDS and words[-1].endswith(SENTENCE_END):
                return " ".join(words)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def heading(self) -> str:
        return self.rng.choice(self.style.headings)

    def list_items(self) -> list[str]:
        count = min(len(self.style.list_items), self.rng.randint(3, 5))
        return self.rng.sample(self.style.list_items, count)

    def bullet_list(self) -> str:
        return "\n".join(f"- {item}" for item in self.list_items())

    def body(self, links: list[str], min_words: int, max_words: int) -> str:
        """Markdown with sections, lists, the odd quote and every link in `links`.

        Sections are added until a target drawn from the range is met; a section that would
        pass the upper bound is cut short. Links go into paragraphs, as writers put them.
        """
        room = max_words - 20 * len(links)
        target = self.rng.randint(min_words, room)
        blocks = [self.paragraph(), self.paragraph()]
        words = sum(len(block.split()) for block in blocks)
        while words < target:
            section = [f"## {self.heading()}", self.paragraph()]
            if self.rng.random() < 0.5:
                section.append(self.bullet_list())
            if self.rng.random() < 0.2:
                section.append(f"> {self.sentence()}")
            section.append(self.paragraph())
            while len(section) > 1 and words + sum(len(b.split()) for b in section) > room:
                section.pop()
            if len(section) < 2:
                break
            blocks.extend(section)
            words += sum(len(block.split()) for block in section)
        paragraphs = [i for i, block in enumerate(blocks) if block[0] not in "#->"]
        for link, index in zip(links, self.rng.sample(paragraphs, len(links)), strict=True):
            blocks[index] += f" There is more on this in {link}."
        return "\n\n".join(blocks) + "\n"
