"""Sending text messages: an interface with swappable backends, chosen by ``HAMAFZA_SMS_BACKEND``.

A real provider (Kavenegar, Magfa, …) is a subclass with ``send_messages``; the default console backend logs
what would be sent, and the locmem backend keeps messages in ``outbox`` for tests — as Django does for email.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("hamafza.sms")


@dataclass(frozen=True)
class SmsMessage:
    mobile: str
    text: str


class BaseSmsBackend:
    def send_messages(self, messages: list[SmsMessage]) -> int:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            logger.warning("پیامک به %s: %s", message.mobile, message.text)
        return len(messages)


outbox: list[SmsMessage] = []


class LocMemSmsBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_sms_backend() -> BaseSmsBackend:
    path = getattr(settings, "HAMAFZA_SMS_BACKEND", "hamafza.notifications.sms.ConsoleSmsBackend")
    return import_string(path)()
