"""``hamafza demo`` builds the seeds' organizations once, through the services, on Iran's real places."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hamafza.accounts.models import User
from hamafza.core.audit import verify_chain
from hamafza.core.models import AuditEntry
from hamafza.demo import data, foundation, world
from hamafza.organizations.models import DomainTag, Organization, OrganizationKind, RoleGrant
from hamafza.persian import search_key

pytestmark = pytest.mark.django_db


def world_counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "users": User.objects.count(),
        "grants": RoleGrant.objects.count(),
        "tags": DomainTag.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def test_running_demo_twice_creates_everything_once(run_demo: Callable[[], str]) -> None:
    run_demo()
    after_first = world_counts()
    second_output = run_demo()
    assert world_counts() == after_first
    assert after_first["organizations"] == len(data.ORGANIZATIONS)
    assert after_first["users"] == len(data.ACCOUNTS)
    assert after_first["grants"] == sum(len(account.grants) for account in data.ACCOUNTS)
    assert f"organizations {len(data.ORGANIZATIONS)} (0 new), users {len(data.ACCOUNTS)} (0 new)" in second_output
    assert f"role grants {after_first['grants']} (0 new)" in second_output


def test_a_rerun_restores_only_what_is_missing(run_demo: Callable[[], str]) -> None:
    run_demo()
    RoleGrant.objects.filter(user__username="member").delete()
    before = world_counts()
    output = run_demo()
    assert world_counts()["grants"] == before["grants"] + 1
    assert world_counts()["audit entries"] == before["audit entries"] + 1
    assert f"role grants {before['grants'] + 1} (1 new)" in output


def test_the_audit_trail_records_how_the_world_was_made(demo_world: str) -> None:
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("organizations.organization.created") == len(data.ORGANIZATIONS)
    assert actions.count("accounts.user.created") == len(data.ACCOUNTS)
    assert actions.count("organizations.role.granted") == RoleGrant.objects.count()
    # The foundation is written by the system itself; nobody signed in made it.
    assert AuditEntry.objects.filter(actor__isnull=True, actor_label="سامانه").count() == len(actions)
    assert verify_chain() == []


def test_tehran_municipality_has_its_22_districts_in_order(demo_world: str) -> None:
    municipality = Organization.objects.get(code="tehran-municipality")
    districts = Organization.objects.filter(parent=municipality, kind=OrganizationKind.MUNICIPAL_DISTRICT)
    assert districts.count() == 22
    assert sorted(districts.values_list("code", flat=True)) == [f"tehran-d{n:02d}" for n in range(1, 23)]
    twelve = districts.get(code="tehran-d12")
    assert search_key("منطقه ۱۲ شهرداری تهران") in twelve.name_key
    assert twelve.city is not None and twelve.city.name_key == search_key("تهران")
    assert all(district.is_descendant_of(municipality) for district in districts)


def test_organizations_stand_on_the_real_places_of_their_stories(demo_world: str) -> None:
    amol = Organization.objects.select_related("province", "county").get(code="amol-governorate")
    assert amol.name_key.startswith(search_key("فرمانداری آمل"))
    assert amol.kind == OrganizationKind.COUNTY_GOVERNORATE
    assert amol.province is not None and amol.province.name_key == search_key("مازندران")
    assert amol.county is not None and amol.county.name_key == search_key("آمل")
    shiraz = Organization.objects.get(code="shiraz-governorate")
    assert shiraz.parent == Organization.objects.get(code="fars-governorate")
    assert shiraz.county is not None and shiraz.county.name_key == search_key("شیراز")
    markazi = Organization.objects.get(code="mcls-markazi")
    assert markazi.parent == Organization.objects.get(code="mcls", kind=OrganizationKind.MINISTRY)
    assert markazi.province is not None and markazi.province.name_key == search_key("مرکزی")


def test_every_organization_has_a_persian_mission_and_domain_tags(demo_world: str) -> None:
    for org in Organization.objects.prefetch_related("tags"):
        assert org.mission, org.code
        assert org.tags.exists(), org.code
    environment = Organization.objects.get(code="fars-environment")
    assert {search_key(tag.name) for tag in environment.tags.all()} == {
        search_key("محیط زیست"),
        search_key("پسماند"),
    }


def test_places_are_loaded_first_when_the_database_has_none(monkeypatch: Any) -> None:
    loaded: list[bool] = []
    monkeypatch.setattr(foundation, "places_counts", lambda: {"province": 0, "county": 0})

    def fake_load_places() -> list[object]:
        loaded.append(True)
        return []

    monkeypatch.setattr(foundation, "load_places", fake_load_places)

    class Silent:
        def write(self, msg: str, /) -> None:
            pass

    foundation.ensure_places(Silent())
    assert loaded == [True]


def test_places_come_before_the_foundation_in_the_builders() -> None:
    assert [builder.name for builder in world.BUILDERS][:2] == ["places", "foundation"]
