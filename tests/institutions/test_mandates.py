"""Mandates as the services keep them: proposed from the operative paragraphs of a text by the cue words of the data
file (the seed's OP3 gives the Chairmanship a concept paper and the SOC a decision for the 2022 Summit, in English and
in Russian), never confirmed without the secretariat, then followed up to done with the documents that fulfil them."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from accord.documents.models import Revision
from accord.institutions import mandates
from accord.institutions.models import Mandate
from accord.meetings.models import Meeting
from accord.meetings.services import schedule
from accord.registry.models import Body
from accord.text import parse_file
from accord.text.model import Declaration, Paragraph, Section

DECLARATION = "MM/2021/DRAFT/3"
NOTE = "17-1/542"


@pytest.fixture
def seed():
    """The seed's declaration in English and in Russian, as the parser reads it."""
    return {d.language: d for d in parse_file(settings.ACCORD_SEED_PATH) if isinstance(d, Declaration)}


@pytest.fixture
def declaration(demo):
    return Revision.objects.get(symbol=DECLARATION)


def op3(proposals):
    return [p for p in proposals if p.label == "OP3"]


def test_op3_of_the_seed_gives_two_tasks_with_who_is_responsible(demo, seed):
    chairmanship, committee = op3(mandates.find_proposals(seed["en"]))
    assert (chairmanship.cue, chairmanship.actor, chairmanship.body, chairmanship.actor_words) == (
        "request", "chairmanship", None, "Chairmanship")
    assert chairmanship.task == ("to prepare a concept paper on transformation and to conduct structured "
                                 "discussions on this issue")
    assert chairmanship.excerpt.startswith("request the CICA Chairmanship to prepare a concept paper")
    assert (committee.cue, committee.actor, committee.body.symbol_prefix) == ("task", "body", "SOC")
    assert committee.actor_words == "Senior Officials Committee"
    assert committee.task == "with preparing a relevant decision of the 2022 CICA Summit Meeting"
    assert (chairmanship.provision, chairmanship.position, committee.position) == ("para_3", 0, 1)


def test_the_russian_text_gives_the_same_tasks_by_its_own_cue_words(demo, seed):
    chairmanship, committee = op3(mandates.find_proposals(seed["ru"]))
    assert (chairmanship.cue, chairmanship.actor, chairmanship.actor_words) == (
        "просим", "chairmanship", "Председательство")
    assert chairmanship.task == ("подготовить концепцию трансформации и провести структурированное обсуждение этого "
                                 "вопроса")
    assert (committee.cue, committee.body.symbol_prefix) == ("поручаем", "SOC")
    assert committee.actor_words == "Комитету старших должностных лиц"  # the body's name in the dative
    assert committee.task == "подготовить соответствующее решение Саммита СВМДА 2022 года"


def test_a_language_that_puts_the_verb_last_names_the_one_tasked_before_it(demo):
    text = Declaration(language="kk", title="Декларация", sections=[Section(id=None, num=None, paragraphs=[Paragraph(
        id="para_3", label="OP3", num="3",
        text="Біз АӨСШК-ны халықаралық ұйымға трансформациялауды қолдаймыз, АӨСШК Төрағалығынан трансформация "
             "тұжырымдамасын дайындауды сұраймыз және Аға лауазымды тұлғалар комитетіне 2022 жылғы АӨСШК "
             "Саммитінің тиісті шешімін дайындауды тапсырамыз.")])])
    chairmanship, committee = mandates.find_proposals(text)
    assert (chairmanship.cue, chairmanship.actor, chairmanship.actor_words) == (
        "сұраймыз", "chairmanship", "Төрағалығынан")
    assert chairmanship.task == "трансформация тұжырымдамасын дайындауды"
    assert (committee.cue, committee.body.symbol_prefix, committee.task) == (
        "тапсырамыз", "SOC", "2022 жылғы АӨСШК Саммитінің тиісті шешімін дайындауды")


def test_a_body_named_far_from_the_cue_is_not_taken_for_the_one_tasked(demo, seed):
    by_label = {p.label: p for p in mandates.find_proposals(seed["en"])}
    contributions = by_label["OP26"]  # "call on all CICA Member States to consider … the Secretariat's budget"
    assert (contributions.cue, contributions.actor, contributions.body) == ("call on", "", None)
    assert "Secretariat's budget" in contributions.task
    assert sorted(by_label) == ["OP15", "OP19", "OP26", "OP27", "OP3"]


