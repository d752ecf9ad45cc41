from __future__ import annotations

from django.urls import reverse

from hamafza.core.models import AuditEntry
from hamafza.engagement.alignment import aligned_stakeholders
from hamafza.engagement.models import Relationship, Stakeholder
from hamafza.engagement.services.stakeholders import StakeholderData, domains_by_name, stakeholder_create


def _more_ngos(world):
    stakeholder_create(
        data=StakeholderData(
            name="انجمن پیشگیری از آسیب‌های اجتماعی تهران",
            description="پیشگیری از آسیب‌های اجتماعی و اعتیاد در محله‌های تهران.",
            domains=domains_by_name(["آسیب‌های اجتماعی"]),
            provinces=[world.other_province],
        ),
        by=None,
    )
    stakeholder_create(
        data=StakeholderData(
            name="کانون هنرمندان جوان شیراز",
            description="برگزاری نمایشگاه‌های هنری برای جوانان.",
            domains=domains_by_name(["فرهنگ و هنر"]),
            provinces=[world.province],
        ),
        by=None,
    )


def test_the_welfare_office_sees_fars_social_harm_ngos_first_with_their_reasons(world):
    _more_ngos(world)
    matches = aligned_stakeholders(world.welfare)
    top = matches[0]
    assert top.stakeholder == world.ngo
    assert top.shared_domains == ("آسیب‌های اجتماعی",)
    assert {"پیشگیری", "آسیب", "اجتماعی"} <= set(top.terms)
    assert top.place == "province" and top.place_name == "فارس"
    names = [m.stakeholder.name for m in matches]
    # The Tehran NGO shares domain and words but not the place, so it comes second.
    assert names[1] == "انجمن پیشگیری از آسیب‌های اجتماعی تهران"
    assert "کانون هنرمندان جوان شیراز" not in names  # same province, nothing else in common


def test_the_alignment_page_explains_each_match_and_confirms_a_relationship_with_jalali_dates(world, client):
    client.force_login(world.staff)
    page = client.get(reverse("engagement:alignment", args=[world.welfare.pk])).content.decode()
    assert "جمعیت یاری‌گران خانواده شیراز" in page
    assert "حوزه‌های مشترک: آسیب‌های اجتماعی" in page
    assert "فعال در همین استان (فارس)" in page
    url = reverse("engagement:relationship_confirm", args=[world.welfare.pk, world.ngo.pk])
    form = {"kind": "consultant", "starts_on": "۱۴۰۴/۰۲/۱۵", "ends_on": "1405/02/15"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # a double submit is harmless
    relationship = Relationship.objects.get(organization=world.welfare, stakeholder=world.ngo)
    assert relationship.starts_on.isoformat() == "2025-05-05"
    assert AuditEntry.objects.filter(action="engagement.relationship.created").count() == 1
    assert "همکاری ثبت شده است" in client.get(reverse("engagement:alignment", args=[world.welfare.pk])).content.decode()


def test_staff_of_another_agency_cannot_open_its_alignment(world, client):
    client.force_login(world.env_staff)
    assert client.get(reverse("engagement:alignment", args=[world.welfare.pk])).status_code == 404
    url = reverse("engagement:relationship_confirm", args=[world.welfare.pk, world.ngo.pk])
    assert client.post(url, {"kind": "partner", "starts_on": "1404/01/10"}).status_code == 404
    client.force_login(world.rep)
    assert client.get(reverse("engagement:alignment", args=[world.welfare.pk])).status_code == 404


def test_scoring_only_the_stakeholders_that_can_match_ranks_as_scoring_the_whole_registry(world):
    """The ranking reads only stakeholders sharing a domain or a word of the mission, with the weights of the
    whole registry: each score must equal the one a TF-IDF over every stakeholder gives."""
    from hamafza.analytics.similarity import tfidf_similarity
    from hamafza.engagement.models import Stakeholder, Verification

    _more_ngos(world)
    for n, text in enumerate(["نگهداری باغ‌های تاریخی", "آموزش موسیقی سنتی", "حمایت از کودکان کار و خانواده"]):
        stakeholder_create(data=StakeholderData(name=f"گروه {n}", description=text), by=None)
    matches = aligned_stakeholders(world.welfare, limit=100)
    everyone = list(Stakeholder.objects.exclude(verification=Verification.REJECTED).order_by("pk"))
    reference = tfidf_similarity(world.welfare.mission, [f"{s.description} {s.expertise}" for s in everyone])
    text_of = {s.pk: r for s, r in zip(everyone, reference, strict=True)}
    assert len(matches) >= 3
    for match in matches:
        expected = text_of[match.stakeholder.pk]
        assert match.terms == expected.terms
        domain_share = len(match.shared_domains) / 2
        place = {"county": 1.0, "province": 0.6, "": 0.0}[match.place]
        assert abs(match.score - (0.5 * domain_share + 0.35 * expected.score + 0.15 * place)) < 1e-9
    # Nobody left out who had something in common; nobody in who had nothing.
    aligned = {m.stakeholder.name for m in matches}
    assert "حمایت از کودکان کار و خانواده" not in aligned  # a description is not a name
    assert "گروه 2" in aligned  # «حمایت» and «خانواده» are words of the mission
    assert "گروه 0" not in aligned and "گروه 1" not in aligned


def test_the_ranking_is_kept_until_the_registry_or_the_agency_changes(world, django_assert_max_num_queries):
    from hamafza.engagement.services.stakeholders import stakeholder_update

    first = aligned_stakeholders(world.welfare)
    with django_assert_max_num_queries(3):  # the agency's domains, the registry's fingerprint, its province
        again = aligned_stakeholders(world.welfare)
    assert [m.stakeholder.pk for m in again] == [m.stakeholder.pk for m in first]
    # An NGO rewrites its description with the mission's words: the next ranking counts them.
    other = next(s for s in Stakeholder.objects.all() if s.pk not in {m.stakeholder.pk for m in first})
    data = StakeholderData(name=other.name, description="پیشگیری از آسیب‌های اجتماعی در خانواده‌ها")
    stakeholder_update(stakeholder=other, data=data, version=other.version, by=None)
    assert other.pk in {m.stakeholder.pk for m in aligned_stakeholders(world.welfare)}
