"""Fixtures shared by the whole suite.

``places_loaded`` loads Iran's real divisions once per test session into the test database; tests that use
``db`` run in a transaction on top of it and roll back, so the 100k rows are written only once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in the thread of a test process that has started chromium (the
# session-wide ``browser`` fixture); Django then takes every later database call in that process for async code.
# No test here is async, so the guard is lifted for the suite.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _keep_groups_on_one_worker(config, items)
    _refuse_twin_ids(items)
    # Tests that need a server database run in the PostgreSQL pass of `make test`; in the SQLite pass they are
    # deselected (counted as such in the summary), never skipped.
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def _refuse_twin_ids(items: list[pytest.Item]) -> None:
    """Fail the collection when two tests share an id: pytest-xdist deals tests out by id, and of twins it runs
    one and counts the others as passed (77 Schemathesis operations once went untested that way)."""
    seen: set[str] = set()
    twins = sorted({item.nodeid for item in items if item.nodeid in seen or seen.add(item.nodeid)})
    if twins:
        raise pytest.UsageError("tests share an id, and pytest-xdist would run only one of each:\n" + "\n".join(twins))


def _keep_groups_on_one_worker(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every ``xdist_group`` test the ``@group`` suffix that ``--dist loadgroup`` deals out by.

    pytest-xdist 3.8 writes the suffix to ``item._nodeid``, which pytest 9 no longer reads (a node's id is the
    structured ``item._id``): every group was dealt out test by test, and the browser servers and the production
    site were built on every worker. Runs last, after the browser conftest has marked its tests.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")}
        )
        if names and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(names)}")


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Any:
    """Argon2 is meant to be slow (0.2 s a hash here, more with two workers): the suite hashes with MD5.

    The settings themselves keep Argon2 first (pinned in tests/accounts/test_password_hashing.py), and the browser
    server and the production smoke test, which run the real settings in their own processes, hash with it.
    """
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's fixture of the same name, except that this worker's test database starts as a copy of the
    places template (``tests.template_db.prepare_test_database``) instead of being migrated here."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from tests.template_db import prepare_test_database

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    cleanups = []
    with django_db_blocker.unblock():
        for alias in sorted(aliases):
            cleanups.append(prepare_test_database(connections[alias]))
        config = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=True,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=verbosity)
    for cleanup in cleanups:
        cleanup()


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


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """API throttles count calls in the cache (per address, per person); every test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser() -> Any:
    """One Debian chromium per test process, shared by the browser tests and the production smoke test: Playwright's
    sync API cannot run twice at once in one process."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is required for browser tests (apt-get install chromium)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
