"""The concordance report of a revision: where two of its language versions do not say the same thing, and the
findings revisers accepted "as is".

What the pages, the API and the reading room's markers all call, over :mod:`accord.text.concordance`:

* :func:`pairs`: the pairs of languages a revision offers, source first in reading order (the master language
  first, so its pairs come first: en:kk, en:ru, then kk:ru); :func:`choose_pair` reads ``"en:ru"``.
* :func:`termbase`: what the checks run with: the starter glossary, merged with ``settings.ACCORD_TERMS_FILE`` (a
  TBX file adding or overriding concepts) when set, and a digest that changes whenever either file does.
* :func:`findings`: every finding of a pair, accepted ones included, each with the anchor of its row in the
  side-by-side view and its excerpts in context. The check — alignment included — runs once per state of the two
  texts and of the term base: the result is kept in Django's cache under a key made of the versions with their
  issue times, the term base's digest and Accord's version, the same way and on the same terms as the reading room
  (:mod:`.side_by_side`); versions not yet issued are checked afresh every time. Accepting a finding changes
  nothing the check depends on, so it never runs the check again.
* :func:`report`: the open findings (those not accepted — what ``check(..., accepted=fingerprints)`` leaves),
  grouped by provision, with counts by severity, and the accepted ones with who accepted them, when and why.
* :func:`accept`: records a reviser's acceptance; the finding must be one the pair's report holds now.
* :func:`markers`: the open findings of the side-by-side view's pairs, counted per row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

import accord
from accord.text.align import units
from accord.text.concordance import SEVERITIES, Finding, Side, TermBase, TermBaseError, check, load_tbx
from accord.text.concordance.termbase import STARTER

from .alignment import Row, anchor
from .models import AcceptedFinding, LanguageVersion

CONTEXT = 60  # characters of the provision's text shown around an excerpt, at most, on each side

Pair = tuple[str, str]


class ConcordanceRefused(Exception):
    """A request about findings that cannot be met; ``str()`` is one line saying why, ``status`` the HTTP status."""

    status = 422


class UnknownPair(ConcordanceRefused):
    """A pair of languages the revision does not offer."""


class UnknownFinding(ConcordanceRefused):
    """A fingerprint that is not among the open findings of the pair's report."""

    status = 404


class AlreadyAccepted(ConcordanceRefused):
    status = 409


class ReasonRequired(ConcordanceRefused):
    pass


def pairs(versions: Sequence[LanguageVersion]) -> list[Pair]:
    """Every pair of ``versions`` (in reading order: see :func:`.models.in_reading_order`), source first."""
    languages = [version.language for version in versions]
    return [(source, target) for index, source in enumerate(languages) for target in languages[index + 1:]]


def choose_pair(offered: Sequence[Pair], value: str | None) -> Pair:
    """The pair ``value`` names ("en:ru"), the first offered when it names none; :class:`UnknownPair` for a pair
    not offered, or when nothing is (a revision in one language)."""
    if not offered:
        raise UnknownPair(_("This revision has a single language version: there is nothing to compare."))
    if not value:
        return offered[0]
    pair = tuple(value.split(":", 1))
    if pair not in offered:
        raise UnknownPair(_("This revision does not offer the pair %(pair)s; it offers %(offered)s.") % {
            "pair": value, "offered": ", ".join(f"{source}:{target}" for source, target in offered)})
    return pair


def termbase() -> tuple[TermBase, str]:
    """The term base the web checks with, and its digest (see the module docstring)."""
    paths = [STARTER] + ([Path(settings.ACCORD_TERMS_FILE)] if settings.ACCORD_TERMS_FILE else [])
    try:
        stamps = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in paths)
    except OSError as error:
        raise ImproperlyConfigured(f"ACCORD_TERMS_FILE: {error}") from None
    return _load_termbase(stamps)


@lru_cache(maxsize=4)
def _load_termbase(stamps: tuple[tuple[str, int, int], ...]) -> tuple[TermBase, str]:
    digest = hashlib.sha256()
    loaded = None
    for path, _mtime, _size in stamps:
        digest.update(Path(path).read_bytes())
        try:
            base = load_tbx(path)
        except TermBaseError as error:
            raise ImproperlyConfigured(f"ACCORD_TERMS_FILE: {error}") from None
        loaded = base if loaded is None else loaded.merged(base)
    return loaded, digest.hexdigest()


