"""Development: DEBUG on, SQLite unless DATABASE_URL says otherwise, mail to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
