"""REST endpoints of the negotiation: rules, amendments, compilation and dashboard, readings, the next revision and
its translations, silence procedures and adoption, and the audit log's check.

A thin layer over the services, which decide: who may (:mod:`.permissions`: 403), what the negotiation's state
allows (422 with the one-line reason), and conflicts (409: the row changed since the ``version`` the client sent,
or a concurrent change won). A revision the user may not read answers 404, exactly like one that does not exist.
Errors are JSON like every other of the API (:mod:`accord.project.api_errors`).
"""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from accord.documents.access import readable_documents
from accord.documents.models import Document, LanguageVersion, Revision
from accord.project.api_errors import errors
from accord.text.languages import all_languages

from . import audit, compilation, consensus, permissions, revisions, services
from .models import Amendment, Backing, ProvisionStatus, SilenceProcedure

router = Router(tags=["negotiation"])

Language = Literal[tuple(all_languages())]
Kind = Literal[tuple(kind for kind, _label in Amendment.KINDS)]
AmendmentStatus = Literal[tuple(status for status, _label in Amendment.STATUSES)]
StatusFilter = Literal[compilation.STATUS_FILTERS]
Decision = Literal[Amendment.DECISIONS]
Mark = Literal[tuple(status for status, _label in ProvisionStatus.STATUSES)]
Outcome = Literal[tuple(outcome for outcome, _label in SilenceProcedure.OUTCOMES)]


class Versioned(Schema):
    version: int  # the version of the row as the client read it; a change made since answers 409


class SettingsIn(Versioned):
    observers_may_table: bool


class SettingsOut(Schema):
    document_id: int
    observers_may_table: bool
    version: int


class RoundIn(Versioned):
    tabling_deadline: dt.datetime | None  # with its time zone; null lifts the deadline


class RoundOut(Schema):
    revision: str
    tabling_deadline: dt.datetime | None
    amendments_tabled: int
    version: int

    @staticmethod
    def resolve_revision(round_) -> str:
        return round_.revision.symbol


class AmendmentIn(Schema):
    kind: Kind
    provision: str  # the provision's id (para_27), after which an insertion goes
    old_text: str = ""  # replace: the words replaced, occurring once in the provision
    text: str = ""  # replace: the new words; insert: the new provision; alternative: the whole new text


class AmendmentOut(Schema):
    number: int
    revision: str
    kind: Kind
    provision: str
    label: str  # OP27, OP7 bis, OP6 alt
    new_provision: str | None  # the id an insertion gives the new provision (para_7bis)
    old_text: str
    text: str
    delegation: str  # the proposing State's ISO code
    cosponsors: list[str]
    supporters: list[str]
    status: AmendmentStatus
    decided_text: str
    reason: str
    tabled_at: dt.datetime
    decided_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_revision(amendment: Amendment) -> str:
        return amendment.revision.symbol

    @staticmethod
    def resolve_provision(amendment: Amendment) -> str:
        return amendment.provision_id

    @staticmethod
    def resolve_new_provision(amendment: Amendment) -> str | None:
        return amendment.new_provision_id or None

    @staticmethod
    def resolve_delegation(amendment: Amendment) -> str:
        return amendment.delegation.state.code

    @staticmethod
    def resolve_cosponsors(amendment: Amendment) -> list[str]:
        return [b.delegation.state.code for b in amendment.backings.all() if b.kind == Backing.COSPONSOR]

    @staticmethod
    def resolve_supporters(amendment: Amendment) -> list[str]:
        return [b.delegation.state.code for b in amendment.backings.all() if b.kind == Backing.SUPPORT]

    @staticmethod
    def resolve_reason(amendment: Amendment) -> str:
        return amendment.decision_reason


class DecisionIn(Versioned):
    outcome: Decision
    reason: str = ""
    text: str = ""  # accepted as modified: the text that takes the place of the proposed one


class StatusIn(Versioned):
    status: Mark


class OptionsIn(Versioned):
    amendments: list[int]  # numbers, option 1 first; empty to ungroup


class ProvisionStatusOut(Schema):
    provision: str
    status: Mark
    options: list[int]
    version: int

    @staticmethod
    def resolve_provision(row: ProvisionStatus) -> str:
        return row.provision_id


class NextRevisionOut(Schema):
    revision_id: int
    symbol: str
    changed: list[str]
    deleted: list[str]
    stale: dict[str, list[str]]  # per language, the provisions awaiting their translator
    findings: int  # concordance findings in the new revision's versions


