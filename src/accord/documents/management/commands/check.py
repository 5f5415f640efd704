"""``accord check FILE [FILE…] [--pair en:ru] [--terms FILE.tbx] [--json]``: do the language versions agree?

Reads every file, groups the documents into texts (a declaration with its translations, a note verbale with its
translations: same kind, same symbol or number when known), and checks each pair of versions of each text, or the
one ``--pair``, with the starter term base plus ``--terms``. Prints the findings grouped by provision, or with
``--json`` ``{"findings": [{"check", "severity", "message", "source": {"lang", "label", "excerpt"}, "target": …}]}``
(with the finding's code, provision id, fingerprint and the text it belongs to besides).

Exit status: 0 when nothing is found at error level, 1 when something is, 2 on bad input (a file that cannot be
read, a term base that is not TBX, a pair the files do not hold, nothing in two languages to compare).

Without a FILE, or with Django's own options (``--deploy``, ``--tag``…), it is Django's system check, which this
command replaces under the same name: ``accord check --deploy`` still inspects a deployment's settings.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from django.apps import apps
from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand

from accord.text.concordance import (
    ERROR,
    SEVERITIES,
    TermBaseError,
    check_versions,
    group_texts,
    load_tbx,
    starter,
)

from ..reading import BAD_INPUT, read_documents

_PAIR_RE = re.compile(r"^([a-z]{2,3}):([a-z]{2,3})$")
EXCERPT = 110


class Command(SystemCheckCommand):
    help = (
        "Check that the language versions of the texts in the files say the same thing: structure, numbers, dates, "
        "symbols, terminology, punctuation, untranslated passages, length, spelling. Exit status 1 when an error "
        "is found. Without FILE: Django's system check."
    )

    def add_arguments(self, parser):
        # Django's positional app labels double as the files: a name that is not an app label is a file.
        super().add_arguments(parser)
        parser.add_argument("--pair", help="check only this pair of languages, source first (en:ru)")
        parser.add_argument("--terms", metavar="FILE.tbx", help="a TBX term base adding to (or overriding, by "
                            "concept id) the starter glossary")
        parser.add_argument("--json", action="store_true", help='print {"findings": [...]} instead of a report')

    def handle(self, *args, **options):
        if not args or all(_is_app_label(name) for name in args):
            return super().handle(*args, **options)
        options["files"] = list(args)
        pairs = None
        if options["pair"]:
            match = _PAIR_RE.match(options["pair"])
            if not match:
                raise CommandError(f"--pair {options['pair']}: expected two language codes such as en:ru",
                                   returncode=BAD_INPUT)
            pairs = [match.groups()]
        termbase = starter()
        if options["terms"]:
            try:
                termbase = termbase.merged(load_tbx(options["terms"]))
            except TermBaseError as error:
                raise CommandError(str(error), returncode=BAD_INPUT) from None
        documents = [d for path in options["files"] for d in read_documents(path)]
        texts = [t for t in group_texts(documents) if self._compared(t, pairs)]
        if not texts:
            raise CommandError(self._nothing_to_compare(options, documents, pairs), returncode=BAD_INPUT)
        results = [(text, check_versions(text, pairs, termbase)) for text in texts]
        if options["json"]:
            payload = {"findings": [
                {**finding.to_dict(), "text": _describe(text)} for text, findings in results for finding in findings
            ]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for text, findings in results:
                self._report(text, findings, pairs)
        if any(f.severity == ERROR for _, findings in results for f in findings):
            raise SystemExit(1)

    @staticmethod
    def _compared(text, pairs) -> bool:
        languages = {d.language for d in text}
        if pairs is None:
            return len(languages) > 1
        return any(source in languages and target in languages for source, target in pairs)

    @staticmethod
    def _nothing_to_compare(options, documents, pairs) -> str:
        files = ", ".join(options["files"])
        held = ", ".join(f"{d.kind} [{d.language}]" for d in documents)
        wanted = (f"no text has both a {pairs[0][0]} and a {pairs[0][1]} version" if pairs
                  else "no text in two languages")
        return f"{files}: nothing to compare, {wanted} (the files hold: {held})"

    def _report(self, text, findings, pairs) -> None:
        counts = Counter(f.severity for f in findings)
        summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES)
        languages = " → ".join(pairs[0]) if pairs else " ↔ ".join(d.language for d in text)
        self.stdout.write(f"\n{_describe(text)} ({languages}): {summary}")
        group = None
        for finding in findings:
            heading = (finding.source.lang, finding.target.lang, finding.params.get("label", finding.provision))
            if heading != group:
                group = heading
                self.stdout.write(f"\n  {heading[2]}  [{heading[0]} → {heading[1]}]")
            self.stdout.write(f"    {finding.severity:<7} {finding.check:<12} {finding.message}")
            for side in (finding.source, finding.target):
                if side.excerpt:
                    self.stdout.write(f"        {side.lang}: {_shorten(side.excerpt)}")


def _is_app_label(name: str) -> bool:
    try:
        apps.get_app_config(name)
    except LookupError:
        return False
    return True


def _describe(text) -> str:
    first = text[0]
    if first.kind == "note_verbale":
        return f"Note verbale {first.number or '(no number)'}"
    symbol = next((d.symbol.value for d in text if d.symbol), None)
    return f"{first.form.capitalize()} {symbol}" if symbol else f"{first.form.capitalize()} “{first.title[:60]}”"


def _shorten(excerpt: str) -> str:
    excerpt = " ".join(excerpt.split())
    return f"“{excerpt}”" if len(excerpt) <= EXCERPT else f"“{excerpt[:EXCERPT].rsplit(' ', 1)[0]} …”"
