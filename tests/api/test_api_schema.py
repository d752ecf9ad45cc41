from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/places/provinces": {"get"},
    "/api/v1/places/provinces/{province_id}/counties": {"get"},
    "/api/v1/places/counties/{county_id}/districts": {"get"},
    "/api/v1/places/districts/{district_id}/cities": {"get"},
    "/api/v1/places/search": {"get"},
    "/api/v1/organizations/": {"get", "post"},
    "/api/v1/organizations/{org_id}": {"get", "patch"},
    "/api/v1/organizations/{org_id}/children": {"get"},
}


def test_openapi_document_lists_every_endpoint_and_both_ways_to_log_in(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Hamafza API"
    assert {path: set(methods) for path, methods in schema["paths"].items() if path in PATHS} == PATHS
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schema["components"]["securitySchemes"]["SessionAuth"]["in"] == "cookie"


def test_openapi_marks_places_public_and_organizations_protected(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "security" not in paths["/api/v1/places/provinces"]["get"]
    assert paths["/api/v1/organizations/{org_id}"]["patch"]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]


def test_every_schema_reference_in_the_document_resolves(client):
    schema = client.get("/api/v1/openapi.json").json()
    defined = {f"#/components/schemas/{name}" for name in schema["components"]["schemas"]}

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    assert set(refs(schema)) <= defined


def test_interactive_docs_page_is_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_the_docs_page_loads_swagger_from_our_own_static_files(client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "jsdelivr" not in html and "unpkg" not in html and "cdn" not in html.lower()
