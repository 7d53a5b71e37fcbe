"""Tests: fast hashing, plain static storage (no collectstatic needed), isolated media."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="jinshi-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test starts from an empty cache; a local-memory cache keeps tests from seeing each other.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
AXES_FAILURE_LIMIT = 5
