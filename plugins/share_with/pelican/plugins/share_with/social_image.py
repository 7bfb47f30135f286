"""The image shown when a post's link is pasted anywhere (Open Graph, Twitter card).

A post names its own with `image:` (a path inside the content folder, optionally
with `image_alt:`); otherwise the site's DEFAULT_SOCIAL_IMAGE is used. Platforms
lay out the preview before the image loads, so its pixel size is measured here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .settings import ShareWithError


def image_path(article: Any) -> str | None:
    """The post's `image:` as a path relative to the content folder, or None."""
    value = str(article.metadata.get("image") or "").strip()
    if not value:
        return None
    for prefix in ("{static}", "{attach}"):
        value = value.removeprefix(prefix)
    relative = PurePosixPath(value.lstrip("/"))
    if ".." in relative.parts or not relative.parts:
        raise ShareWithError(
            f"{article.source_path}: image: {value!r} must be a path inside the content "
            "folder, e.g. 'images/my-post.png'."
        )
    return str(relative)


def measure(path: Path, article: Any, value: str) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError  # here: most builds measure no image

    try:
        with Image.open(path) as image:
            return image.size
    except FileNotFoundError:
        raise ShareWithError(
            f"{article.source_path}: image: {value!r} not found (looked for {path}). "
            "Put the image under the content folder or correct the path."
        ) from None
    except (UnidentifiedImageError, OSError) as error:
        raise ShareWithError(
            f"{article.source_path}: image: {value!r} is not a readable image ({error}). "
            "Use a PNG, JPEG, WebP or GIF file."
        ) from None


def own_image(article: Any, content_path: Path) -> dict[str, Any] | None:
    """The post's own social image, measured, still without its URL; None when it names none.

    The URL comes from Pelican's static generator, which copies the file (see `path`).
    """
    relative = image_path(article)
    if relative is None:
        return None
    width, height = measure(content_path / relative, article, relative)
    alt = " ".join(str(article.metadata.get("image_alt") or article.title).split())
    return {"path": relative, "width": width, "height": height, "alt": alt}


def default_image(settings: Mapping[str, Any]) -> dict[str, Any] | None:
    """The site's DEFAULT_SOCIAL_IMAGE as the same shape, or None when not set."""
    default = settings.get("DEFAULT_SOCIAL_IMAGE")
    if not default:
        return None
    if not isinstance(default, Mapping) or not {"path", "width", "height"} <= default.keys():
        raise ShareWithError(
            "DEFAULT_SOCIAL_IMAGE must be a dict with 'path' (under the output folder), "
            "'width' and 'height' in pixels."
        )
    return {
        "path": default["path"],
        "url": f"{settings['SITEURL'].rstrip('/')}/{default['path']}",
        "width": default["width"],
        "height": default["height"],
        "alt": default.get("alt") or settings.get("SOCIAL_IMAGE_ALT") or settings["SITENAME"],
    }