def test_the_meeting_a_task_is_due_at_is_proposed_when_accord_holds_it(demo, seed, officer):
    summit = schedule(officer, body=Body.objects.get(symbol_prefix="SUMMIT"), start=dt.date(2022, 10, 12),
                      end=dt.date(2022, 10, 13), venue={"en": "Astana"})
    _chairmanship, committee = op3(mandates.find_proposals(seed["en"]))
    assert committee.due_meeting == summit
    assert _chairmanship.due_meeting is None


def test_the_cue_words_are_data(demo, seed, monkeypatch):
    rules = dict(mandates._rules_data())
    rules["en"] = {**rules["en"], "cues": ["welcome"]}
    monkeypatch.setattr(mandates, "_rules_data", lambda: rules)
    welcomed = {p.label: p for p in mandates.find_proposals(seed["en"])}
    assert "OP24" in welcomed and "OP3" not in welcomed
    assert welcomed["OP24"].task == "Turkmenistan as an Observer of CICA"
    monkeypatch.setattr(mandates, "_rules_data", lambda: {})
    assert mandates.find_proposals(seed["en"]) == []


def test_the_demo_proposes_the_declarations_mandates_and_confirms_none(declaration):
    proposed = Mandate.objects.filter(revision=declaration).order_by("label", "position")
    assert proposed.count() == 7
    assert set(proposed.values_list("status", flat=True)) == {"proposed"}
    assert not proposed.filter(confirmed_by__isnull=False).exists()
    chairmanship, committee = proposed.filter(label="OP3").order_by("position")
    assert (chairmanship.actor, chairmanship.cue, chairmanship.language) == ("chairmanship", "request", "en")
    assert (committee.actor, committee.body.symbol_prefix, committee.cue) == ("body", "SOC", "task")


def test_proposing_again_proposes_nothing_twice(officer, declaration):
    result = mandates.propose(officer, declaration)
    assert (result.created, result.already) == ([], 7)
    assert Mandate.objects.filter(revision=declaration).count() == 7


def test_nothing_becomes_confirmed_without_the_secretariat(users, officer, declaration):
    mandate = Mandate.objects.get(revision=declaration, label="OP3", position=0)
    for username in ("chair", "delegate-ru", "observer-tm"):
        with pytest.raises(PermissionDenied):
            mandates.confirm(users[username], mandate)
        with pytest.raises(PermissionDenied):
            mandates.propose(users[username], declaration)
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.change_status(officer, mandate, status="in_progress")
    assert str(refusal.value) == "the mandate is only proposed: the secretariat confirms it first"
    with transaction.atomic(), pytest.raises(IntegrityError):  # not even behind the services' back
        Mandate.objects.filter(pk=mandate.pk).update(status="confirmed")
    mandate.refresh_from_db()
    assert (mandate.status, mandate.confirmed_by, mandate.confirmed_at) == ("proposed", None, None)


def test_the_secretariat_confirms_a_proposal_as_it_is_or_corrected(officer, declaration):
    chairmanship = Mandate.objects.get(revision=declaration, label="OP3", position=0)
    confirmed = mandates.confirm(officer, chairmanship, due_date=dt.date(2022, 6, 30))
    assert (confirmed.status, confirmed.confirmed_by, confirmed.actor) == ("confirmed", officer, "chairmanship")
    assert confirmed.task.startswith("to prepare a concept paper") and confirmed.confirmed_at is not None
    assert confirmed.due_date == dt.date(2022, 6, 30)

    committee = Mandate.objects.get(revision=declaration, label="OP3", position=1)
    swg = Body.objects.get(symbol_prefix="SWG")
    corrected = mandates.confirm(officer, committee, actor="body", body=swg,
                                 task="Prepare a draft decision on the transformation for the 2022 Summit",
                                 due_meeting=Meeting.objects.get(body=swg))
    assert (corrected.body, corrected.task[:7], corrected.due_meeting.body) == (swg, "Prepare", swg)
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.confirm(officer, corrected)
    assert str(refusal.value) == "the mandate is already confirmed"


