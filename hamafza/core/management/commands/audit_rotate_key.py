import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hamafza.core.audit import audit
from hamafza.core.audit_keys import key_create, key_dir


class Command(BaseCommand):
    help = (
        "Make a new audit key in HAMAFZA_AUDIT_KEY_DIR and sign new entries with it. Keep the old key files: "
        "they verify the entries they signed. (With HAMAFZA_AUDIT_KEY set, rotate by changing that variable.)"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if os.environ.get("HAMAFZA_AUDIT_KEY"):
            raise CommandError("HAMAFZA_AUDIT_KEY is set: rotate by giving it a new '<id>:<secret>' value")
        key_id = key_create()
        # The first entry under the new key records the rotation itself.
        audit(actor=None, action="core.audit_key.rotated", data={"key_id": key_id})
        self.stdout.write(f"new audit key {key_id} in {key_dir()}")
