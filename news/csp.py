"""Let the prose editor's inline import map run under our strict script-src: allow exactly its
hash on the pages that show the editor (no 'unsafe-inline')."""

import base64
import functools
import hashlib
import re

from csp.decorators import csp_update

_IMPORTMAP_RE = re.compile(r'<script type="importmap">(.*?)</script>', re.DOTALL)


@functools.cache
def editor_script_hashes() -> tuple[str, ...]:
    from django_prose_editor.widgets import prose_editor_admin_media, prose_editor_media

    hashes = []
    for media in (prose_editor_media(preset="configurable"), prose_editor_admin_media):
        for content in _IMPORTMAP_RE.findall(str(media)):
            digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return tuple(dict.fromkeys(hashes))


def allow_editor(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return csp_update({"script-src": list(editor_script_hashes())})(view)(*args, **kwargs)

    return wrapper
