from __future__ import annotations

import pytest
from django.urls import reverse

from hamafza.core.errors import PermissionDenied
from hamafza.core.models import AuditEntry
from hamafza.engagement.models import ProgramPartner
from hamafza.engagement.services.programs import program_partner_add
from hamafza.programs.services import program_create


@pytest.fixture
def joint(world):
    return program_create(
        owner=world.welfare, title="برنامه مشترک پیشگیری از آسیب‌های اجتماعی", kind="joint_program", by=world.manager
    )


def test_a_manager_adds_an_ngo_as_partner_and_the_list_shows_it(world, joint, client):
    from hamafza.engagement.services.relations import relationship_create

    relationship_create(
        organization=world.welfare, stakeholder=world.ngo, kind="partner", starts_on=joint.created_at.date(), by=None
    )
    client.force_login(world.manager)
    response = client.post(
        reverse("engagement:program_partner_create", args=[joint.pk]),
        {"stakeholder": world.ngo.pk, "role": "partner", "contribution": "بیست داوطلب مددکار"},
    )
    assert response.status_code == 302
    assert ProgramPartner.objects.filter(program=joint, stakeholder=world.ngo).exists()
    assert AuditEntry.objects.filter(action="engagement.program_partner.added").exists()
    page = client.get(reverse("engagement:joint_programs")).content.decode()
    assert "جمعیت یاری‌گران خانواده شیراز" in page


def test_staff_of_another_agency_cannot_add_partners(world, joint, client):
    with pytest.raises(PermissionDenied):
        program_partner_add(program=joint, stakeholder=world.ngo, role="partner", by=world.env_staff)
    client.force_login(world.env_staff)
    url = reverse("engagement:program_partner_create", args=[joint.pk])
    assert client.post(url, {"stakeholder": world.ngo.pk, "role": "partner"}).status_code == 404
