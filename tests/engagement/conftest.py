from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def world(db: Any, make_org: Any, make_user: Any, grant: Any, places_loaded: Any) -> Any:
    """Fars welfare office and environment office, their people, two NGOs and a representative of one."""
    from hamafza.engagement.models import StakeholderKind
    from hamafza.engagement.services.stakeholders import (
        StakeholderData,
        domains_by_name,
        representative_link,
        stakeholder_create,
    )
    from hamafza.persian import search_key
    from hamafza.places.models import County, Province

    fars = Province.objects.get(name_key=search_key("فارس"))
    shiraz = County.objects.get(province=fars, name_key=search_key("شیراز"))
    tehran = Province.objects.get(name_key=search_key("تهران"))

    class World:
        province = fars
        county = shiraz
        other_province = tehran
        governorate = make_org("استانداری فارس", kind="governorate", province=fars)
        welfare = make_org(
            "اداره کل بهزیستی فارس",
            kind="provincial_office",
            parent=governorate,
            province=fars,
            mission="پیشگیری از آسیب‌های اجتماعی و حمایت از خانواده با همکاری سازمان‌های مردم‌نهاد.",
            tags=["آسیب‌های اجتماعی", "رفاه اجتماعی"],
        )
        environment = make_org(
            "اداره کل حفاظت محیط زیست فارس",
            kind="provincial_office",
            parent=governorate,
            province=fars,
            mission="حفاظت از محیط زیست و کاهش پسماند.",
            tags=["محیط زیست", "پسماند"],
        )
        staff = make_user("welfare_staff")
        manager = make_user("welfare_manager")
        env_staff = make_user("env_staff")
        rep = make_user("ngo_rep")
        other_rep = make_user("other_rep")
        outsider = make_user("outsider")

    grant(World.staff, "agency_staff", organization=World.welfare)
    grant(World.manager, "agency_manager", organization=World.welfare)
    grant(World.env_staff, "agency_staff", organization=World.environment)
    grant(World.rep, "ngo_representative", province=fars)
    grant(World.other_rep, "ngo_representative", province=fars)
    grant(World.outsider, "citizen")
    World.ngo = stakeholder_create(
        data=StakeholderData(
            name="جمعیت یاری‌گران خانواده شیراز",
            kind=StakeholderKind.NGO,
            registration_number="۱۱۱۱۱",
            description="پیشگیری از آسیب‌های اجتماعی، مددکاری و حمایت از خانواده‌های آسیب‌دیده.",
            domains=domains_by_name(["آسیب‌های اجتماعی"]),
            counties=[shiraz],
        ),
        by=None,
    )
    World.other_ngo = stakeholder_create(
        data=StakeholderData(
            name="انجمن سبز شیراز",
            registration_number="22222",
            description="پاکسازی طبیعت و کاهش پسماند.",
            domains=domains_by_name(["محیط زیست"]),
            provinces=[fars],
        ),
        by=None,
    )
    representative_link(user=World.rep, stakeholder=World.ngo, by=None)
    representative_link(user=World.other_rep, stakeholder=World.other_ngo, by=None)
    return World
