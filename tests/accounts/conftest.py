from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fast_hashing(settings: Any) -> None:
    # Argon2 is meant to be slow; a dozen wrong passwords per test need not be.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
