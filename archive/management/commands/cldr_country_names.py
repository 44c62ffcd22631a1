"""Write the names of the countries in the archive's other languages into the authority file,
from the Unicode CLDR (through Babel, a development dependency).

Run after adding a language to ``archive.choices.LANGUAGE_CHOICES`` or a country to
``archive/countries.json``; review the diff, and commit it. The database's records take the
names on ``install`` and through migration 0013; archivists edit them from there.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from archive.choices import LANGUAGE_CHOICES
from archive.countries import AUTHORITY_FILE

# Codes of the authority file that are not ISO 3166-1 alpha-3, with CLDR's code for them.
CLDR_CODES = {"EU": "EU", "XKX": "XK"}


class Command(BaseCommand):
    help = (
        "Write the CLDR names of every current country, in each archive language, into "
        "archive/countries.json."
    )

    def handle(self, **options):
        try:
            from babel import Locale
            from babel.core import get_global
        except ImportError as missing:
            raise CommandError(
                "Babel is a development dependency: pip install -r requirements-dev.txt"
            ) from missing
        alpha2 = {
            alpha3: codes[0]
            for alpha3, codes in get_global("territory_aliases").items()
            if len(alpha3) == 3 and alpha3.isalpha() and len(codes) == 1
        } | CLDR_CODES
        languages = [code for code, _ in LANGUAGE_CHOICES if code not in ("en", "other")]
        territories = {language: dict(Locale(language).territories) for language in languages}
        entries = json.loads(AUTHORITY_FILE.read_text(encoding="utf-8"))
        named = 0
        for entry in entries:
            code = alpha2.get(entry["code"])
            if entry.get("historic") or code is None:
                continue  # CLDR names today's states; a historic one keeps its archivists' names
            known = {entry["name"], *entry.get("names", ())}  # English names need no repeat
            names = entry.get("names_in", {})  # names added by hand stay, after CLDR's
            for language in languages:
                cldr = territories[language].get(code)
                if cldr and cldr not in known:
                    names[language] = list(dict.fromkeys([cldr, *names.get(language, ())]))
            if names:
                entry["names_in"] = {lang: names[lang] for lang in languages if lang in names}
                named += 1
        AUTHORITY_FILE.write_text(
            json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        self.stdout.write(f"Named {named} countries in {len(languages)} languages.")
