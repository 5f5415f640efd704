"""The compilation text and the dashboard: what the web pages and the API render, computed here once.

The compilation is the revision's master-language text, provision by provision, with every proposal in place and
attributed to the delegations that made it ("OP12 alt [Russia, China]": the proposer, then the co-sponsors in the
order they joined; supporters are listed apart). Delegations are named in the language asked for. Text not agreed
stands in [square brackets]: a provision the chair has bracketed, or one still pending with live proposals on it,
and every proposed text. An insertion appears as a provision of its own right after the one it follows. The chair's
numbered options on a provision come first, in their order.

Filters keep the text whole and narrow the proposals shown: to those a delegation made, co-sponsored or supported,
and to one status (``live``, the default, is every status but withdrawn; ``all`` is everything).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accord.documents.models import Revision
from accord.registry.models import Delegation
from accord.text.languages import all_languages

from .models import Amendment, Backing, ProvisionStatus
from .services import Refused, master_text

LIVE = "live"
ALL = "all"
STATUS_FILTERS = (LIVE, ALL, *(status for status, _label in Amendment.STATUSES))


@dataclass
class Proposal:
    number: int
    kind: str
    label: str  # OP27, OP7 bis, OP6 alt
    attribution: str  # OP6 alt [Russia, China]
    sponsors: list[str]  # the proposer, then the co-sponsors, named in the language asked for
    supporters: list[str]
    proposer: str  # the proposing State's code (RU)
    backers: list[str]  # the codes of the co-sponsors and supporters, in the order they joined
    old_text: str  # the words a replacement replaces
    text: str  # the new words, the inserted provision or the alternative
    reading: str  # the provision as the proposal would make it read, the proposed words in brackets
    status: str
    decided_text: str
    reason: str
    option: int | None  # the chair's option number on the provision
    version: int


@dataclass
class Entry:
    provision_id: str
    label: str
    kind: str  # recital, paragraph, item; "proposed" for a provision an insertion would add
    section: str | None
    text: str  # the revision's text; the proposed text for a proposed provision
    display: str  # the text, in [square brackets] when not agreed
    bracketed: bool
    status: str
    status_version: int
    proposals: list[Proposal] = field(default_factory=list)


@dataclass
class Compilation:
    revision: str
    language: str  # of the delegations' names
    text_language: str  # of the text and the proposals: the master language
    delegation: str | None
    status: str
    entries: list[Entry]


def _bracket(text: str) -> str:
    return f"[{text}]"


def _reading(amendment: Amendment, base: str) -> str:
    if amendment.kind == Amendment.REPLACE:
        return base.replace(amendment.old_text, _bracket(amendment.text), 1)
    if amendment.kind == Amendment.DELETE:
        return _bracket(base)
    return _bracket(amendment.text)


class _Names:
    """The delegations' names in one language, loaded once."""

    def __init__(self, language: str):
        delegations = list(Delegation.objects.select_related("state"))
        self.names = {d.pk: d.state.name(language) for d in delegations}
        self.codes = {d.pk: d.state.code for d in delegations}
        self.alphabet = all_languages().get(language) or all_languages()["en"]

    def __call__(self, delegation_id: int) -> str:
        return self.names[delegation_id]

    def code(self, delegation_id: int) -> str:
        return self.codes[delegation_id]

    def sorted(self, delegation_ids) -> list[str]:
        """The names of ``delegation_ids`` in the alphabetical order of the language."""
        return sorted(map(self, delegation_ids), key=self.alphabet.sort_key)


def _amendments(revision: Revision) -> list[Amendment]:
    return list(revision.amendments.order_by("number"))


def _backings(revision: Revision) -> dict[int, list[Backing]]:
    backings = defaultdict(list)
    for backing in Backing.objects.filter(amendment__revision=revision).order_by("at", "id"):
        backings[backing.amendment_id].append(backing)
    return backings


def _statuses(revision: Revision) -> dict[str, ProvisionStatus]:
    return {row.provision_id: row for row in ProvisionStatus.objects.filter(revision=revision)}


def check_filters(delegation: str | None, status: str) -> int | None:
    """Refused unless ``delegation`` (a State's code, or None for all) and ``status`` are filters
    :func:`compile_text` takes; the id of the delegation chosen."""
    if status not in STATUS_FILTERS:
        raise Refused(_("unknown status filter '%(status)s'") % {"status": status})
    if delegation is None:
        return None
    chosen = Delegation.objects.filter(state__code=delegation.upper()).values_list("pk", flat=True).first()
    if chosen is None:
        raise Refused(_("no delegation '%(code)s'") % {"code": delegation})
    return chosen