class TranslationOut(Schema):
    language: str
    issued_at: dt.datetime | None
    stale_provisions: list[str]


class TranslationIn(Schema):
    text: str
    expected: str | None = None  # the text the translator started from; a change made since answers 409


class SilenceIn(Schema):
    deadline: dt.datetime  # with its time zone


class BreakIn(Schema):
    reason: str


class ProcedureOut(Schema):
    id: int
    revision: str
    deadline: dt.datetime
    started_at: dt.datetime
    outcome: Outcome  # evaluated now
    broken_by: str | None  # the ISO code of the State that broke silence
    broken_at: dt.datetime | None
    reason: str | None

    @staticmethod
    def resolve_revision(procedure: SilenceProcedure) -> str:
        return procedure.revision.symbol

    @staticmethod
    def resolve_outcome(procedure: SilenceProcedure) -> str:
        return procedure.outcome()

    @staticmethod
    def resolve_broken_by(procedure: SilenceProcedure) -> str | None:
        return procedure.breach.delegation.state.code if procedure.breach else None

    @staticmethod
    def resolve_broken_at(procedure: SilenceProcedure) -> dt.datetime | None:
        return procedure.breach.at if procedure.breach else None

    @staticmethod
    def resolve_reason(procedure: SilenceProcedure) -> str | None:
        return procedure.breach.reason if procedure.breach else None


class AdoptionIn(Schema):
    meeting: str
    date: dt.date


def _amendments(revision: Revision):
    return revision.amendments.select_related("revision", "delegation__state").prefetch_related(
        Prefetch("backings", queryset=Backing.objects.select_related("delegation__state").order_by("at", "id"))
    )


def _amendment(request, revision_id: int, number: int) -> Amendment:
    revision = permissions.readable_revision(request.auth, revision_id)
    return get_object_or_404(_amendments(revision), number=number)


def _document(request, document_id: int) -> Document:
    document = readable_documents(request.auth).filter(pk=document_id).first()
    if document is None:
        raise Http404(f"no document {document_id}")
    return document


def _procedures(request):
    readable = Revision.objects.filter(document__in=readable_documents(request.auth))
    return SilenceProcedure.objects.filter(revision__in=readable).select_related(
        "revision", "silence_break__delegation__state"
    )


# Rules


@router.get("/documents/{document_id}/negotiation", response={200: SettingsOut, **errors(401, 404, 422)})
def get_settings(request, document_id: int):
    """Who may table amendments to the document: Member States, and Observers if ``observers_may_table``."""
    return services.negotiation_settings(_document(request, document_id))


@router.put("/documents/{document_id}/negotiation", response={200: SettingsOut, **errors(401, 403, 404, 409, 422)})
def put_settings(request, document_id: int, body: SettingsIn):
    """Chair and secretariat: allow Observers to table amendments, or not."""
    return services.set_settings(_document(request, document_id), request.auth,
                                 observers_may_table=body.observers_may_table, version=body.version)


@router.get("/revisions/{revision_id}/round", response={200: RoundOut, **errors(401, 404, 422)})
def get_round(request, revision_id: int):
    """The round of amendments on the revision: its tabling deadline and how many amendments were tabled."""
    return services.current_round(permissions.readable_revision(request.auth, revision_id))


@router.put("/revisions/{revision_id}/round", response={200: RoundOut, **errors(401, 403, 404, 409, 422)})
def put_round(request, revision_id: int, body: RoundIn):
    """Chair and secretariat: set or lift the tabling deadline."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return services.set_tabling_deadline(revision, request.auth, deadline=body.tabling_deadline,
                                         version=body.version)


# Amendments


@router.get("/revisions/{revision_id}/amendments", response={200: list[AmendmentOut], **errors(401, 404, 422)})
@paginate
def list_amendments(request, revision_id: int, delegation: str | None = None, status: AmendmentStatus | None = None,
                    provision: str | None = None):
    """The revision's amendments in the order tabled; ``delegation`` (a State's code) keeps those it proposed,
    co-sponsored or supported."""
    amendments = _amendments(permissions.readable_revision(request.auth, revision_id)).order_by("number")
    if delegation:
        code = delegation.upper()
        amendments = amendments.filter(
            Q(delegation__state__code=code) | Q(backings__delegation__state__code=code)
        ).distinct()
    if status:
        amendments = amendments.filter(status=status)
    if provision:
        amendments = amendments.filter(provision_id=provision)
    return amendments


@router.post("/revisions/{revision_id}/amendments", response={201: AmendmentOut, **errors(401, 403, 404, 422)})
def table_amendment(request, revision_id: int, body: AmendmentIn):
    """Table an amendment for the user's delegation (the chair's: the chairing State's)."""
    revision = permissions.readable_revision(request.auth, revision_id)
    amendment = services.table(revision, request.auth, kind=body.kind, provision_id=body.provision,
                               old_text=body.old_text, text=body.text)
    return Status(201, amendment)


