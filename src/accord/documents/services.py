"""Importing files into documents, revisions and language versions: what the upload form, the API and
``accord import`` all call.

An import is all or nothing: the file is checked (size, that it is what its name claims), parsed by the text core,
and every document in it is stored in one transaction; any refusal raises :class:`ImportRefused` with a one-line
message naming the file, and writes nothing. Accord's own messages are in the active interface language; what the
text core reports (a file without structure) stays in English.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.registry.models import Body, User
from accord.text import Declaration, NoteVerbale, ParseError, parse_bytes
from accord.text.reader import ZIP_SIGNATURE

from .models import Document, LanguageVersion, Revision

TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
DOCX_SUFFIXES = {".docx"}
# The largest revision number a symbol may give: what a PositiveIntegerField holds on every database (a larger one
# overflows PostgreSQL's integer, and SQLite's past 2**63), so that a typo of twenty digits is refused, not a crash.
MAX_SEQUENCE = 2**31 - 1


class ImportRefused(ValueError):
    """A file that cannot be imported; ``str()`` is one line naming the file and the fault (line breaks in the file's
    name are made spaces)."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.splitlines()))


@dataclass
class SymbolParts:
    """What the forum's symbol scheme says a symbol is made of."""

    body: str | None
    stage: str
    sequence: int
    numbered: bool = True  # False when the scheme gives the symbol no number (a final text: "MM/2021/FINAL")


def parse_symbol(symbol: str) -> SymbolParts:
    """Split a symbol by ``settings.ACCORD_SYMBOL_SCHEME`` (named groups ``body``, ``stage``, ``number``).

    A symbol outside the scheme (a note's number, a UN symbol) is a single final stage of its own work.
    """
    match = re.fullmatch(settings.ACCORD_SYMBOL_SCHEME, symbol)
    if not match:
        return SymbolParts(body=None, stage="FINAL", sequence=1, numbered=False)
    groups = match.groupdict()
    number = groups.get("number")
    return SymbolParts(groups.get("body"), groups.get("stage") or "FINAL", int(number) if number else 1,
                       numbered=number is not None)


def work_key(symbol: str) -> str:
    """The part of a symbol that stays the same across revisions: ``MM/2021`` for ``MM/2021/DRAFT/3``."""
    match = re.fullmatch(settings.ACCORD_SYMBOL_SCHEME, symbol)
    if not match or "stage" not in match.groupdict():
        return symbol
    return symbol[: match.start("stage")].rstrip("/")


def next_symbol(symbol: str) -> str | None:
    """The symbol of the revision after ``symbol`` in the scheme: ``MM/2021/DRAFT/4`` after ``MM/2021/DRAFT/3``;
    None when the scheme gives ``symbol`` no number to increase."""
    match = re.fullmatch(settings.ACCORD_SYMBOL_SCHEME, symbol)
    if not match or match.groupdict().get("number") is None:
        return None
    start, end = match.span("number")
    return f"{symbol[:start]}{int(match['number']) + 1}{symbol[end:]}"


def check_size(size: int, filename: str) -> None:
    """Refuse a file of ``size`` bytes when it is over ``settings.ACCORD_UPLOAD_MAX_BYTES``; the upload form asks
    this before reading the file, so that a refusal reads the same wherever it comes from."""
    if size > settings.ACCORD_UPLOAD_MAX_BYTES:
        raise ImportRefused(
            _("%(file)s: larger than the %(limit)s an upload may be")
            % {"file": filename, "limit": filesizeformat(settings.ACCORD_UPLOAD_MAX_BYTES)}
        )


