"""common.storage.RememberedManifestStaticFilesStorage: the same URLs as whitenoise's manifest
storage, each worked out once per process."""

from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

from common.storage import RememberedManifestStaticFilesStorage


def test_remembered_urls_are_the_manifests(tmp_path, settings):
    source = tmp_path / "source"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text("body { background: url('../img/dot.svg'); }\n")
    (source / "img").mkdir()
    (source / "img" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "common.storage.RememberedManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)

    remembered = RememberedManifestStaticFilesStorage(location=settings.STATIC_ROOT)
    plain = CompressedManifestStaticFilesStorage(location=settings.STATIC_ROOT)
    for name in ("css/site.css", "img/dot.svg"):
        url = remembered.url(name)
        assert url == plain.url(name) and url != settings.STATIC_URL + name  # the hashed name
        assert remembered.url(name) is url  # remembered, not worked out again
    assert remembered._remembered_url.cache_info().hits == 2
    assert remembered.url("css/site.css", force=True) == plain.url("css/site.css", force=True)
