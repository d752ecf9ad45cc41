"""Every view and API operation × every role, inside and outside its scope, against the declared table.

The declarations live in ``tests/authz/declarations/<app>.py``; see ``tests/authz/matrix.py`` for their form.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, path

from hamafza.api import api
from hamafza.core.models import AuditEntry
from tests.authz.declarations import load
from tests.authz.matrix import (
    ADMIN,
    OK,
    REDIRECT,
    Entry,
    coverage_problems,
    discover_operations,
    discover_views,
    matches,
    outcome,
    page,
)
from tests.authz.world import MINUTES_PDF, ROLES, SCOPES, World

ENTRIES, _ = load()


def discovered() -> set[str]:
    return discover_views(get_resolver().url_patterns) | discover_operations(api.get_openapi_schema())


def test_every_view_and_api_operation_has_a_declared_entry():
    assert coverage_problems(discovered(), set(ENTRIES)) == []


def test_a_view_added_without_a_declaration_makes_the_matrix_fail():
    def unprotected(request: Any) -> Any:  # pragma: no cover - never called
        raise AssertionError

    patterns = [*get_resolver().url_patterns, path("leak/", unprotected, name="leak")]
    views = discover_views(patterns) | discover_operations(api.get_openapi_schema())
    assert coverage_problems(views, set(ENTRIES)) == ["not declared: leak"]


def _body(entry: Entry, ids: dict[str, Any]) -> str:
    def fill(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            return ids[value[1:-1]]
        return value

    return json.dumps({name: fill(value) for name, value in (entry.body or {}).items()})


def _send(client: Client, entry: Entry, url: str, ids: dict[str, Any]) -> Any:
    if entry.method == "GET":
        return client.get(url)
    if entry.key.startswith(entry.method + " /api/"):
        return client.generic(entry.method, url, _body(entry, ids), content_type="application/json")
    data = {}
    for name, value in (entry.data or {}).items():
        if value == "PDF":
            value = SimpleUploadedFile("صورت‌جلسه.pdf", MINUTES_PDF, content_type="application/pdf")
        elif isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            value = ids[value[1:-1]]
        data[name] = value
    return client.post(url, data)


def probe(entry: Entry, built: World, clients: dict[str, Client]) -> list[str]:
    """Send the entry's request as every role in every scope; return each cell that differs from the table."""
    mismatches = []
    actual: dict[str, str] = {}
    for role in ROLES:
        for scope in SCOPES if entry.is_scoped else ("in",):
            expected = entry.expected(role, scope)
            if not entry.probe_allowed and expected in (OK, REDIRECT):
                continue
            ids = built.ids[scope]
            url = entry.path.format(**ids)
            before = AuditEntry.objects.count()
            response = _send(clients[role], entry, url, ids)
            got = outcome(response)
            actual[f"{role}/{scope}"] = got
            if not matches(expected, got):
                mismatches.append(f"{role} {scope}: expected {expected}, got {got} ({url})")
            elif entry.method != "GET" and AuditEntry.objects.count() != before:
                mismatches.append(f"{role} {scope}: was refused but changed the database ({url})")
    if os.environ.get("AUTHZ_DUMP"):
        print(f"\nDUMP {entry.key} {json.dumps(actual)}")
    return mismatches


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(ENTRIES))
def test_matrix(key: str, world: tuple[World, dict[str, Client]]):
    built, clients = world
    mismatches = probe(ENTRIES[key], built, clients)
    assert mismatches == [], "\n".join(mismatches)


@pytest.mark.django_db
def test_a_view_that_shows_more_than_its_declaration_allows_fails_its_cells(world: tuple[World, dict[str, Client]]):
    built, clients = world
    # Declared as if only the system administrator could see organization A: every other viewer is a "leak".
    too_strict = page("organizations:detail", "/organizations/{org}/", ADMIN, ADMIN)
    mismatches = probe(too_strict, built, clients)
    assert "agency_staff in: expected 404, got ok" in "\n".join(mismatches)
    assert not any(" out:" in line for line in mismatches)
