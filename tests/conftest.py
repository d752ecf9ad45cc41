"""Fixtures shared by the whole suite.

``places_loaded`` loads Iran's real divisions once per test session into the test database; tests that use
``db`` run in a transaction on top of it and roll back, so the 100k rows are written only once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(scope="session")
def places_loaded(django_db_setup: Any, django_db_blocker: Any) -> None:
    from hamafza.places.models import Province
    from hamafza.places.services import load_places

    with django_db_blocker.unblock():
        if not Province.objects.exists():
            load_places()


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from hamafza.accounts.services import user_create

    def make(username: str, password: str = "s3cret-pass-1403", **fields: Any) -> Any:
        return user_create(username=username, password=password, by=None, **fields)

    return make


@pytest.fixture
def make_org(db: Any) -> Callable[..., Any]:
    from hamafza.organizations.services import organization_create

    counter = {"n": 0}

    def make(name: str, kind: str = "agency", parent: Any = None, **fields: Any) -> Any:
        counter["n"] += 1
        code = fields.pop("code", f"org-{counter['n']}")
        return organization_create(by=None, code=code, name=name, kind=kind, parent=parent, **fields)

    return make


@pytest.fixture
def grant(db: Any) -> Callable[..., Any]:
    from hamafza.organizations.services import role_grant

    def give(user: Any, role: str, **scope: Any) -> Any:
        return role_grant(user=user, role=role, by=None, **scope)

    return give
