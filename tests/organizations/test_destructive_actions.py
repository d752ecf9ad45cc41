"""What cannot be undone asks first in the browser, and the server refuses what must never happen anyway."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret-pass-1403"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_manager_cannot_remove_their_own_role_even_by_posting_directly(client, two_provinces):
    manager = two_provinces.manager
    own = manager.role_grants.get()
    login(client, manager)
    response = client.post(reverse("organizations:revoke", args=[own.organization_id, own.pk]), follow=True)
    assert "نقش خودتان را نمی‌توانید بگیرید" in response.content.decode()
    assert manager.role_grants.filter(pk=own.pk).exists()


def test_the_members_page_asks_before_taking_a_role_and_offers_no_button_for_ones_own(client, two_provinces, grant):
    manager = two_provinces.manager
    own = manager.role_grants.get()
    office = own.organization
    from hamafza.accounts.services import user_create

    other = user_create(username="expert", password=PASSWORD, by=None)
    grant(other, "agency_staff", organization=office)
    login(client, manager)
    html = client.get(reverse("organizations:members", args=[office.pk])).content.decode()
    assert reverse("organizations:revoke", args=[office.pk, own.pk]) not in html
    assert 'data-confirm="نقش' in html
