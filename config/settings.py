"""One settings module for every environment; everything that differs comes from the environment.

See README.md for the table of variables.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, redis_url, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
# Settings create no directories: scripts/run_all.py, `make migrate` and the commands that
# write files create what they need (scripts/var_dirs.py).
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = secret_key(VAR_DIR, DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Links in emails. Unset, it follows PORT, so `make run PORT=8001` sends links that work.
SITE_URL = env_str("SITE_URL", f"http://localhost:{env_int('PORT', 8000, minimum=1)}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "partnerships",
    "capacity",
    "feedback",
    "visibility",
    "budgets",
    "health",
]

MIDDLEWARE = [
    "partnerships.views.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "partnerships.twofactor.TwoFactorMiddleware",
    "partnerships.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_db)
if _database_url.split(":", 1)[0] not in environ.Env.DB_SCHEMES:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a valid database URL: unknown scheme in {_database_url!r}."
    )
try:
    DATABASES = {"default": environ.Env.db_url_config(_database_url)}
except Exception as exc:  # django-environ raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, worker and beat of `make run` share one file: wait for locks, use WAL.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery ------------------------------------------------------------------
REDIS_URL = redis_url()
# No task is ever scheduled further ahead than this (retry back-off included); Redis must not
# hand an unacknowledged message to a second worker before then (checked at start-up).
CELERY_MAX_ETA_SECONDS = env_int("CELERY_MAX_ETA_SECONDS", 3600, minimum=1)
if REDIS_URL:
    # Short socket timeouts: a Redis that stops answering fails a request, never hangs it.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    # Sessions read from Redis and written through to the database: a page no longer pays a
    # database query for its session, and a Redis that restarts empty logs nobody out.
    SESSION_ENGINE = "partnerships.sessions"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 2 * 3600, minimum=1),
    }
else:
    # No server needed: the worker and beat of `make run` exchange messages through files.
    _queue_dir = VAR_DIR / "celery"
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    # Every file the transport writes lives under var/ (its defaults are relative to the
    # current directory, which left control/ and processed/ in the repository).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery-control"),
        "processed_folder": str(VAR_DIR / "celery-processed"),
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Signed-in pages served again from the cache until anything is written (partnerships/
# page_cache.py). PAGE_CACHE=0 renders every page, as before issue #16 (and is how bench/pages.py
# measures a first visit).
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A request must not hang when the broker is down: publishing gives up fast and the caller logs.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Outbox (partnerships/emails.py): pending emails older than this are published again by the
# sweep; one claimed this long ago and never confirmed is reported for an operator to check.
OUTBOX_SWEEP_MIN_AGE = env_int("OUTBOX_SWEEP_MIN_AGE", 120, minimum=0)
OUTBOX_STUCK_AFTER = env_int("OUTBOX_STUCK_AFTER", 3600, minimum=60)
CELERY_TIMEZONE = "UTC"
# A PDF render that takes longer is stopped and reported as failed (partnerships/tasks.py).
PDF_RENDER_TIME_LIMIT = env_int("PDF_RENDER_TIME_LIMIT", 60, minimum=5)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
REMINDER_HOUR = env_int("REMINDER_HOUR", 6, minimum=0, maximum=23)
CELERY_BEAT_SCHEDULE: dict = {}
CELERY_BEAT_SCHEDULE["mou-lifecycle"] = {
    "task": "partnerships.tasks.mou_lifecycle",
    "schedule": crontab(hour=REMINDER_HOUR, minute=5),
}
MOU_SIGNATURE_REMINDER_DAYS = env_int("MOU_SIGNATURE_REMINDER_DAYS", 7, minimum=1)
CELERY_BEAT_SCHEDULE["reminder-sweep"] = {
    "task": "partnerships.tasks.reminder_sweep",
    "schedule": crontab(hour=REMINDER_HOUR, minute=0),
}
CELERY_BEAT_SCHEDULE["health-snapshot"] = {
    "task": "health.tasks.snapshot_month",
    "schedule": crontab(hour=REMINDER_HOUR, minute=30),
}
CELERY_BEAT_SCHEDULE["outbox-sweep"] = {
    "task": "partnerships.tasks.outbox_sweep",
    "schedule": crontab(minute="*/5"),
}

CELERY_BEAT_SCHEDULE["feedback-retention"] = {
    "task": "feedback.tasks.apply_retention",
    "schedule": crontab(hour=REMINDER_HOUR, minute=30),
}

# --- Feedback: encryption at rest, public intake limits ---------------------------------------
# django-fernet-encrypted-fields derives its Fernet keys from SECRET_KEY (and
# SECRET_KEY_FALLBACKS) with each of these salts; the first encrypts, all decrypt, so a new key
# is put first and `manage.py feedback_reencrypt` rewrites every row with it.
SALT_KEY = env_list("FIELD_ENCRYPTION_KEYS", [])
if not SALT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must be set when DEBUG is off.")
    SALT_KEY = ["development-only-feedback-key"]
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 10, minimum=1)  # per client per window
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 600, minimum=1)  # seconds
FEEDBACK_UPLOAD_MAX_BYTES = env_int("FEEDBACK_UPLOAD_MAX_BYTES", 5_242_880, minimum=1)
FEEDBACK_WEBHOOK_MAX_AGE = env_int("FEEDBACK_WEBHOOK_MAX_AGE", 300, minimum=1)  # seconds

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "partnerships.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the unread-notification count with the user. Sessions made with
    # Django's ModelBackend (before this) end once: their owner logs in again.
    "partnerships.auth.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "partnerships:list"
LOGOUT_REDIRECT_URL = "login"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, minimum=1)
# Locked per account, not per account+IP: an attacker rotating addresses gets nowhere, and
# colleagues behind one office proxy are not locked out together. The account is free again
# after the cool-off.
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partnerships.auth.axes_username"
AXES_LOCKOUT_CALLABLE = "partnerships.auth.lockout_response"
# The client's address, for the attempt log, comes from X-Forwarded-For through django-ipware:
# set AXES_IPWARE_PROXY_COUNT to the number of proxies in front of the app as django-ipware
# counts them (0 = none: REMOTE_ADDR). Read from the right, so a client cannot forge it.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0, minimum=0) or None
AXES_IPWARE_PROXY_ORDER = "right-most"
# axes.W006 warns that without the IP address attempts could be spread over many addresses:
# that is exactly what locking the account itself (whatever the address) answers.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Locally-led Partnerships")
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14, minimum=1)

# --- Email ------------------------------------------------------------------------------------
try:
    vars().update(environ.Env.email_url_config(env_str("EMAIL_URL", "consolemail://")))
except Exception as exc:
    raise ImproperlyConfigured(f"EMAIL_URL is not a valid email URL: {exc}") from exc
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Locally-led Partnerships <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads: the local disk by default; FILE_STORAGE=s3 puts them in an S3-compatible bucket that
# several web servers share (django-storages; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are read
# by boto3 from the environment). Either way they are served only through access-checking views.
FILE_STORAGE = env_str("FILE_STORAGE", "filesystem").strip().lower()
if FILE_STORAGE == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif FILE_STORAGE == "s3":
    _bucket = env_str("AWS_STORAGE_BUCKET_NAME", "")
    if not _bucket:
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": env_str("AWS_LOCATION", ""),
        },
    }
else:
    raise ImproperlyConfigured(f"FILE_STORAGE={FILE_STORAGE!r} must be filesystem or s3.")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------------------------
# Scripts only from our own static files: templates pass data with json_script, never inline JS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    # check --deploy warns about preload being off; the operator decides, not us.
    SILENCED_SYSTEM_CHECKS += [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {
        "permission_denied": {"()": "partnerships.log_filters.PermissionDeniedWithoutTraceback"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["permission_denied"]},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO; only its warnings are worth reading.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}
