"""Pages of the documents app."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accord.text import parse_file

KIND_LABELS = {
    "declaration": _("Declaration"),
    "note_verbale": _("Note verbale"),
}


def _row(document) -> dict:
    """One table row: what every document has, plus the counts that fit its kind (None where they don't)."""
    data = document.to_dict()
    row = {
        "kind": document.kind,
        "kind_label": KIND_LABELS.get(document.kind, document.kind),
        "language": document.language,
        "title": document.title,
        "symbol": str(document.symbol) if document.symbol is not None else None,
        "preambular": None,
        "operative": None,
        "number": None,
        "date": None,
    }
    if document.kind == "declaration":
        row["preambular"] = len(data["preamble"])
        row["operative"] = sum(len(section["paragraphs"]) for section in data["sections"])
    elif document.kind == "note_verbale":
        row["number"] = data["number"]
        row["date"] = data["date"]
    return row


def seed_list(request: HttpRequest) -> HttpResponse:
    """The documents parsed from the seed circulation package (settings.ACCORD_SEED_PATH), one row each."""
    seed_path = settings.ACCORD_SEED_PATH
    rows = [_row(document) for document in parse_file(seed_path)]
    return render(request, "documents/seed_list.html", {"rows": rows, "seed_name": seed_path.name})
