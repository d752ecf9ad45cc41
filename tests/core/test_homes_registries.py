"""The two cross-module registries: «کارهای من» providers and public portal sections."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from hamafza.core import portal, work
from hamafza.core.portal import PortalSection, register_section, sections_for
from hamafza.core.work import WorkItem, register_work, work_for


@pytest.fixture
def clean_registries(monkeypatch: Any) -> None:
    monkeypatch.setattr(work, "_PROVIDERS", [])
    monkeypatch.setattr(portal, "_SECTIONS", [])


class Person:
    is_authenticated = True


def test_work_for_lists_items_of_every_provider_in_order_and_drops_empty_ones(clean_registries: None) -> None:
    def later(user: Any) -> list[WorkItem]:
        return [WorkItem("دوم", 2, "/b/")]

    def earlier(user: Any) -> list[WorkItem]:
        return [WorkItem("اول", 1, "/a/"), WorkItem("هیچ", 0, "/none/")]

    register_work(later, order=50)
    register_work(earlier, order=10)
    register_work(earlier, order=10)  # a second ready() registers nothing twice
    assert [item.label for item in work_for(Person())] == ["اول", "دوم"]


def test_a_failing_provider_does_not_hide_the_others(clean_registries: None) -> None:
    def broken(user: Any) -> list[WorkItem]:
        raise RuntimeError("boom")

    register_work(broken, order=1)
    register_work(lambda user: [WorkItem("کار", 1, "/x/")], order=2)
    assert [item.label for item in work_for(Person())] == ["کار"]


def test_anonymous_visitor_has_no_work(clean_registries: None) -> None:
    register_work(lambda user: [WorkItem("کار", 1, "/x/")])

    class Anonymous:
        is_authenticated = False

    assert work_for(Anonymous()) == []


def test_sections_with_nothing_to_show_are_left_out(clean_registries: None) -> None:
    register_section(PortalSection("اخبار", "news/portal.html", lambda request: {"news": [1]}, order=20))
    register_section(PortalSection("نتایج", "results/portal.html", lambda request: {"blocks": [1]}, order=10))
    register_section(PortalSection("خالی", "empty/portal.html", lambda request: None, order=5))
    rendered = sections_for(RequestFactory().get("/"))
    assert [section.title for section in rendered] == ["نتایج", "اخبار"]
    assert rendered[0].context == {"blocks": [1]}


def test_evaluation_registers_its_work_and_its_portal_section() -> None:
    from hamafza.evaluation import work as evaluation_work

    providers = [provider for _, provider in work._PROVIDERS]
    assert evaluation_work.self_assessment_work in providers
    assert evaluation_work.inspection_work in providers
    assert any(section.template == "evaluation/portal_results.html" for section in portal._SECTIONS)
