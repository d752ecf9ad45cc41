"""One demo person per role, scoped as the seeds' stories need, and a table that tells how to log in."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password

from hamafza.accounts.models import User
from hamafza.demo.data import ACCOUNTS, DEMO_PASSWORD
from hamafza.organizations import permissions
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.organizations.roles import Role
from hamafza.persian import is_valid_national_id

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [account.username for account in ACCOUNTS]


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def test_every_role_has_a_demo_user(demo_world: str) -> None:
    roles = set(RoleGrant.objects.filter(user__username__in=DEMO_USERNAMES).values_list("role", flat=True))
    assert roles == set(Role.values)


@pytest.mark.parametrize("account", ACCOUNTS, ids=lambda account: account.username)
def test_every_demo_national_id_is_valid(account: object) -> None:
    assert is_valid_national_id(account.person.national_id)  # type: ignore[attr-defined]


def test_demo_people_have_distinct_mobiles_and_national_ids() -> None:
    assert len({account.person.mobile for account in ACCOUNTS}) == len(ACCOUNTS)
    assert len({account.person.national_id for account in ACCOUNTS}) == len(ACCOUNTS)
    assert all(account.person.mobile.startswith("09") and len(account.person.mobile) == 11 for account in ACCOUNTS)


def test_every_demo_user_logs_in_with_the_shared_password(demo_world: str) -> None:
    for user in User.objects.filter(username__in=DEMO_USERNAMES):
        validate_password(DEMO_PASSWORD, user)
        assert user.check_password(DEMO_PASSWORD), user.username
        assert user.first_name and user.last_name


def test_only_the_admin_may_use_django_admin(demo_world: str) -> None:
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    others = User.objects.filter(username__in=DEMO_USERNAMES).exclude(username="admin")
    assert not others.filter(is_staff=True).exists()
    assert not others.filter(is_superuser=True).exists()


def test_demo_manager_manages_their_office_but_not_the_markazi_one(demo_world: str) -> None:
    manager = User.objects.get(username="manager")
    assert permissions.can(manager, "organization.manage", org("fars-behzisti"))
    assert not permissions.can(manager, "organization.manage", org("mcls-markazi"))
    assert not permissions.can(manager, "organization.manage", org("fars-environment"))


def test_second_manager_manages_markazi_and_not_fars(demo_world: str) -> None:
    manager2 = User.objects.get(username="manager2")
    assert permissions.can(manager2, "organization.manage", org("mcls-markazi"))
    assert not permissions.can(manager2, "organization.manage", org("fars-behzisti"))


def test_the_inspector_sees_every_tehran_district_and_the_ministry_offices_and_nothing_else(demo_world: str) -> None:
    inspector = User.objects.get(username="inspector")
    visible = permissions.organizations_visible_to(inspector)
    assert set(visible.values_list("code", flat=True)) == {
        "tehran-municipality",
        *(f"tehran-d{n:02d}" for n in range(1, 23)),
        "mcls",
        "mcls-markazi",
        "mcls-fars",
        "mcls-mazandaran",
    }
    assert not permissions.can(inspector, "organization.manage", org("tehran-d05"))


def test_the_evaluation_office_covers_the_municipality_and_the_ministry(demo_world: str) -> None:
    evaluator = User.objects.get(username="evaluator")
    for code in ("tehran-d22", "mcls", "mcls-markazi", "mcls-fars"):
        assert permissions.can(evaluator, "organization.view", org(code)), code
    assert not permissions.can(evaluator, "organization.view", org("fars-behzisti"))


def test_the_amol_governor_and_table_member_are_scoped_to_amol(demo_world: str) -> None:
    governor = User.objects.get(username="governor")
    member = User.objects.get(username="member")
    amol = org("amol-governorate")
    assert permissions.can(governor, "organization.manage", amol)
    assert not permissions.can(governor, "organization.manage", org("shiraz-governorate"))
    assert permissions.can(member, "organization.view", amol)
    assert not permissions.can(member, "organization.manage", amol)


def test_the_citizen_sees_no_staff_screens(demo_world: str) -> None:
    citizen = User.objects.get(username="citizen")
    assert not permissions.can_anywhere(citizen, "organization.view")


def test_the_command_prints_every_account_with_role_scope_and_password(demo_world: str) -> None:
    assert DEMO_PASSWORD in demo_world
    lines = demo_world.splitlines()
    for username in DEMO_USERNAMES:
        assert any(line.startswith(f"{username} ") for line in lines), username
    manager_line = next(line for line in lines if line.startswith("manager "))
    assert "مدیر دستگاه" in manager_line
    assert "بهزیستی فارس" in manager_line
    inspector_line = next(line for line in lines if line.startswith("inspector "))
    assert "شهرداری تهران و زیرمجموعه‌ها" in inspector_line
    citizen_line = next(line for line in lines if line.startswith("citizen "))
    assert "شهروند" in citizen_line and "همه‌جا" in citizen_line