@dataclass(frozen=True)
class Excerpt:
    """One version's part in a finding as the report shows it: the excerpt ``segments`` (text, and whether it is a
    letter to point out: a look-alike in a symbol or a word, a provision's end mark) between ``before`` and
    ``after``, the provision's text around it, cut at a word with "…"; ``whole`` when the excerpt is the whole text
    of its part, with nothing around it to tell it from."""

    lang: str
    label: str
    before: str
    segments: tuple[tuple[str, bool], ...]
    after: str
    whole: bool

    @property
    def empty(self) -> bool:
        return not self.segments


@dataclass(frozen=True)
class Found:
    """A finding with the ``anchor`` of its row in the side-by-side view of its pair (:func:`.alignment.anchor`) and
    its two excerpts in context."""

    finding: Finding
    anchor: str
    source: Excerpt
    target: Excerpt

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    @property
    def sides(self) -> tuple[Excerpt, Excerpt]:
        return self.source, self.target


def findings(source: LanguageVersion, target: LanguageVersion) -> list[Found]:
    """Every finding of ``source`` against ``target`` (versions of one revision), accepted ones included, in reading
    order of the source; computed once per state of the texts and the term base (see the module docstring)."""
    base, digest = termbase()

    def compute() -> list[Found]:
        source_doc, target_doc = source.text(), target.text()
        source_texts = {unit.id: unit.text for unit in units(source_doc)}
        target_texts = {unit.id: unit.text for unit in units(target_doc)}
        return [
            Found(finding, anchor(finding, source_texts),
                  _excerpt(finding, finding.source, source_texts), _excerpt(finding, finding.target, target_texts))
            for finding in check(source_doc, target_doc, base)
        ]

    if not (source.is_issued and target.is_issued):
        return compute()
    state = (accord.__version__, digest, [(v.pk, v.revision_id, v.language, v.issued_at) for v in (source, target)])
    key = "concordance:" + hashlib.sha256(repr(state).encode()).hexdigest()
    return cache.get_or_set(key, compute, timeout=None)


def _excerpt(finding: Finding, side: Side, texts: dict[str, str]) -> Excerpt:
    text = texts.get(side.id or "")
    if side.start is None or text is None:
        return Excerpt(side.lang, side.label, "", _segments(finding, side), "", True)
    end = side.start + len(side.excerpt)
    before = text[max(0, side.start - CONTEXT):side.start]
    after = text[end:end + CONTEXT]
    if side.start > CONTEXT:
        before = "…" + before[before.find(" ") + 1:] if " " in before else "…" + before
    if len(text) - end > CONTEXT:
        after = after[:after.rfind(" ")] + " …" if " " in after else after + "…"
    return Excerpt(side.lang, side.label, before, _segments(finding, side), after, False)


def _segments(finding: Finding, side: Side) -> tuple[tuple[str, bool], ...]:
    """The excerpt cut where letters are to be pointed out: in a finding about one version's own letters, those that
    differ from the right spelling the finding gives (a Cyrillic М in "ММ/2021/DRAFT/3"); in a punctuation finding,
    the end mark of the excerpt that ends there."""
    excerpt = side.excerpt
    if not excerpt:
        return ()
    odd = [False] * len(excerpt)
    right = finding.params.get("fix") or finding.params.get("value")
    if finding.version == side.lang and isinstance(right, str) and len(right) == len(excerpt):
        odd = [a != b for a, b in zip(excerpt, right)]
    elif finding.check == "punctuation" and side.start is not None and not excerpt[-1].isalnum():
        odd[-1] = True
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(excerpt, odd):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return tuple(segments)


def accepted(revision_id: int, pair: Pair | None = None) -> list[AcceptedFinding]:
    """The acceptances of a revision (of one ``pair`` only, if given), oldest first, with who accepted them."""
    acceptances = AcceptedFinding.objects.filter(revision_id=revision_id).select_related("accepted_by")
    if pair is not None:
        acceptances = acceptances.filter(source_language=pair[0], target_language=pair[1])
    return list(acceptances)


def accepted_keys(revision_id: int) -> list[tuple[str, str, str]]:
    """(source language, target language, fingerprint) of each acceptance of a revision, sorted."""
    rows = AcceptedFinding.objects.filter(revision_id=revision_id).values_list(
        "source_language", "target_language", "fingerprint")
    return sorted(rows)


@dataclass
class Group:
    """The open findings about one provision: its row's ``anchor``, its ``label`` and the findings in order."""

    anchor: str
    label: str
    found: list[Found] = field(default_factory=list)


