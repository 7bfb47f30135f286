"""Each post's own preview card: the picture a link shows when it is pasted in a message.

A 1200x630 PNG with the post's title, who it is for (from `audience`) and the site's name,
in the theme's light palette, drawn with the DejaVu Sans Bold shipped in `fonts/`, so that
every machine draws the same card with no system font and no download. Drawing a card
costs tens of millions of instructions, so it is kept in Pelican's CACHE_PATH under a hash
of its text and drawn only when no card with that text is there yet: a build after the
site's first draws only the cards of new or retitled posts. The output file is named by the
same hash, so a retitled post gets a new URL and platforms that keep previews by URL fetch
the new card.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from givefirst_kit.files import write_atomically
from givefirst_kit.text import plain_text
from pelican.generators import Generator

from .audience import audience_names

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
CARD_VERSION = "1"  # raise it when the drawing changes, so that cached cards are redrawn
CACHE_FOLDER = "share_with-cards"  # under CACHE_PATH
OUTPUT_FOLDER = "share/cards"  # under the output folder and SITEURL
FONT_FILE = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
# The theme's light palette (theme/static/css/main.css): --bg, --fg and --accent.
PAPER, INK, ACCENT = (0xFD, 0xFC, 0xF9), (0x1F, 0x23, 0x28), (0x0B, 0x6B, 0x5A)
# A card is drawn in greys, each value an amount of ink (0 paper, 254 full ink), and the
# palette turns them into colours: no quantizing, and anti-aliased edges blend to paper.
TITLE_INK, AUDIENCE_INK, SITE_INK, ACCENT_INDEX = 254, 210, 180, 255
PALETTE = [
    round(paper + (ink - paper) * amount / 254)
    for amount in range(255)
    for paper, ink in zip(PAPER, INK, strict=True)
] + list(ACCENT)
TITLE_SIZES = (72, 62, 52)  # the largest at which the title fits in three lines; else four


class CardText(NamedTuple):
    title: str
    audience: str  # "For job seekers, new managers and introverts", or ""
    site: str

    @property
    def file_name(self) -> str:
        """Names the card in the cache and in the output: the same text, the same card."""
        key = hashlib.sha256("\n".join((CARD_VERSION, *self)).encode()).hexdigest()[:16]
        return f"{key}.png"

    @property
    def alt(self) -> str:
        """The card's words as sentences; a title that ends a sentence takes no full stop."""
        if not self.audience:
            return self.title
        stop = "" if self.title.endswith((".", "?", "!", "…")) else "."
        return f"{self.title}{stop} {self.audience}."


@functools.lru_cache(maxsize=1024)
def for_line(audience: str | None) -> str:
    """Who the card is for, from `audience`: "a, b, c" -> "For a, b and c". Posts share a
    few audiences, so each is worked out once per build."""
    names = audience_names(audience)
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"For {listed}"


def card_text(article: Any, settings: dict) -> CardText:
    return CardText(
        plain_text(article.title), for_line(article.metadata.get("audience")), settings["SITENAME"]
    )


def card_image(text: CardText, file_name: str, siteurl: str) -> dict[str, Any]:
    """The card as the theme's `article.social_image` (see docs/CONTRACT.md)."""
    path = f"{OUTPUT_FOLDER}/{file_name}"
    return {
        "path": path,
        "url": f"{siteurl}/{path}",
        "width": WIDTH,
        "height": HEIGHT,
        "alt": text.alt,
    }


@functools.cache
def font(size: int) -> FreeTypeFont:
    """Each size loaded once per build, not once per card. Imported here: a build that
    draws no card (most after the first) does not load the text renderer."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size)


def wrapped(text: str, face: FreeTypeFont) -> list[str]:
    """Words laid out in lines no wider than the card's text column."""
    lines: list[str] = []
    for word in text.split():
        line = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(line) <= TEXT_WIDTH:
            lines[-1] = line
        else:
            lines.append(word)
    return lines


def title_lines(title: str) -> tuple[list[str], FreeTypeFont]:
    for size in TITLE_SIZES:
        lines = wrapped(title, font(size))
        if len(lines) <= 3:
            return lines, font(size)
    if len(lines) > 4:
        lines = [*lines[:3], lines[3] + " …"]
    return lines, font(size)


def draw_card(text: CardText) -> bytes:
    """The card as PNG bytes: a palette image, saved with fast compression."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, HEIGHT), fill=ACCENT_INDEX)
    lines, face = title_lines(text.title)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=TITLE_INK)
        y += round(face.size * 1.2)
    y += 16
    draw.rectangle((MARGIN, y, MARGIN + 95, y + 7), fill=ACCENT_INDEX)
    y += 36
    for line in wrapped(text.audience, font(34))[:2]:
        draw.text((MARGIN, y), line, font=font(34), fill=AUDIENCE_INK)
        y += 44
    draw.text((MARGIN, HEIGHT - MARGIN - 32), text.site, font=font(32), fill=SITE_INK)
    image.putpalette(PALETTE)
    buffer = BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


class PreviewCards(Generator):
    """Puts each post's card in the output (`context["share_with_cards"]`, text by file
    name), drawing into the cache only the cards that are not there yet."""

    def generate_output(self, writer) -> None:
        cache = os.path.join(self.settings["CACHE_PATH"], CACHE_FOLDER)
        folder = os.path.join(self.output_path, OUTPUT_FOLDER)
        os.makedirs(folder, exist_ok=True)
        present = set(os.listdir(folder))  # after the site's first build, nearly all
        for name, text in self.context.get("share_with_cards", {}).items():
            target = os.path.join(folder, name)
            if name in present:
                # The same name, the same card: only marked as this build's, as a copy
                # would be, so that the preview does not take it for a stale file.
                os.utime(target)
                continue
            cached = os.path.join(cache, name)
            if not os.path.exists(cached):
                write_atomically(Path(cached), draw_card(text))
            shutil.copyfile(cached, target)