@pytest.mark.parametrize("changes, message", [
    ({}, "name who is responsible: a body, the Chairmanship or the Secretariat"),
    ({"actor": "body", "body": None}, "name the body responsible"),
    ({"actor": "secretariat", "task": "   "}, "say what the task is"),
    ({"actor": "secretariat", "due_date": dt.date(2022, 1, 1), "due_meeting": "swg"},
     "give the meeting it is due at or the day it is due by, not both"),
])
def test_a_confirmation_without_what_a_mandate_needs_is_refused(officer, declaration, changes, message):
    contributions = Mandate.objects.get(revision=declaration, label="OP26")  # no one recognised
    if changes.get("due_meeting") == "swg":
        changes["due_meeting"] = Meeting.objects.get(body__symbol_prefix="SWG")
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.confirm(officer, contributions, **changes)
    assert str(refusal.value) == message
    contributions.refresh_from_db()
    assert contributions.status == "proposed"


def test_a_confirmed_mandate_is_followed_up_to_done_with_the_documents_that_fulfil_it(officer, declaration):
    mandate = mandates.confirm(officer, Mandate.objects.get(revision=declaration, label="OP3", position=0))
    note = Revision.objects.get(symbol=NOTE)
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.link_document(officer, mandate, declaration)
    assert str(refusal.value) == "MM/2021/DRAFT/3 is the text that gives the mandate"
    mandates.change_status(officer, mandate, status="in_progress")
    mandates.link_document(officer, mandate, note)
    with pytest.raises(mandates.MandateRefused):
        mandates.link_document(officer, mandate, note)
    mandates.change_status(officer, mandate, status="done")
    mandate.refresh_from_db()
    assert (mandate.status, list(mandate.fulfilled_by.all())) == ("done", [note])
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.change_status(officer, mandate, status="dropped")
    assert str(refusal.value) == "a mandate done cannot become dropped"
    mandates.change_status(officer, mandate, status="in_progress")  # taken up again
    mandates.unlink_document(officer, mandate, note)
    assert not mandate.fulfilled_by.exists()


def test_a_proposal_is_dropped_and_stays_dropped(officer, declaration):
    budget = Mandate.objects.get(revision=declaration, label="OP26")
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.link_document(officer, budget, Revision.objects.get(symbol=NOTE))
    assert str(refusal.value) == "only a confirmed mandate is fulfilled by documents; this one is proposed"
    assert mandates.change_status(officer, budget, status="dropped").status == "dropped"
    for attempt in (lambda: mandates.confirm(officer, budget, actor="secretariat"),
                    lambda: mandates.drop(officer, budget),
                    lambda: mandates.change_status(officer, budget, status="in_progress")):
        with pytest.raises(mandates.MandateRefused):
            attempt()


def test_mandates_are_proposed_only_from_an_issued_text(officer, declaration):
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.propose(officer, Revision.objects.get(symbol=NOTE))
    assert str(refusal.value) == "17-1/542 is a note verbale: its paragraphs give no mandates"
    draft = Revision.objects.create(document=declaration.document, symbol="MM/2021/DRAFT/4", sequence=4,
                                    stage="DRAFT")
    with pytest.raises(mandates.MandateRefused) as refusal:
        mandates.propose(officer, draft)
    assert str(refusal.value) == ("MM/2021/DRAFT/4 is not issued yet: mandates are proposed from a circulated or "
                                  "adopted text")


def test_a_later_revision_of_the_same_text_does_not_propose_the_same_tasks_again(officer, declaration):
    later = Revision.objects.create(document=declaration.document, symbol="MM/2021/DRAFT/4", sequence=4,
                                    stage="DRAFT")
    source = declaration.versions.get(language="en")
    later.versions.create(language="en", content=source.content, source_name="x.json", source=b"{}")
    Revision.objects.filter(pk=later.pk).update(issued_at=declaration.issued_at)
    later.refresh_from_db()
    result = mandates.propose(officer, later)
    assert (len(result.created), result.already) == (0, 7)


def test_the_list_follows_the_texts_a_user_may_read(users, declaration):
    assert len(mandates.readable_mandates(users["observer-tm"])) == 7
    declaration.document.__class__.objects.filter(pk=declaration.document_id).update(distribution="members")
    assert mandates.readable_mandates(users["observer-tm"]) == []
    assert len(mandates.readable_mandates(users["delegate-ru"])) == 7
    labels = [m.label for m in mandates.readable_mandates(users["delegate-ru"])]
    assert labels == ["OP3", "OP3", "OP15", "OP19", "OP26", "OP27", "OP27"]
    selection = mandates.MandateFilter(actor="body", body=Body.objects.get(symbol_prefix="SOC"))
    assert [m.position for m in mandates.readable_mandates(users["delegate-ru"], selection)] == [1]
    assert len(mandates.readable_mandates(users["delegate-ru"], mandates.MandateFilter(actor="none"))) == 5
