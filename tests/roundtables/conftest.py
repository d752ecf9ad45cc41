from __future__ import annotations

from typing import Any

import pytest

ELITE = ("elite1", "elite2", "elite3", "elite4", "elite5", "elite6")


@pytest.fixture
def amol(db: Any, make_org: Any, make_user: Any, grant: Any) -> Any:
    """Amol's governorate with its tourism table: the governor as secretary, six elite members, one ordinary
    member, a citizen; and a foreign governorate (Babol) with its own governor and table."""
    from hamafza.roundtables import services

    class World:
        governorate = make_org("فرمانداری آمل", kind="governorate")
        municipality = make_org("شهرداری آمل", kind="municipality", parent=governorate)
        babol = make_org("فرمانداری بابل", kind="governorate")
        governor = make_user("governor", first_name="مهدی", last_name="جعفری")
        babol_governor = make_user("babol_governor", first_name="علی", last_name="بابلی")
        elite = [make_user(name, first_name=f"عضو {i}", last_name="نخبه") for i, name in enumerate(ELITE, start=1)]
        ordinary = make_user("ordinary", first_name="عضو", last_name="عادی")
        citizen = make_user("citizen", first_name="مریم", last_name="احمدی")

    grant(World.governor, "governor", organization=World.governorate)
    grant(World.babol_governor, "governor", organization=World.babol)
    for user in [*World.elite, World.ordinary]:
        grant(user, "table_member", organization=World.governorate)
    grant(World.citizen, "citizen")
    World.table = services.table_create(
        organization=World.governorate, title="میز تخصصی گردشگری آمل", domain="گردشگری", secretary=World.governor,
        by=World.governor,
    )  # fmt: skip
    for user in World.elite:
        m = services.member_invite(table=World.table, user=user, category="expert", is_elite=True, by=World.governor)
        services.invitation_respond(membership=m, accept=True, by=user)
    m = services.member_invite(
        table=World.table, user=World.ordinary, category="field_actor", is_elite=False, by=World.governor
    )
    services.invitation_respond(membership=m, accept=True, by=World.ordinary)
    World.foreign_table = services.table_create(
        organization=World.babol, title="میز تخصصی کشاورزی بابل", domain="کشاورزی", secretary=World.babol_governor,
        by=World.babol_governor,
    )  # fmt: skip
    return World


@pytest.fixture
def open_election(amol: Any) -> Any:
    """An election with three candidates (elite1, elite2, elite3 in that order), voting open."""
    from hamafza.roundtables import services

    election = services.election_create(table=amol.table, title="انتخاب رئیس میز گردشگری", by=amol.governor)
    for user in amol.elite[:3]:
        services.candidate_nominate(election=election, user=user, by=amol.governor)
    return services.election_open(election=election, by=amol.governor)


def fresh(user: Any) -> Any:
    """The same person as a new request would see them (no cached grants or memberships)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)