def check_upload(data: bytes, filename: str) -> None:
    """Refuse a file too large, of a kind Accord does not read, or not what its name claims."""
    check_size(len(data), filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TEXT_SUFFIXES | DOCX_SUFFIXES:
        raise ImportRefused(_("%(file)s: not a .md, .txt or .docx file") % {"file": filename})
    is_zip = data.startswith(ZIP_SIGNATURE)
    if suffix in DOCX_SUFFIXES and not is_zip:
        raise ImportRefused(
            _("%(file)s: claims to be a Word document but is not one (no DOCX/ZIP signature)") % {"file": filename}
        )
    if suffix in TEXT_SUFFIXES and is_zip:
        raise ImportRefused(
            _("%(file)s: claims to be text but is a ZIP archive (a Word document renamed?)") % {"file": filename}
        )


def import_file(
    data: bytes,
    filename: str,
    user: User | None,
    *,
    distribution: str = Document.PARTICIPANTS,
    issue: bool = True,
) -> list[LanguageVersion]:
    """Store every document of the file as a language version of the revision its symbol names.

    A revision is found by its symbol, or created in the document whose other revisions share its work key
    (``MM/2021``) and kind, or in a new document. A declaration without a symbol, or a language version that already
    exists, refuses the whole file. With ``issue`` the revision and versions are issued at once (a circulated text).
    """
    check_upload(data, filename)
    try:
        documents = parse_bytes(data, filename)
    except ParseError as error:
        raise ImportRefused(str(error)) from None
    stored = []
    with transaction.atomic():
        for parsed in documents:
            symbol = _symbol_of(parsed, filename)
            revision = _revision_for(parsed, symbol, distribution, issue, filename)
            if revision.versions.filter(language=parsed.language).exists():
                raise ImportRefused(
                    _("%(file)s: %(symbol)s already has a version in '%(language)s'")
                    % {"file": filename, "symbol": symbol, "language": parsed.language}
                )
            document = revision.document
            if parsed.language not in document.titles:
                document.titles[parsed.language] = parsed.title
                document.save(update_fields=["titles"])
            stored.append(
                LanguageVersion.objects.create(
                    revision=revision,
                    language=parsed.language,
                    content=parsed.to_dict(),
                    source_name=PurePath(filename).name[:_SOURCE_NAME_LENGTH],
                    source=data,
                    imported_by=user,
                    issued_at=timezone.now() if issue else None,
                )
            )
    return stored


def store_text(revision: Revision, text: Declaration | NoteVerbale, user: User | None, *,
               issued_at: dt.datetime | None = None, stale: list[str] = ()) -> LanguageVersion:
    """A language version written by Accord rather than imported: its "source" is the model's JSON, named like
    ``MM-2021-DRAFT-4.ru.json``; ``stale`` lists the provisions awaiting their translator."""
    content = text.to_dict()
    return LanguageVersion.objects.create(
        revision=revision, language=text.language, content=content,
        source_name=f"{revision.symbol.replace('/', '-')}.{text.language}.json",
        source=json.dumps(content, ensure_ascii=False, indent=1).encode(),
        imported_by=user, issued_at=issued_at, stale_provisions=list(stale),
    )


_SYMBOL_LENGTH = Revision._meta.get_field("symbol").max_length
_SOURCE_NAME_LENGTH = LanguageVersion._meta.get_field("source_name").max_length


def _symbol_of(parsed: Declaration | NoteVerbale, filename: str) -> str:
    if isinstance(parsed, NoteVerbale):
        if not parsed.number:
            raise ImportRefused(
                _("%(file)s: a note verbale in '%(language)s' has no number")
                % {"file": filename, "language": parsed.language}
            )
        symbol = parsed.number
    elif parsed.symbol is None:
        raise ImportRefused(
            _("%(file)s: the '%(language)s' text '%(title)s' has no symbol")
            % {"file": filename, "language": parsed.language, "title": parsed.title[:50]}
        )
    else:
        symbol = parsed.symbol.value
    if len(symbol) > _SYMBOL_LENGTH:
        raise ImportRefused(
            _("%(file)s: the symbol '%(symbol)s…' is longer than %(limit)d characters")
            % {"file": filename, "symbol": symbol[:50], "limit": _SYMBOL_LENGTH}
        )
    return symbol


def _revision_for(parsed, symbol: str, distribution: str, issue: bool, filename: str) -> Revision:
    revision = Revision.objects.filter(symbol=symbol).select_related("document").first()
    if revision is not None:
        return revision
    kind = parsed.kind if isinstance(parsed, NoteVerbale) else parsed.form
    parts = parse_symbol(symbol)
    if parts.sequence > MAX_SEQUENCE:
        raise ImportRefused(
            _("%(file)s: %(symbol)s: a revision number larger than %(limit)d")
            % {"file": filename, "symbol": symbol, "limit": MAX_SEQUENCE}
        )
    key = work_key(symbol)
    sibling = (
        Revision.objects.filter(document__kind=kind, symbol__startswith=f"{key}/").exclude(symbol=symbol)
        .select_related("document").first()
        if key != symbol else None
    )
    sequence = parts.sequence
    if sibling is not None:
        document = sibling.document
        if not parts.numbered:
            # A final text without a number ("MM/2021/FINAL") comes after the drafts of its document.
            sequence = document.revisions.aggregate(last=models.Max("sequence"))["last"] + 1
        # Another spelling of a revision the document has ("…/DRAFT/03" beside "…/DRAFT/3"): the document cannot
        # hold two revisions of one number.
        taken = document.revisions.filter(sequence=sequence).first()
        if taken is not None:
            raise ImportRefused(
                _("%(file)s: %(symbol)s would be revision %(sequence)d of the document, which is %(existing)s already")
                % {"file": filename, "symbol": symbol, "sequence": sequence, "existing": taken.symbol}
            )
    else:
        document = Document.objects.create(
            kind=kind,
            titles={},
            body=Body.objects.filter(symbol_prefix=parts.body).first() if parts.body else None,
            distribution=distribution,
            master_language=settings.ACCORD_MASTER_LANGUAGE,
        )
    return Revision.objects.create(
        document=document,
        symbol=symbol,
        sequence=sequence,
        stage=parts.stage,
        issued_at=timezone.now() if issue else None,
    )