def compile_text(revision: Revision, language: str, *, delegation: str | None = None,
                 status: str = LIVE) -> Compilation:
    """The compilation of ``revision``; ``delegation`` is a State's code (``RU``), ``status`` one of
    :data:`STATUS_FILTERS`."""
    wanted = check_filters(delegation, status)
    declaration = master_text(revision)
    names = _Names(language)
    amendments, backings, statuses = _amendments(revision), _backings(revision), _statuses(revision)

    def shown(amendment: Amendment) -> bool:
        if (status == LIVE and not amendment.is_live) or (status not in (LIVE, ALL) and amendment.status != status):
            return False
        joined = {amendment.delegation_id, *(b.delegation_id for b in backings[amendment.pk])}
        return wanted is None or wanted in joined

    by_provision, inserted = defaultdict(list), defaultdict(list)
    for amendment in amendments:
        (inserted if amendment.kind == Amendment.INSERT else by_provision)[amendment.provision_id].append(amendment)

    entries = []
    for provision in declaration.provisions():
        row = statuses.get(provision.id)
        options = row.options if row else []
        own = sorted(
            by_provision[provision.id],
            key=lambda a: (a.number not in options, options.index(a.number) if a.number in options else a.number),
        )
        live = any(a.status not in (Amendment.WITHDRAWN, Amendment.NOT_ACCEPTED) for a in own)
        mark = row.status if row else ProvisionStatus.PENDING
        bracketed = mark == ProvisionStatus.BRACKETED or (mark == ProvisionStatus.PENDING and live)
        entries.append(Entry(
            provision_id=provision.id, label=provision.label, kind=provision.kind, section=provision.section,
            text=provision.text, display=_bracket(provision.text) if bracketed else provision.text,
            bracketed=bracketed, status=mark, status_version=row.version if row else 1,
            proposals=[_proposal(a, provision.text, backings, names, options) for a in own if shown(a)],
        ))
        for amendment in inserted[provision.id]:
            if shown(amendment):
                entries.append(Entry(
                    provision_id=amendment.new_provision_id, label=amendment.label, kind="proposed",
                    section=provision.section, text=amendment.text, display=_bracket(amendment.text),
                    bracketed=True, status=ProvisionStatus.PENDING, status_version=1,
                    proposals=[_proposal(amendment, "", backings, names, [])],
                ))
    return Compilation(revision.symbol, language, revision.document.master_language, delegation, status, entries)


def _proposal(amendment: Amendment, base: str, backings: dict, names: _Names, options: list[int]) -> Proposal:
    cosponsors = [b.delegation_id for b in backings[amendment.pk] if b.kind == Backing.COSPONSOR]
    sponsors = [names(amendment.delegation_id), *map(names, cosponsors)]
    return Proposal(
        number=amendment.number,
        kind=amendment.kind,
        label=amendment.label,
        attribution=f"{amendment.label} [{', '.join(sponsors)}]",
        sponsors=sponsors,
        supporters=[names(b.delegation_id) for b in backings[amendment.pk] if b.kind == Backing.SUPPORT],
        proposer=names.code(amendment.delegation_id),
        backers=[names.code(b.delegation_id) for b in backings[amendment.pk]],
        old_text=amendment.old_text,
        text=amendment.text,
        reading=_reading(amendment, base),
        status=amendment.status,
        decided_text=amendment.decided_text,
        reason=amendment.decision_reason,
        option=options.index(amendment.number) + 1 if amendment.number in options else None,
        version=amendment.version,
    )


@dataclass
class DashboardRow:
    provision_id: str
    label: str
    status: str
    status_version: int
    amendments: dict[str, int]  # per amendment status, those on the provision and insertions after it
    delegations: list[str]  # every delegation that proposed, co-sponsored or supported one, in the language asked


@dataclass
class Dashboard:
    revision: str
    language: str
    provisions: dict[str, int]  # how many provisions have each status
    amendments: dict[str, int]  # how many amendments have each status
    rows: list[DashboardRow]


def dashboard(revision: Revision, language: str) -> Dashboard:
    """Each provision's status and its amendments, across all delegations."""
    declaration = master_text(revision)
    names = _Names(language)
    amendments, backings, statuses = _amendments(revision), _backings(revision), _statuses(revision)
    counts, involved = defaultdict(Counter), defaultdict(set)
    for amendment in amendments:
        counts[amendment.provision_id][amendment.status] += 1
        involved[amendment.provision_id].update(
            [amendment.delegation_id, *(b.delegation_id for b in backings[amendment.pk])]
        )
    rows = []
    for provision in declaration.provisions():
        row = statuses.get(provision.id)
        rows.append(DashboardRow(
            provision_id=provision.id, label=provision.label,
            status=row.status if row else ProvisionStatus.PENDING, status_version=row.version if row else 1,
            amendments={status: counts[provision.id][status] for status, _label in Amendment.STATUSES},
            delegations=names.sorted(involved[provision.id]),
        ))
    return Dashboard(
        revision=revision.symbol,
        language=language,
        provisions={status: sum(r.status == status for r in rows) for status, _label in ProvisionStatus.STATUSES},
        amendments={status: sum(a.status == status for a in amendments) for status, _label in Amendment.STATUSES},
        rows=rows,
    )
