"""``accord export FILE --format akn|docx|html|json [--lang LANG] [--kind KIND] [-o OUT]``."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.text import Declaration
from accord.text.akn import render_akn
from accord.text.docx_writer import render_docx
from accord.text.html_writer import render_html

from ..reading import BAD_INPUT, read_documents, write_atomically

FORMATS = ("akn", "docx", "html", "json")


class Command(BaseCommand):
    help = (
        "Export a document of a file as Akoma Ntoso 3.0, DOCX, HTML or JSON. When several documents match --lang "
        "and --kind, the declaration is chosen; JSON exports every match."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .md, .txt or .docx file")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--lang", help="language of the version to export (en, ru, kk…)")
        parser.add_argument("--kind", choices=("declaration", "note_verbale"), help="kind of document to export")
        parser.add_argument("--master", default=None, help="language of the master text, for AKN (default: setting)")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        documents = read_documents(options["file"])
        chosen = [
            d for d in documents
            if (not options["lang"] or d.language == options["lang"]) and (not options["kind"] or d.kind == options["kind"])
        ]
        if not chosen:
            available = ", ".join(f"{d.kind} [{d.language}]" for d in documents)
            raise CommandError(f"{options['file']}: no document matches (the file holds: {available})", returncode=BAD_INPUT)
        fmt = options["format"]
        if fmt == "json":
            data = json.dumps({"documents": [d.to_dict() for d in chosen]}, ensure_ascii=False, indent=2).encode()
        else:
            data = self.render(fmt, self.one(chosen, options), options)
        if options["output"]:
            write_atomically(options["output"], data)
        elif fmt == "docx" and sys.stdout.isatty():
            raise CommandError("DOCX is binary: give -o FILE to write it", returncode=BAD_INPUT)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def one(self, chosen: list, options) -> object:
        if len(chosen) > 1 and not options["kind"]:
            declarations = [d for d in chosen if isinstance(d, Declaration)]
            if declarations:
                chosen = declarations
        if len(chosen) > 1:
            listed = ", ".join(f"{d.kind} [{d.language}]" for d in chosen)
            raise CommandError(
                f"{options['file']}: {len(chosen)} documents match ({listed}); choose one with --lang and --kind",
                returncode=BAD_INPUT,
            )
        return chosen[0]

    def render(self, fmt: str, document, options) -> bytes:
        if fmt == "akn":
            return render_akn(
                document,
                master_language=options["master"] or settings.ACCORD_MASTER_LANGUAGE,
                country=settings.ACCORD_AKN_COUNTRY,
                author=settings.ACCORD_AKN_AUTHOR,
            )
        if fmt == "docx":
            return render_docx(document)
        return render_html(document).encode()
