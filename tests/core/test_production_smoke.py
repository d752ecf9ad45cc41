"""Production smoke test: the demo served by gunicorn under ``hamafza.settings_production`` behind a TLS proxy.

The data is built the non-production way (a copy of the migrated, places-loaded template of tests/template_db.py,
then ``hamafza migrate`` and ``hamafza demo`` with the embedded settings — production refuses to build the demo),
while production collects its static files into a manifest; then gunicorn serves them. Visitors follow every link
they are shown, as anonymous and as several roles logged in through the real form, and each page must answer 200
(a page shows only links its viewer may open).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from hamafza.demo.data import DEMO_PASSWORD
from tests.core.production_site import ProductionSite, Visitor, start_production_site

ROLES = ["evaluator", "inspector", "staff", "manager"]
# One worker builds the production site once: the whole module stays together under `--dist loadgroup`.
pytestmark = [pytest.mark.timeout(1200), pytest.mark.xdist_group("production")]


# Session scope: under `--dist loadgroup` the worker may run other modules' tests between this module's, and a
# module-scoped site would then be built again (80 s each time).
@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProductionSite]:
    with start_production_site(tmp_path_factory.mktemp("production-var")) as running:
        yield running


def test_collectstatic_wrote_a_manifest_and_pages_use_its_hashed_names(site: ProductionSite):
    assert (site.var_dir / "static" / "staticfiles.json").exists()
    page = Visitor(site).get("/")
    assert page.status == 200
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    assert any(
        re.search(r"/chart\.umd\.min\.[0-9a-f]{12}\.js$|/bootstrap\.bundle\.min\.[0-9a-f]{12}\.js$", a) for a in assets
    )
    for asset in assets:
        response = Visitor(site).get(asset)
        assert response.status == 200, asset


def test_plain_http_is_sent_to_https_and_https_gets_hsts_and_the_policy(site: ProductionSite):
    plain = Visitor(site, https=False).get("/", follow=False)
    assert plain.status == 301
    assert plain.headers["location"].startswith("https://")
    secure = Visitor(site).get("/")
    assert secure.status == 200
    assert "max-age=" in secure.headers["strict-transport-security"]
    assert "script-src 'self'" in secure.headers["content-security-policy"]
    assert secure.headers["referrer-policy"] == "same-origin"


def test_every_page_an_anonymous_visitor_is_shown_answers_200(site: ProductionSite):
    visitor = Visitor(site)
    failures, visited = visitor.crawl(["/", "/accounts/login/"])
    assert failures == []
    # The public portal's sections are linked from the home page, so the crawl reaches them as they are added.
    assert {"/", "/accounts/login/"} <= set(visited)


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_logged_in_role_is_shown_answers_200(site: ProductionSite, username: str):
    visitor = Visitor(site)
    visitor.login(username, DEMO_PASSWORD)
    failures, visited = visitor.crawl(["/"])
    assert failures == []
    assert len(visited) >= 5


def test_a_wrong_password_is_refused_by_the_production_login_form(site: ProductionSite):
    visitor = Visitor(site)
    with pytest.raises(AssertionError, match="login failed"):
        visitor.login("evaluator", "not-the-password")


WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.mark.parametrize("username", ["inspector", "evaluator"])
def test_pages_break_no_rule_of_the_content_security_policy_in_chromium(
    site: ProductionSite, username: str, browser: Any
) -> None:
    visitor = Visitor(site)
    visitor.login(username, DEMO_PASSWORD)
    _, visited = visitor.crawl(["/"], per_view=1, limit=40)
    pages = [path for path in visited if not path.endswith((".xlsx", ".pdf", ".csv"))]
    violations: list[str] = []
    # The shared chromium (tests/conftest.py), with the session the visitor logged in with (plain HTTP to
    # gunicorn, as from the proxy).
    context = browser.new_context(
        base_url=visitor.base_url, extra_http_headers={"X-Forwarded-Proto": "https"}, locale="fa-IR"
    )
    context.add_cookies([{"name": k, "value": v, "url": visitor.base_url} for k, v in visitor.cookies.items()])
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    for path in pages:
        page.goto(path, wait_until="networkidle")
        violations.extend(f"{path}: {v}" for v in page.evaluate("window.__violations"))
    context.close()
    assert len(pages) >= 5
    assert violations == []
