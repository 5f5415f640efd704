"""``accord parse FILE [--json]``: what Accord reads in a file, as a summary or as the JSON model."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from accord.text import Declaration

from ..reading import read_documents


class Command(BaseCommand):
    help = "Read a Markdown, text or DOCX file and show the documents in it (declarations, notes verbales)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .md, .txt or .docx file")
        parser.add_argument("--json", action="store_true", help='print {"documents": [...]} instead of a summary')

    def handle(self, *args, **options):
        documents = read_documents(options["file"])
        if options["json"]:
            payload = {"documents": [d.to_dict() for d in documents]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{options['file']}: {len(documents)} document(s)")
        for position, document in enumerate(documents, start=1):
            self.stdout.write(f"\n{position}. {document.kind} [{document.language}] {document.title}")
            for line in summary_lines(document):
                self.stdout.write(f"   {line}")


def summary_lines(document) -> list[str]:
    """A few lines a conference officer can check the reading against."""
    inferred = document.metadata.get("inferred", {})
    lines = []
    if document.symbol:
        note = " (from the package)" if "symbol" in inferred else ""
        lines.append(f"symbol: {_spelled(document.symbol)}{note}")
    for line in document.metadata.get("header", []):
        lines.append(f"header: {line}")
    if isinstance(document, Declaration):
        sections = [s.num for s in document.sections if s.num]
        where = f" in sections {', '.join(sections)}" if sections else ""
        articles = sum(len(s.articles) for s in document.sections)
        lines.append(
            f"{len(document.preamble)} preambular paragraphs, {len(document.operative_paragraphs())} operative "
            f"paragraphs{where}" + (f", {articles} articles" if articles else "")
        )
        if document.enacting_formula:
            lines.append(f"enacting formula: {document.enacting_formula}")
    else:
        number = document.number or "none"
        lines.append(f"number: {number}" + (" (from the package)" if "number" in inferred else ""))
        lines.append(f"place and date: {document.place or '?'}, {document.date.isoformat() if document.date else '?'}")
        if document.enclosure:
            lines.append(f"enclosure: {document.enclosure.text}, {document.enclosure.pages or '?'} page(s)")
        if document.refers_to:
            lines.append("refers to: " + ", ".join(_spelled(s) for s in document.refers_to))
        lines.append(f"{len(document.paragraphs)} paragraphs")
    return lines


def _spelled(symbol) -> str:
    """The symbol, and how the document typed it when that differs (Cyrillic letters that look Latin)."""
    if symbol.has_lookalikes:
        return f"{symbol.value} (typed with look-alike letters as {symbol.original})"
    return symbol.value
