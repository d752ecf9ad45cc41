from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Prepare this machine: migrate, load Iran's divisions and the demo world, collect static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-demo", action="store_true", help="do not load the demo world")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=min(verbosity, 1))
        call_command("load_places", verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_demo"] and settings.HAMAFZA_ALLOW_DEMO:
            call_command("demo", verbosity=verbosity)
