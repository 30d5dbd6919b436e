"""Django settings of the independent SensorThings server (django-ogc-sensorthings 1.2.0) on SQLite.

Environment: HD_STA_DB (SQLite path), HD_STA_SERVICE_URL (the root its links are built from, without /v1.1).
Only settings adapt the package; its code is used as published.
"""
import os
import secrets
from uuid import UUID

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = secrets.token_urlsafe(32)  # per process: the server keeps no sessions or users
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "sensorthings.versions.v1_1",
    "sensorthings.versions.v1_1.backends.django",
    # CreateObservations (dataArray): seeding eight weeks takes a handful of requests instead of 90,000
    "sensorthings.versions.v1_1.extensions.dataarray",
]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("HD_STA_DB", os.path.join(BASE_DIR, "sta.sqlite3")),
        "OPTIONS": {"timeout": 30},
    }
}
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
APPEND_SLASH = False

SENSORTHINGS_V1_1_SERVICE_URL = os.environ.get("HD_STA_SERVICE_URL", "http://127.0.0.1:8765/sensorthings")
SENSORTHINGS_V1_1_BACKEND_ADAPTER = "sensorthings.versions.v1_1.backends.django.adapter.DjangoBackendAdapter"
SENSORTHINGS_V1_1_ID_TYPE = UUID
SENSORTHINGS_V1_1_ID_DELIMITER = "'"
SENSORTHINGS_V1_1_DOCS_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
