"""Thumbnails by sorl-thumbnail, looked up once per process.

sorl's {% thumbnail %} asks its key-value store for every image on every render: on the news list
that was 11 lookups (2 ms of Python, and with Redis as the cache 11 network round trips) per page.
A thumbnail is a pure function of the source file's name and the options, and an uploaded file is
never overwritten (storage gives a changed upload a new name), so the answer is remembered per
process. After ``manage.py thumbnail clear`` restart the app servers.
"""

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Thumb:
    url: str
    width: int
    height: int


@functools.lru_cache(maxsize=4096)
def _thumb(name: str, geometry: str, options: tuple) -> Thumb | None:
    from sorl.thumbnail import get_thumbnail

    try:
        image = get_thumbnail(name, geometry, **dict(options))
    except Exception:  # a missing or unreadable source shows no image, as sorl's tag does
        return None
    if not image or not image.url:
        return None
    return Thumb(image.url, image.width, image.height)


def thumbnail(file, geometry: str, **options) -> Thumb | None:
    """The thumbnail of an image field's file (or a storage name), or None when there is none."""
    name = getattr(file, "name", file) or ""
    if not name:
        return None
    return _thumb(name, geometry, tuple(sorted(options.items())))