@router.get("/revisions/{revision_id}/amendments/{number}", response={200: AmendmentOut, **errors(401, 404, 422)})
def get_amendment(request, revision_id: int, number: int):
    return _amendment(request, revision_id, number)


@router.post("/revisions/{revision_id}/amendments/{number}/withdraw",
             response={200: AmendmentOut, **errors(401, 403, 404, 409, 422)})
def withdraw_amendment(request, revision_id: int, number: int, body: Versioned):
    """The proposing delegation withdraws its undecided amendment."""
    services.withdraw(_amendment(request, revision_id, number), request.auth, version=body.version)
    return _amendment(request, revision_id, number)


@router.post("/revisions/{revision_id}/amendments/{number}/cosponsor",
             response={200: AmendmentOut, **errors(401, 403, 404, 409, 422)})
def cosponsor_amendment(request, revision_id: int, number: int):
    """The user's delegation joins the amendment as co-sponsor: it is named with the proposer."""
    services.back(_amendment(request, revision_id, number), request.auth, Backing.COSPONSOR)
    return _amendment(request, revision_id, number)


@router.post("/revisions/{revision_id}/amendments/{number}/support",
             response={200: AmendmentOut, **errors(401, 403, 404, 409, 422)})
def support_amendment(request, revision_id: int, number: int):
    """The user's delegation supports the amendment."""
    services.back(_amendment(request, revision_id, number), request.auth, Backing.SUPPORT)
    return _amendment(request, revision_id, number)


@router.post("/revisions/{revision_id}/amendments/{number}/decision",
             response={200: AmendmentOut, **errors(401, 403, 404, 409, 422)})
def decide_amendment(request, revision_id: int, number: int, body: DecisionIn):
    """The chair: accepted, accepted as modified (with ``text``) or not accepted, with the reason."""
    services.decide(_amendment(request, revision_id, number), request.auth, outcome=body.outcome,
                    reason=body.reason, text=body.text, version=body.version)
    return _amendment(request, revision_id, number)


# Compilation, dashboard, readings


@router.get("/revisions/{revision_id}/compilation",
            response={200: compilation.Compilation, **errors(401, 404, 422)})
def get_compilation(request, revision_id: int, lang: Language | None = None, delegation: str | None = None,
                    status: StatusFilter = compilation.LIVE):
    """The compilation text: every proposal in place and attributed, delegations named in ``lang`` (default: the
    request's language), unagreed text in [square brackets]; ``delegation`` and ``status`` filter the proposals."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return compilation.compile_text(revision, lang or get_language(), delegation=delegation, status=status)


@router.get("/revisions/{revision_id}/dashboard", response={200: compilation.Dashboard, **errors(401, 404, 422)})
def get_dashboard(request, revision_id: int, lang: Language | None = None):
    """Each provision's status and the amendments on it, across all delegations."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return compilation.dashboard(revision, lang or get_language())


@router.put("/revisions/{revision_id}/provisions/{provision_id}/status",
            response={200: ProvisionStatusOut, **errors(401, 403, 404, 409, 422)})
def put_provision_status(request, revision_id: int, provision_id: str, body: StatusIn):
    """The chair marks the provision pending, bracketed, agreed ad referendum or agreed."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return services.set_status(revision, provision_id, request.auth, status=body.status, version=body.version)


@router.put("/revisions/{revision_id}/provisions/{provision_id}/options",
            response={200: ProvisionStatusOut, **errors(401, 403, 404, 409, 422)})
def put_provision_options(request, revision_id: int, provision_id: str, body: OptionsIn):
    """The chair numbers competing amendments on the provision as options 1, 2… in the order given."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return services.set_options(revision, provision_id, request.auth, numbers=body.amendments,
                                version=body.version)


