from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests.authz.declarations import load
from tests.authz.world import ANONYMOUS, World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[World, dict[str, Client]]]:
    """One world per module, built inside a transaction that is rolled back at the end (as ``setUpTestData``):
    each test then runs in a savepoint on top of it, so no probe leaks into the next."""
    _, builders = load()
    media = tempfile.mkdtemp(prefix="authz-media-")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world(builders)
            clients = {ANONYMOUS: Client()}
            for role, user in built.users.items():
                clients[role] = Client()
                clients[role].force_login(user)
            yield built, clients
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            shutil.rmtree(media, ignore_errors=True)
