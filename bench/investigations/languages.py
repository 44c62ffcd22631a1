"""How many of a reader's queries find their text, per language, on each backend.

    .venv/bin/python -m bench.investigations.languages                 # Whoosh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_languages \\
        .venv/bin/python -m bench.investigations.languages --backend postgres

The texts and queries are the contract suite's (``tests/contract/multilingual_corpus.py``),
written for it in seven languages; with ``--heldout`` a second set written apart
(``multilingual_heldout.json``), whose failures then shaped the rules for dictionary forms and
proclitics; with ``--heldout2`` a third, in eight languages, written blind after that
(``multilingual_heldout2.json``), whose Arabic failures led to the list of broken plurals;
with ``--heldout3`` a fourth, in Arabic, German and French, written blind after that and never
tuned on (``multilingual_heldout3.json``). A query counts when it finds every
text a reader would say it matches, with the matched words marked in the snippet (as
``tests/contract/test_languages.py`` checks). Also prints the hits a query found beyond them.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.project.settings")


HELDOUT = Path(__file__).with_name("multilingual_heldout.json")
# A second held-out set, in German too, written blind once the first had been looked at; and
# a third, in Arabic, German and French, once the second had shaped the Arabic plurals.
HELDOUT2 = Path(__file__).with_name("multilingual_heldout2.json")
HELDOUT3 = Path(__file__).with_name("multilingual_heldout3.json")
# A fifth, in six languages, written blind once every rule of issue 31 was in: never tuned on.
HELDOUT4 = Path(__file__).with_name("multilingual_heldout4.json")


def heldout(path: Path = HELDOUT) -> tuple[dict, dict]:
    """The held-out texts and queries, shaped as the contract suite's corpus."""
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = {lang: {k: tuple(v) for k, v in found.items()} for lang, found in data["texts"].items()}
    queries = {lang: [(q, set(e)) for q, e in found] for lang, found in data["queries"].items()}
    return texts, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("whoosh", "postgres"), default="whoosh")
    parser.add_argument("--failures", action="store_true", help="list each query that fails")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="the held-out set (multilingual_heldout.json), never used to tune the analysis",
    )
    parser.add_argument(
        "--heldout2",
        action="store_true",
        help="the second held-out set (multilingual_heldout2.json, eight languages), written "
        "blind after the first had been tuned on",
    )
    parser.add_argument(
        "--heldout3",
        action="store_true",
        help="the third held-out set (multilingual_heldout3.json: Arabic, German, French), "
        "written blind after the Arabic plurals were added",
    )
    parser.add_argument(
        "--heldout4",
        action="store_true",
        help="the fourth held-out set (multilingual_heldout4.json: ar, de, fr, ja, ko, ru), "
        "written blind once every rule was in, never tuned on",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.utils.module_loading import import_string

    from search.backends.base import SearchQuery
    from tests.contract.documents import Caller, doc

    chosen = next(
        (
            path
            for flag, path in (
                (args.heldout4, HELDOUT4),
                (args.heldout3, HELDOUT3),
                (args.heldout2, HELDOUT2),
                (args.heldout, HELDOUT),
            )
            if flag
        ),
        None,
    )
    if chosen is not None:
        TEXTS, QUERIES = heldout(chosen)
    else:
        from tests.contract.multilingual_corpus import QUERIES, TEXTS
    from tests.contract.test_languages import outcome

    config = dict(settings.SEARCH_BACKENDS[args.backend])
    with tempfile.TemporaryDirectory() as scratch:
        if "PATH" in config:
            config["PATH"] = Path(scratch) / "index"
        print("| language | texts | queries | found and marked | share | extra hits |")
        print("| --- | --- | --- | --- | --- | --- |")
        failures = []
        for language in sorted(TEXTS):
            backend = Caller(import_string(config["BACKEND"])(config))
            backend.rebuild(
                doc(key, title, body, summary=title, language=language)
                for key, (title, body) in TEXTS[language].items()
            )
            queries = QUERIES[language]
            problems = [outcome(backend, query, expected) for query, expected in queries]
            extra = 0
            for query, expected in queries:
                hits = backend.search(SearchQuery(text=query, page_size=50)).hits
                extra += len({hit.id for hit in hits} - expected)
            good = sum(problem is None for problem in problems)
            print(
                f"| {language} | {len(TEXTS[language])} | {len(queries)} | {good} "
                f"| {good / len(queries):.0%} | {extra} |"
            )
            failures += [f"{language}: {p}" for p in problems if p]
            backend.close()
    if args.failures:
        print("\n".join(failures))


if __name__ == "__main__":
    main()
