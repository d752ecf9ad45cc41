from __future__ import annotations

import pytest

from hamafza.organizations import permissions
from hamafza.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_manager_may_manage_their_office_and_everything_below_it(make_org, make_user, grant, fars):
    office = make_org("اداره کل فارس", province=fars)
    unit = make_org("اداره شهرستان", parent=office, province=fars)
    manager = make_user("m1")
    grant(manager, "agency_manager", organization=office)
    assert permissions.can(manager, "organization.manage", office)
    assert permissions.can(manager, "organization.manage", unit)
    assert set(permissions.organizations_where(manager, "organization.manage")) == {office, unit}


def test_manager_of_one_province_cannot_manage_another_provinces_office(two_provinces):
    world = two_provinces
    assert not permissions.can(world.manager, "organization.manage", world.markazi_office)
    assert world.markazi_office not in permissions.organizations_visible_to(world.manager)


def test_a_grant_without_descendants_covers_only_that_organization(make_org, make_user, grant, fars):
    office = make_org("اداره کل", province=fars)
    unit = make_org("اداره", parent=office, province=fars)
    staff = make_user("s1")
    grant(staff, "agency_staff", organization=office, include_descendants=False)
    assert permissions.can(staff, "organization.view", office)
    assert not permissions.can(staff, "organization.view", unit)


def test_a_province_grant_covers_organizations_in_that_province(two_provinces, make_user, grant, fars):
    governor = make_user("gov")
    grant(governor, "governor", province=fars)
    visible = set(permissions.organizations_visible_to(governor))
    assert two_provinces.fars_office in visible
    assert two_provinces.markazi_office not in visible


def test_a_citizen_sees_no_staff_screens(make_user, grant, two_provinces):
    citizen = make_user("citizen")
    grant(citizen, "citizen")
    assert not permissions.can_anywhere(citizen, "organization.view")
    assert not permissions.organizations_visible_to(citizen).exists()


def test_system_admin_sees_everything(make_user, grant, two_provinces):
    admin = make_user("root")
    grant(admin, "system_admin")
    assert permissions.organizations_visible_to(admin).count() == Organization.objects.count()


def test_moving_an_organization_moves_its_whole_subtree(make_org, fars):
    from hamafza.organizations.services import organization_move

    a = make_org("الف", province=fars)
    b = make_org("ب", province=fars)
    child = make_org("فرزند", parent=a, province=fars)
    grandchild = make_org("نوه", parent=child, province=fars)
    organization_move(organization=child, new_parent=b, by=None)
    grandchild.refresh_from_db()
    assert grandchild.path.startswith(b.path)
    assert grandchild.depth == 2


def test_an_organization_cannot_be_moved_under_its_own_descendant(make_org, fars):
    from hamafza.core.errors import DomainError
    from hamafza.organizations.services import organization_move

    a = make_org("الف", province=fars)
    child = make_org("فرزند", parent=a, province=fars)
    with pytest.raises(DomainError):
        organization_move(organization=a, new_parent=child, by=None)
