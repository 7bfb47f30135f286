"""The rich-preview image: a post's own, measured, or the site default."""

from __future__ import annotations

import pytest
from pelican.plugins.share_with.settings import ShareWithError
from pelican.plugins.share_with.social_image import default_image, own_image
from PIL import Image

from tests.share_with.helpers import FakeArticle, make_settings


@pytest.fixture
def content(tmp_path):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (640, 336), "teal").save(tmp_path / "images" / "card.png")
    Image.new("RGB", (1201, 629), "navy").save(tmp_path / "images" / "photo.jpg", quality=70)
    (tmp_path / "images" / "notes.png").write_text("not an image", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("value", "path", "size"),
    [
        ("images/card.png", "images/card.png", (640, 336)),
        ("{static}/images/photo.jpg", "images/photo.jpg", (1201, 629)),
        ("/images/card.png", "images/card.png", (640, 336)),
    ],
)
def test_a_post_image_is_measured(content, value, path, size):
    article = FakeArticle(metadata={"image": value, "image_alt": "A teal  card"})
    image = own_image(article, content)
    assert image == {"path": path, "width": size[0], "height": size[1], "alt": "A teal card"}


def test_the_alt_text_falls_back_to_the_title(content):
    image = own_image(FakeArticle(metadata={"image": "images/card.png"}), content)
    assert image["alt"] == "Grow roots before branches"


def test_no_image_metadata_means_no_own_image(content):
    assert own_image(FakeArticle(), content) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("images/missing.png", "image: 'images/missing.png' not found"),
        ("images/notes.png", "image: 'images/notes.png' is not a readable image"),
        ("../secret.png", "must be a path inside the content folder"),
    ],
)
def test_a_bad_image_names_the_post_and_the_fix(content, value, message):
    article = FakeArticle(metadata={"image": value})
    with pytest.raises(ShareWithError) as error:
        own_image(article, content)
    assert str(error.value).startswith("content/grow-roots-before-branches.md: ")
    assert message in str(error.value)


def test_the_site_default_image():
    settings = make_settings(
        DEFAULT_SOCIAL_IMAGE={"path": "theme/img/card.png", "width": 1200, "height": 630},
        SOCIAL_IMAGE_ALT="Give First",
    )
    assert default_image(settings) == {
        "path": "theme/img/card.png",
        "url": "https://givefirst.example/theme/img/card.png",
        "width": 1200,
        "height": 630,
        "alt": "Give First",
    }
    assert default_image(make_settings()) is None
    with pytest.raises(ShareWithError, match="DEFAULT_SOCIAL_IMAGE must be a dict"):
        default_image(make_settings(DEFAULT_SOCIAL_IMAGE="card.png"))
