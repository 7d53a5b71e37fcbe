"""Production: DEBUG off, a real SECRET_KEY required, secure cookies, HSTS, compressed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("生产环境必须通过环境变量 SECRET_KEY 提供至少 40 个字符的密钥。")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
STORAGES = {
    **STORAGES,
    # whitenoise's compressed manifest storage, each file's URL remembered per process (common/storage.py).
    "staticfiles": {"BACKEND": "common.storage.RememberedManifestStaticFilesStorage"},
}

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# The healthz probe comes from the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
