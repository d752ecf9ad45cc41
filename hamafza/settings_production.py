"""Production settings: the embedded defaults, tightened for a public deployment behind TLS."""

import os
from pathlib import Path

from hamafza.settings import *  # noqa: F403
from hamafza.settings import env_bool

if not os.environ.get("SECRET_KEY"):
    raise RuntimeError("SECRET_KEY must be set in production.")

# The audit chain is only as safe as its key: production never invents one beside the database.
HAMAFZA_AUDIT_KEY_AUTOCREATE = False
_audit_key_dir = Path(os.environ.get("HAMAFZA_AUDIT_KEY_DIR", VAR_DIR / "audit_keys"))  # noqa: F405
if not os.environ.get("HAMAFZA_AUDIT_KEY") and not (_audit_key_dir / "current").is_file():
    raise RuntimeError("HAMAFZA_AUDIT_KEY (or a key in HAMAFZA_AUDIT_KEY_DIR) must be set in production.")

# The daily anchor of the audit chain's head is worth something only where a database writer (or a restore of
# the data directory) cannot reach it: by default beside the data directory, never inside it; an operator points
# it at another disk or a mounted share with HAMAFZA_AUDIT_ANCHOR_DIR (docs/deploy.md).
HAMAFZA_AUDIT_ANCHOR_DIR = Path(
    os.environ.get("HAMAFZA_AUDIT_ANCHOR_DIR", Path(VAR_DIR).resolve().parent / "hamafza-audit-anchors")  # noqa: F405
)

# Behind the reverse proxy REMOTE_ADDR is the proxy's: lockouts per address read the client from
# X-Forwarded-For, trusting as many hops as there are proxies (one nginx by default).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("HAMAFZA_PROXY_COUNT", "1"))

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The demo world publishes its passwords; a production database never gets it.
HAMAFZA_ALLOW_DEMO = False

# A pool of open PostgreSQL connections per worker instead of a new connection per request (Django's psycopg
# pool; it needs CONN_MAX_AGE 0). A one-query view ran 4.4× faster with it. DATABASE_POOL=false turns it off.
# A read replica (DATABASE_REPLICA_URL, a PostgreSQL streaming replica) serves the public pages and reports that
# are wrapped in hamafza.core.db.replica.reads_from_replica; writes and everything else stay on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    import dj_database_url

    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"])  # noqa: F405
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
    DATABASE_ROUTERS = ["hamafza.core.db.replica.ReplicaRouter"]

for _alias in DATABASES:  # noqa: F405
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):  # noqa: F405
        DATABASES[_alias]["CONN_MAX_AGE"] = 0  # noqa: F405
        DATABASES[_alias].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
            "min_size": 1,
            "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "8")),
            "timeout": 10,
        }
