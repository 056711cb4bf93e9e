"""Bridgework settings: one module, driven by the environment (see the configuration table in README.md).

Embedded default: SQLite, local files, console email and the database task worker. Scale-out is configuration
only: DATABASE_URL (PostgreSQL), STORAGE_BACKEND=s3, EMAIL_HOST, TASK_BACKEND=rq + REDIS_URL.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from bridgework.envconf import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("BRIDGEWORK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value, "
            "or set DEBUG=true for local development (a key is then generated into var/secret_key)."
        )
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "auditlog",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # its bundled Swagger UI assets: the API docs page loads nothing from the internet
    # domain
    "bridgework.core",
    "bridgework.people",
    "bridgework.catalogue",
    "bridgework.learners",
    "bridgework.imports",
    "bridgework.employers",
    "bridgework.activities",
    "bridgework.compliance",
    "bridgework.moderation",
    "bridgework.portfolio",
    # audiences
    "bridgework.staff",
    "bridgework.learner",
    "bridgework.portal",
    "bridgework.moderator",
    "bridgework.platform",
    "bridgework.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "bridgework.core.middleware.IdleTimeoutMiddleware",
    "bridgework.core.middleware.RequireMfaMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bridgework.urls"
WSGI_APPLICATION = "bridgework.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "bridgework" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bridgework.core.navigation.navigation",
            ],
        },
    }
]
FORM_RENDERER = "bridgework.core.forms_renderer.GovukFormRenderer"

# --- Data -------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'bridgework.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web process write without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Files ------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be 'local' or 's3' (got {STORAGE_BACKEND!r}).")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
# Imports: files over the size limit are refused before parsing; XLSX members are checked for zip bombs.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100)
IMPORT_MAX_ZIP_MEMBERS = env_int("IMPORT_MAX_ZIP_MEMBERS", 500)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
# Files with more rows than this are checked and imported by the background worker, with a progress bar.
IMPORT_BACKGROUND_ROWS = env_int("IMPORT_BACKGROUND_ROWS", 5000)
# An ILR holds every aim a college teaches (GCSEs, A levels…): aims outside the catalogue are skipped with a
# warning, and a learner with none in it is left out. False refuses the file instead, naming each such aim.
ILR_SKIP_UNKNOWN_AIMS = env_bool("ILR_SKIP_UNKNOWN_AIMS", True)
# Uploaded import files hold personal data: `bridgework purge_import_files` deletes them after this many days.
IMPORT_FILE_RETENTION_DAYS = env_int("IMPORT_FILE_RETENTION_DAYS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ------------------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Bridgework <no-reply@bridgework.localhost>")
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background tasks -------------------------------------------------------------------------------------
TASK_BACKEND = env_str("TASK_BACKEND", "database")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be database, rq or immediate (got {TASK_BACKEND!r}).")

# --- Cache -----------------------------------------------------------------------------------------------
# Sign-in rate limits live in the cache: with several gunicorn workers they must share one (Redis), or each
# worker would count attempts on its own.
if env_str("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Sign-in and safety -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "bridgework.people.auth_adapter.BridgeworkAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 600  # the code page and email say "10 minutes"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Bridgework: "
# Codes: 3 wrong tries kill a code; at most 3 codes per email per 5 minutes (10 an hour) and 10 requests a minute
# per IP. Passwords: allauth's own limit below, django-axes' lockout (AXES_*) on top.
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per email across all IPs: a backstop against distributed guessing, set above the axes email+IP limit so
    # that one person cannot lock another out from elsewhere for long.
    "login_failed": "10/m/ip,20/15m/key",
    "request_login_code": "10/m/ip,3/5m/key,10/h/key",
    "reset_password": "20/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}
ACCOUNT_FORMS = {
    "login": "bridgework.people.auth_forms.SignInForm",
    "request_login_code": "bridgework.people.auth_forms.RequestSignInCodeForm",
    "confirm_login_code": "bridgework.people.auth_forms.ConfirmSignInCodeForm",
    "reset_password": "bridgework.people.auth_forms.ResetPasswordForm",
    "reset_password_from_key": "bridgework.people.auth_forms.ResetPasswordKeyForm",
    "change_password": "bridgework.people.auth_forms.ChangePasswordForm",
    "set_password": "bridgework.people.auth_forms.SetPasswordForm",
    "reauthenticate": "bridgework.people.auth_forms.ReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bridgework"
MFA_ADAPTER = "bridgework.people.auth_adapter.BridgeworkMFAAdapter"
MFA_FORMS = {
    "authenticate": "bridgework.people.auth_forms.AuthenticatorCodeForm",
    "reauthenticate": "bridgework.people.auth_forms.ReauthenticateCodeForm",
    "activate_totp": "bridgework.people.auth_forms.ActivateAuthenticatorForm",
}
# Roles that must have a second factor before they can use anything but the MFA set-up pages.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "bridgework.people.auth_adapter.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Staff, admins and moderators are signed out after this many idle minutes.
STAFF_IDLE_TIMEOUT_MINUTES = env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# --- Locale -----------------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "d/m/Y"

# --- Domain settings ([I] facts from domain.md are settings, never hard-coded truths) ---------------------
MEI_AGE_MIN = env_int("MEI_AGE_MIN", 16)
MEI_AGE_MAX = env_int("MEI_AGE_MAX", 18)
MEI_EHC_AGE_MAX = env_int("MEI_EHC_AGE_MAX", 24)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
LEARNERS_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint": {"level": "WARNING"}},
}
AXES_VERBOSE = False

# Employers' safety checks (domain.md §5). A check expiring within this many days is flagged.
EMPLOYER_CHECK_EXPIRING_DAYS = env_int("EMPLOYER_CHECK_EXPIRING_DAYS", 30)
# Which checks must be valid before an activity of each type can be confirmed ([I]: a centre policy).
ACTIVITY_REQUIRED_CHECKS: dict[str, list[str]] = {
    "work_experience": ["elci", "risk_assessment", "supervisor", "safeguarding", "dbs_decision"],
    "work_placement": ["elci", "risk_assessment", "supervisor", "safeguarding", "dbs_decision"],
    "practical_activity": ["elci", "risk_assessment", "safeguarding", "dbs_decision"],
    "default": ["safeguarding", "dbs_decision"],
}

# --- Compliance (MEI engine) --------------------------------------------------------------------------------
# The MEI submission deadline per awarding organisation, as "MM-DD" in the second calendar year of an
# academic year ([S] June; the exact day is [I]). Exact dates per year: {"OCR 2025/26": "2026-06-12"}.
MEI_SUBMISSION_DEADLINES: dict[str, str] = {"OCR": "06-15", "CG": "06-15"}
# Rule parameters per awarding organisation (keyed by AO code), over the default "MEI" scheme (docs/rules.md).
COMPLIANCE_SCHEMES: dict[str, dict[str, object]] = {
    "MEI": {"co_delivery_min_sessions": 2, "contingencies_allowed": True},
}
# T Level industry placement (domain.md §10): minimum hours (early years educator: 750) and most employers.
TLEVEL_PLACEMENT_MIN_HOURS = 315
TLEVEL_PLACEMENT_EARLY_YEARS_MIN_HOURS = 750
TLEVEL_PLACEMENT_MAX_EMPLOYERS = 2
# Gatsby benchmarks 5 and 6 (colleges): encounters with employers per year, experiences of a workplace.
GATSBY_B5_MIN_ENCOUNTERS = 2
GATSBY_B6_MIN_EXPERIENCES = 1
# Lunch break deducted from a placement day longer than this many hours, unless the session records its own.
TLEVEL_BREAK_AFTER_HOURS = 6
TLEVEL_DEFAULT_BREAK_MINUTES = 30

# --- Planner and tracker (activities) -----------------------------------------------------------------------
# A learner's self check-in QR code is valid for this many seconds; the page shows a fresh one before then.
CHECKIN_TOKEN_SECONDS = env_int("CHECKIN_TOKEN_SECONDS", 60)
CHECKIN_ROTATE_SECONDS = env_int("CHECKIN_ROTATE_SECONDS", 20)
# A learner who checks in this many minutes after the start is marked late.
CHECKIN_LATE_AFTER_MINUTES = env_int("CHECKIN_LATE_AFTER_MINUTES", 10)
# The practitioner's link to confirm a session's register works for this many days.
REGISTER_CONFIRMATION_DAYS = env_int("REGISTER_CONFIRMATION_DAYS", 14)
# Evidence files: the largest accepted upload (bytes).
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", UPLOAD_MAX_BYTES)
ACTIVITIES_PAGE_SIZE = 50
# WeasyPrint logs every layout step at INFO: keep generated PDFs quiet unless something goes wrong.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})

# --- Quality assurance (seed 001 §3) ------------------------------------------------------------------------
# The deadline when MEI_SUBMISSION_DEADLINES has no entry for an awarding organisation.
MEI_SUBMISSION_DEADLINE_DEFAULT = "06-15"
# How many items the moderator samples per group of similar evidence: ceil(fraction × n), within [min, max]
# (never more than there are). [I]: awarding organisations set their own rule.
MODERATION_SAMPLE_RULE: dict[str, float] = {"min": 3, "fraction": 0.2, "max": 15}
