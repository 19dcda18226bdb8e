from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tipdata.profiles.services import load_profile


class Command(BaseCommand):
    help = "Load or update a country profile (regions, articles, agency types, rates)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("code", nargs="?", default=settings.TIPDATA_PROFILE)

    def handle(self, *args: Any, code: str, **options: Any) -> None:
        profile = load_profile(code)
        self.stdout.write(
            f"Profile {profile.code}: {profile.regions.count()} regions, "
            f"{profile.articles.count()} articles, {profile.agency_types.count()} agency types."
        )
