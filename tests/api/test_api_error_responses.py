"""The OpenAPI document declares every error an operation can answer, all with one error schema."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


@pytest.fixture
def operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["ErrorOut"]["properties"]["detail"]["type"] == "string"
    return [
        (path, method, operation) for path, methods in schema["paths"].items() for method, operation in methods.items()
    ]


def test_every_operation_declares_400_404_and_422_with_the_shared_error_schema(operations):
    for path, method, operation in operations:
        for code in ("400", "404", "422"):
            assert code in operation["responses"], f"{method.upper()} {path} does not declare {code}"
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == ERROR_REF


def test_every_protected_operation_declares_401_and_403(operations):
    protected = [(path, method, op) for path, method, op in operations if op.get("security")]
    assert protected
    for path, method, operation in protected:
        assert {"401", "403"} <= set(operation["responses"]), f"{method.upper()} {path}"


def test_every_write_declares_409(operations):
    writes = [(path, method, op) for path, method, op in operations if method != "get"]
    assert writes
    for path, method, operation in writes:
        assert "409" in operation["responses"], f"{method.upper()} {path}"


def test_a_public_operation_does_not_pretend_to_need_a_login(operations):
    [(_, _, provinces)] = [(p, m, op) for p, m, op in operations if p == "/api/v1/places/provinces"]
    assert "401" not in provinces["responses"]


def test_the_answer_conflict_documents_the_current_value(operations):
    [(_, _, put)] = [(p, m, op) for p, m, op in operations if p.endswith("/answers") and m == "put"]
    conflict = put["responses"]["409"]["content"]["application/json"]["schema"]
    assert conflict == {"$ref": "#/components/schemas/AnswerConflictOut"}
