"""Compile our catalogue when the .mo is missing or older than the .po, so that a bare `pytest`
(without `make messages`) still speaks the Chinese that the tests check."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real


def _compile_if_stale():
    for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], ignore_patterns=[".venv"], verbosity=0)
            # forget catalogues loaded before the compile (what setting_changed does for LOCALE_PATHS)
            trans_real._translations = {}
            trans_real._default = None
            if hasattr(trans_real, "translation_catalog_exists"):
                trans_real.translation_catalog_exists.cache_clear()


_compile_if_stale()