@dataclass
class Report:
    """A pair's report: open findings grouped by provision in reading order, their ``counts`` by severity (every
    severity listed, most severe first), the ``accepted`` findings still found with their acceptance, and the
    ``withdrawn`` acceptances whose finding is no longer found (the text or the term base changed)."""

    source: LanguageVersion
    target: LanguageVersion
    groups: list[Group]
    counts: dict[str, int]
    accepted: list[tuple[Found, AcceptedFinding]]
    withdrawn: list[AcceptedFinding]

    @property
    def pair(self) -> str:
        return f"{self.source.language}:{self.target.language}"


def report(source: LanguageVersion, target: LanguageVersion) -> Report:
    """The report of ``source`` against ``target``, two versions of one revision (see :class:`Report`)."""
    found = findings(source, target)
    acceptances = {a.fingerprint: a for a in accepted(source.revision_id, (source.language, target.language))}
    groups: dict[str, Group] = {}
    counts = dict.fromkeys(SEVERITIES, 0)
    kept = []
    for item in found:
        acceptance = acceptances.pop(item.fingerprint, None)
        if acceptance is not None:
            kept.append((item, acceptance))
            continue
        counts[item.finding.severity] += 1
        label = item.finding.params.get("label", item.finding.provision)
        groups.setdefault(item.anchor, Group(item.anchor, label)).found.append(item)
    return Report(source, target, list(groups.values()), counts, kept, list(acceptances.values()))


def accept(source: LanguageVersion, target: LanguageVersion, fingerprint: str, reason: str, user) -> AcceptedFinding:
    """Record that ``user`` accepts the open finding ``fingerprint`` of ``source`` against ``target`` as is, for
    ``reason``. Whether the user may is :mod:`.access`'s decision, taken before. Raises :class:`ReasonRequired` for
    a blank reason, :class:`AlreadyAccepted`, or :class:`UnknownFinding` for a fingerprint the report does not hold.
    """
    reason = reason.strip()
    if not reason:
        raise ReasonRequired(_("Say why the finding is accepted as is."))
    pair = f"{source.language}:{target.language}"
    item = next((item for item in findings(source, target) if item.fingerprint == fingerprint), None)
    if item is None:
        raise UnknownFinding(_("The %(pair)s report has no finding %(fingerprint)s.") % {
            "pair": pair, "fingerprint": fingerprint})
    already = _("This finding was already accepted as is.")
    try:
        with transaction.atomic():
            acceptance, created = AcceptedFinding.objects.get_or_create(
                revision_id=source.revision_id, source_language=source.language, target_language=target.language,
                fingerprint=fingerprint,
                defaults={"code": item.finding.code, "provision": item.finding.provision,
                          "label": item.finding.params.get("label", item.finding.provision), "reason": reason,
                          "accepted_by": user},
            )
    except IntegrityError:  # accepted by someone else at the same moment
        raise AlreadyAccepted(already) from None
    if not created:
        raise AlreadyAccepted(already)
    return acceptance


@dataclass(frozen=True)
class Marker:
    """The open findings of one pair about one row of the side-by-side view: how many, the most severe, and the
    anchor of the first one's group in the pair's report."""

    source: str
    target: str
    count: int
    severity: str
    anchor: str

    @property
    def pair(self) -> str:
        return f"{self.source}:{self.target}"


def markers(shown: Sequence[LanguageVersion], rows: Iterable[Row],
            accepted: Iterable[tuple[str, str, str]]) -> dict[str, list[Marker]]:
    """For the side-by-side view of ``shown`` (in reading order, the first read against by the others) with its
    ``rows``, and the revision's ``accepted`` findings (:func:`accepted_keys`): the :class:`Marker` of each pair
    (first, other) per row key, rows without open findings left out."""
    row_of = {anchor_: row.key for row in rows for anchor_ in row.anchors}
    done = set(accepted)
    result: dict[str, list[Marker]] = {}
    for target in shown[1:]:
        per_row: dict[str, list[Found]] = {}
        for item in findings(shown[0], target):
            key = row_of.get(item.anchor)
            if key is not None and (shown[0].language, target.language, item.fingerprint) not in done:
                per_row.setdefault(key, []).append(item)
        for key, items in per_row.items():
            severity = min((item.finding.severity for item in items), key=SEVERITIES.index)
            result.setdefault(key, []).append(
                Marker(shown[0].language, target.language, len(items), severity, items[0].anchor))
    return result
