from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from hamafza.notifications import sms
from hamafza.notifications.kinds import register_kind


@pytest.fixture(autouse=True)
def test_kinds() -> None:
    register_kind("tests.hello", "سلام آزمایشی")
    register_kind("tests.hidden", "پیوند بسته", can_open=lambda user, n: False)


@pytest.fixture(autouse=True)
def sms_outbox(settings: Any) -> Iterator[list[sms.SmsMessage]]:
    settings.HAMAFZA_SMS_BACKEND = "hamafza.notifications.sms.LocMemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def zahra(make_user: Any) -> Any:
    user = make_user("zahra", first_name="زهرا", last_name="کریمی", mobile="09171000004")
    user.email = "zahra@example.ir"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def hossein(make_user: Any) -> Any:
    return make_user("hossein", first_name="حسین", last_name="کاظمی")
