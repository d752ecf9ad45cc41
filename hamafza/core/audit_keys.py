"""The keys that sign the audit chain. They live outside the database, so a database writer cannot re-sign it.

Where a key comes from, first match wins for the *current* key (the one new entries are signed with):

1. ``HAMAFZA_AUDIT_KEY`` in the environment, written ``<key id>:<secret>`` (a bare secret gets the id ``env``);
2. the key directory (setting ``HAMAFZA_AUDIT_KEY_DIR``, by default ``var/audit_keys``): one ``<key id>.key``
   file per key and a ``current`` file naming the current one;
3. in the embedded mode only (``HAMAFZA_AUDIT_KEY_AUTOCREATE``), a key generated into that directory on first use.

Retired keys are still needed to verify the entries they signed: keep their files in the key directory, or list
them in ``HAMAFZA_AUDIT_RETIRED_KEYS`` (``id:secret,id:secret``). ``hamafza audit-rotate-key`` makes a new key
in the directory and makes it current; every entry records the id of the key that signed it.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.utils import timezone

_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class AuditKeyMissing(RuntimeError):
    """No key to sign or verify with: the trail cannot be trusted or extended without one."""


def key_dir() -> Path:
    return Path(settings.HAMAFZA_AUDIT_KEY_DIR)


def _parse(value: str, default_id: str) -> tuple[str, bytes]:
    key_id, sep, secret = value.strip().partition(":")
    if not sep:
        key_id, secret = default_id, value.strip()
    if not _KEY_ID.match(key_id) or len(secret) < 32:
        raise AuditKeyMissing(f"audit key {key_id!r} is malformed: want '<id>:<secret of 32+ characters>'")
    return key_id, secret.encode()


def _env_keys() -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for item in os.environ.get("HAMAFZA_AUDIT_RETIRED_KEYS", "").split(","):
        if item.strip():
            key_id, secret = _parse(item, "")
            keys[key_id] = secret
    if os.environ.get("HAMAFZA_AUDIT_KEY"):
        key_id, secret = _parse(os.environ["HAMAFZA_AUDIT_KEY"], "env")
        keys[key_id] = secret
    return keys


def _file_key(key_id: str) -> bytes | None:
    path = key_dir() / f"{key_id}.key"
    if not _KEY_ID.match(key_id) or not path.is_file():
        return None
    return path.read_text().strip().encode()


def has_configured_key() -> bool:
    """True when a key exists without generating one (what production requires before it starts)."""
    if os.environ.get("HAMAFZA_AUDIT_KEY"):
        return True
    current = key_dir() / "current"
    return current.is_file() and _file_key(current.read_text().strip()) is not None


def key_create(*, make_current: bool = True) -> str:
    """Generate a new random key file; return its id. Used on first use (embedded) and to rotate."""
    directory = key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    key_id = f"{timezone.now():%Y%m%d}-{secrets.token_hex(3)}"
    path = directory / f"{key_id}.key"
    path.write_text(secrets.token_hex(32))
    path.chmod(0o600)
    if make_current:
        (directory / "current").write_text(key_id)
    return key_id


def current_key() -> tuple[str, bytes]:
    """The id and secret that new entries (and anchors) are signed with."""
    if os.environ.get("HAMAFZA_AUDIT_KEY"):
        return _parse(os.environ["HAMAFZA_AUDIT_KEY"], "env")
    current = key_dir() / "current"
    if current.is_file():
        key_id = current.read_text().strip()
        secret = _file_key(key_id)
        if secret is not None:
            return key_id, secret
        raise AuditKeyMissing(f"the current audit key {key_id!r} is not in {key_dir()}")
    if not getattr(settings, "HAMAFZA_AUDIT_KEY_AUTOCREATE", False):
        raise AuditKeyMissing("no audit key: set HAMAFZA_AUDIT_KEY or put a key in HAMAFZA_AUDIT_KEY_DIR")
    key_id = key_create()
    secret = _file_key(key_id)
    assert secret is not None
    return key_id, secret


def key_for(key_id: str) -> bytes | None:
    """The secret of any key, current or retired; None when it is unknown (verification then fails)."""
    env = _env_keys()
    if key_id in env:
        return env[key_id]
    return _file_key(key_id)
