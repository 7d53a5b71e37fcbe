"""Static files in production: whitenoise's compressed manifest storage, with each file's URL
remembered per process.

The manifest of hashed names is read once when a process starts and does not change while it runs,
yet the storage cleans, looks up and joins the name on every static() call: the admin's boolean
column asks for its icon once per row (100 rows on the people changelist), and every admin page
names some twenty files. The public Jinja2 pages remember their static() answers the same way
(jinshi_laotixie/jinja_env.py).
"""

import functools

from whitenoise.storage import CompressedManifestStaticFilesStorage


class RememberedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._remembered_url = functools.lru_cache(maxsize=2048)(super().url)

    def url(self, name, force=False):
        if force:  # collectstatic and its post-processing ask for the file's current hash
            return super().url(name, force=True)
        return self._remembered_url(name)
