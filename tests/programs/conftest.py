from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def fars(db: Any, make_org: Any, make_user: Any, grant: Any) -> Any:
    """Fars governorate, its welfare office (managed by Zahra, with Hossein as staff) and the environment office."""

    class World:
        governorate = make_org("استانداری فارس", kind="governorate")
        welfare = make_org("اداره کل بهزیستی فارس", kind="provincial_office", parent=governorate)
        environment = make_org("اداره کل حفاظت محیط زیست فارس", kind="provincial_office", parent=governorate)
        manager = make_user("zahra", first_name="زهرا", last_name="کریمی")
        staff = make_user("hossein", first_name="حسین", last_name="کاظمی")
        other_manager = make_user("reza", first_name="رضا", last_name="موسوی")
        citizen = make_user("citizen")

    grant(World.manager, "agency_manager", organization=World.welfare)
    grant(World.staff, "agency_staff", organization=World.welfare)
    grant(World.other_manager, "agency_manager", organization=World.environment)
    grant(World.citizen, "citizen")
    return World


@pytest.fixture
def program(fars: Any) -> Any:
    from hamafza.programs.services import milestone_add, program_create

    program = program_create(
        owner=fars.welfare,
        title="برنامه مشترک پیشگیری از آسیب‌های اجتماعی",
        kind="joint_program",
        status="active",
        by=fars.manager,
    )
    milestone_add(program=program, title="شناسایی سمن‌ها", weight="1", by=fars.manager)
    milestone_add(program=program, title="دوره آموزشی", weight="3", by=fars.manager)
    return program