# The next revision and its translations


@router.post("/revisions/{revision_id}/next", response={201: NextRevisionOut, **errors(401, 403, 404, 409, 422)})
def issue_next_revision(request, revision_id: int):
    """The chair issues the next revision with the accepted amendments applied; the other languages get draft
    versions with the changed provisions flagged stale."""
    issued = revisions.issue_next_revision(permissions.readable_revision(request.auth, revision_id), request.auth)
    return Status(201, NextRevisionOut(
        revision_id=issued.revision.pk, symbol=issued.revision.symbol, changed=issued.changed,
        deleted=issued.deleted, stale=issued.stale, findings=issued.findings,
    ))


@router.get("/revisions/{revision_id}/translations", response={200: list[TranslationOut], **errors(401, 404, 422)})
def list_translations(request, revision_id: int):
    """Every language version of the revision: issued or draft, and its provisions awaiting their translator."""
    return permissions.readable_revision(request.auth, revision_id).versions.order_by("language")


@router.put("/revisions/{revision_id}/versions/{lang}/provisions/{provision_id}",
            response={200: TranslationOut, **errors(401, 403, 404, 409, 422)})
def put_translation(request, revision_id: int, lang: Language, provision_id: str, body: TranslationIn):
    """A translator into ``lang`` replaces a provision's text in a draft version; its stale flag is cleared."""
    revision = permissions.readable_revision(request.auth, revision_id)
    version = get_object_or_404(LanguageVersion, revision=revision, language=lang)
    return revisions.update_translation(version, provision_id, body.text, request.auth, expected=body.expected)


# Silence procedure and adoption


@router.post("/revisions/{revision_id}/silence", response={201: ProcedureOut, **errors(401, 403, 404, 422)})
def start_silence(request, revision_id: int, body: SilenceIn):
    """The secretariat circulates the revision for adoption by silence until ``deadline``."""
    revision = permissions.readable_revision(request.auth, revision_id)
    procedure = consensus.start_silence(revision, request.auth, deadline=body.deadline)
    return Status(201, _procedures(request).get(pk=procedure.pk))


@router.get("/revisions/{revision_id}/silence", response={200: list[ProcedureOut], **errors(401, 404, 422)})
def list_silence_procedures(request, revision_id: int):
    """The revision's silence procedures, each with its outcome evaluated now."""
    revision = permissions.readable_revision(request.auth, revision_id)
    return _procedures(request).filter(revision=revision).order_by("started_at", "id")


@router.get("/silence/{procedure_id}", response={200: ProcedureOut, **errors(401, 404, 422)})
def get_silence_procedure(request, procedure_id: int):
    """A silence procedure with its outcome evaluated now: running, adopted or broken."""
    return get_object_or_404(_procedures(request), pk=procedure_id)


@router.post("/silence/{procedure_id}/break", response={200: ProcedureOut, **errors(401, 403, 404, 409, 422)})
def break_silence(request, procedure_id: int, body: BreakIn):
    """A Member State breaks silence before the deadline, with a reason; Observers cannot (403)."""
    consensus.break_silence(get_object_or_404(_procedures(request), pk=procedure_id), request.auth,
                            reason=body.reason)
    return _procedures(request).get(pk=procedure_id)


@router.get("/revisions/{revision_id}/adoption", response={200: consensus.AdoptionState, **errors(401, 404, 422)})
def get_adoption(request, revision_id: int):
    """Whether the revision is adopted, and how: by consensus at a meeting, or by silence procedure."""
    return consensus.adoption_state(permissions.readable_revision(request.auth, revision_id))


@router.post("/revisions/{revision_id}/adoption",
             response={201: consensus.AdoptionState, **errors(401, 403, 404, 422)})
def adopt(request, revision_id: int, body: AdoptionIn):
    """Chair and secretariat: record adoption by consensus at a meeting. The revision is locked from then on."""
    revision = permissions.readable_revision(request.auth, revision_id)
    consensus.adopt_at_meeting(revision, request.auth, meeting=body.meeting, date=body.date)
    return Status(201, consensus.adoption_state(revision))


# Audit


@router.get("/audit/verify", response={200: audit.Verification, **errors(401, 403)})
def verify_audit(request):
    """Secretariat and chair: recompute the audit log's hash chain; ``first_broken`` names where it breaks."""
    permissions.check_verifies_audit(request.auth)
    return audit.verify()
