from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from hamafza.engagement.models import Stakeholder, StakeholderKind
from hamafza.engagement.services.activities import activity_create, participant_add
from hamafza.engagement.services.relations import relationship_create
from hamafza.engagement.services.requests import request_create, request_reply


def test_the_agency_dashboard_counts_partners_activities_and_on_time_answers(world, client):
    relationship_create(
        organization=world.welfare, stakeholder=world.ngo, kind="partner", starts_on=timezone.localdate(), by=None
    )
    start = timezone.now()
    activity_create(
        organization=world.welfare, kind="consultation", title="مشورت", starts_at=start, ends_at=start, by=None
    )
    answered = request_create(
        organization=world.welfare, stakeholder=world.ngo, kind="proposal", subject="پیشنهاد", body="متن", by=world.rep
    )
    request_reply(request=answered, body="پاسخ", by=world.staff)
    client.force_login(world.manager)
    page = client.get(reverse("engagement:agency_dashboard", args=[world.welfare.pk])).content.decode()
    assert "۱۰۰٪" in page and 'id="engagement-chart-data"' in page
    client.force_login(world.env_staff)
    assert client.get(reverse("engagement:agency_dashboard", args=[world.welfare.pk])).status_code == 404


def test_a_governor_sees_agencies_ranked_and_the_middle_rings_not_contacted_for_90_days(
    world, client, make_user, grant
):
    from hamafza.engagement.services.stakeholders import StakeholderData, stakeholder_create

    governor = make_user("fars_governor")
    grant(governor, "governor", organization=world.governorate)
    quiet = stakeholder_create(
        data=StakeholderData(name="هفته‌نامه محلی فارس", kind=StakeholderKind.MEDIA, provinces=[world.province]),
        by=None,
    )
    met = stakeholder_create(
        data=StakeholderData(name="معتمدان محله سعدی", kind=StakeholderKind.LOCAL_TRUSTEE, provinces=[world.province]),
        by=None,
    )
    start = timezone.now() - dt.timedelta(days=10)
    meeting = activity_create(
        organization=world.welfare, kind="meeting", title="دیدار", starts_at=start, ends_at=start, by=None
    )
    participant_add(activity=meeting, stakeholder=met, by=None)
    client.force_login(governor)
    page = client.get(reverse("engagement:governor_dashboard")).content.decode()
    rings = page.split('data-testid="quiet-rings"')[1].split("</ul>")[0]
    assert quiet.name in rings and met.name not in rings
    ranking = page.split('data-testid="agency-ranking"')[1]
    assert ranking.index("اداره کل بهزیستی فارس") < ranking.index("اداره کل حفاظت محیط زیست فارس")
    assert Stakeholder.objects.filter(kind="media").count() == 1
    client.force_login(world.staff)
    assert client.get(reverse("engagement:governor_dashboard")).status_code == 404
