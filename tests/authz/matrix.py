"""The authorization matrix: what each role may open, inside and outside its scope, declared per view and per
API operation, and compared with what the site really answers.

A declaration (``Entry``) names a view (its URL name, ``namespace:name``) or an API operation (``METHOD
/api/v1/path`` as the OpenAPI document spells it), a path to probe with placeholders from the world
(``/organizations/{org}/``), and who is allowed in scope A (``allow_in``) and on B's objects (``allow_out``).
Everyone else gets ``denied`` (404 by default: a foreign object is as missing as a deleted one), anonymous
visitors ``anonymous`` (sent to the login page, or 401 from the API).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver

from hamafza.organizations.roles import CAPABILITY_ROLES, Role
from tests.authz.world import ANONYMOUS, ROLES

# What a response means.
OK = "ok"  # 2xx: the page or the data
REDIRECT = "redirect"  # 3xx somewhere other than the login page: the view ran and sent the person on
LOGIN = "login"  # 3xx to the login page, or 401 from the API
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
# A write the view accepted and then refused with a Persian message (a redirect or the form again), changing nothing.
REFUSED = "refused"

SIGNED_IN = frozenset(Role.values)
EVERYONE = frozenset(ROLES)
ADMIN = frozenset({Role.SYSTEM_ADMIN})
NOBODY: frozenset[str] = frozenset()

# The admin site is one block: only staff and superusers get past its login, and none of the matrix's people is.
ADMIN_BLOCK = "admin:*"
# Django's and ninja's own views under /api/v1 that are not operations of the OpenAPI document.
API_PAGES = frozenset({"api:openapi-json", "api:openapi-view", "api:api-root"})


def having(capability: str) -> frozenset[str]:
    """The roles carrying ``capability`` (the system administrator carries every one)."""
    return frozenset(CAPABILITY_ROLES[capability]) | ADMIN


@dataclass(frozen=True)
class Entry:
    key: str
    path: str
    allow_in: frozenset[str]
    allow_out: frozenset[str] = NOBODY
    denied: str = NOT_FOUND
    anonymous: str = LOGIN
    ok: str = OK
    method: str = "GET"
    body: Mapping[str, Any] | None = None
    # Form fields for POST views, so a refusal is the permission's and not an empty form's ("{id}" placeholders;
    # the value PDF uploads a small PDF).
    data: Mapping[str, Any] | None = None
    # Writes are probed only for those who must be refused (and must change nothing); allowed cells are declared.
    probe_allowed: bool = True
    cells: Mapping[tuple[str, str], str] = field(default_factory=dict)
    note: str = ""

    @property
    def is_scoped(self) -> bool:
        return "{" in self.path

    def expected(self, role: str, scope: str) -> str:
        if (role, scope) in self.cells:
            return self.cells[(role, scope)]
        allowed = self.allow_in if scope == "in" else self.allow_out
        if role in allowed:
            return self.ok
        return self.anonymous if role == ANONYMOUS else self.denied


def matches(expected: str, got: str) -> bool:
    return got == expected or (expected == REFUSED and got in (OK, REDIRECT))


def cells(roles: Iterable[str], value: str, scope: str = "in") -> dict[tuple[str, str], str]:
    """Exceptions to the allow / deny rule for some roles in one scope."""
    return {(role, scope): value for role in roles}


def page(key: str, path: str, allow_in: Iterable[str], allow_out: Iterable[str] = (), **options: Any) -> Entry:
    """A view opened with GET."""
    return Entry(key, path, frozenset(allow_in), frozenset(allow_out), **options)


def post(key: str, path: str, allow_in: Iterable[str], allow_out: Iterable[str] = (), **options: Any) -> Entry:
    """A view that only takes POST: those refused must get ``denied`` and leave the database as it was."""
    options.setdefault("ok", REDIRECT)
    return Entry(key, path, frozenset(allow_in), frozenset(allow_out), method="POST", probe_allowed=False, **options)


def operation(
    method: str, path: str, allow_in: Iterable[str], allow_out: Iterable[str] = (), *, probe: str, **options: Any
) -> Entry:
    """An API operation: ``path`` as in the OpenAPI document, ``probe`` with the world's placeholders."""
    options.setdefault("anonymous", LOGIN)
    if method != "GET":
        options.setdefault("probe_allowed", False)
    return Entry(f"{method} {path}", probe, frozenset(allow_in), frozenset(allow_out), method=method, **options)


def outcome(response: Any) -> str:
    status = response.status_code
    if status == 401:
        return LOGIN
    if 300 <= status < 400:
        return LOGIN if "/accounts/login/" in response.get("Location", "") else REDIRECT
    if 200 <= status < 300:
        return OK
    return str(status)


# --- Discovery ----------------------------------------------------------------------------------------------


def discover_views(patterns: Iterable[Any], namespace: str = "", prefix: str = "") -> set[str]:
    """Every view of the URL configuration, by ``namespace:name`` (or its path when it has no name)."""
    found: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            if inner == "admin":
                found.add(ADMIN_BLOCK)
                continue
            found |= discover_views(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if pattern.name and namespace else pattern.name
            key = name or prefix + str(pattern.pattern)
            if namespace == "api" and key not in API_PAGES:
                continue  # an API operation: discovered from the OpenAPI document instead
            found.add(key)
    return found


def discover_operations(schema: Mapping[str, Any]) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, methods in schema.get("paths", {}).items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    }


def coverage_problems(discovered: set[str], declared: set[str]) -> list[str]:
    problems = [f"not declared: {key}" for key in sorted(discovered - declared)]
    problems += [f"declared but no longer exists: {key}" for key in sorted(declared - discovered)]
    return problems


_PLACEHOLDER = re.compile(r"{(\w+)}")


def placeholders(path: str) -> list[str]:
    return _PLACEHOLDER.findall(path)
