"""The compilation text and the dashboard: every proposal in place, attributed, unagreed text in brackets."""

import pytest

from accord.negotiation import services
from accord.negotiation.compilation import compile_text, dashboard
from accord.negotiation.models import Amendment, Backing, ProvisionStatus
from accord.negotiation.services import Refused
from conftest import NEW_WORDS, OLD_WORDS, OP27


@pytest.fixture
def proposals(draft, users):
    """OP27: Russia replaces words (China supports); OP6: alternatives by Russia (China co-sponsors) and India;
    after OP7: an insertion by India; OP3: a deletion by China, withdrawn."""
    replacement = services.table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                                 text=NEW_WORDS)
    services.back(replacement, users["delegate-cn"], Backing.SUPPORT)
    russian = services.table(draft, users["delegate-ru"], kind="alternative", provision_id="para_6",
                             text="We condemn terrorism.")
    services.back(russian, users["delegate-cn"], Backing.COSPONSOR)
    indian = services.table(draft, users["delegate-in"], kind="alternative", provision_id="para_6",
                            text="We reject terrorism.")
    insertion = services.table(draft, users["delegate-in"], kind="insert", provision_id="para_7",
                               text="We welcome the Youth Council.")
    deletion = services.table(draft, users["delegate-cn"], kind="delete", provision_id="para_3")
    services.withdraw(deletion, users["delegate-cn"], version=1)
    return {"replacement": replacement, "russian": russian, "indian": indian, "insertion": insertion}


def entries(compilation):
    return {entry.provision_id: entry for entry in compilation.entries}


def test_every_live_proposal_stands_in_place_attributed_in_the_language_asked(draft, proposals):
    compiled = entries(compile_text(draft, "en"))
    op6 = compiled["para_6"]
    assert [p.attribution for p in op6.proposals] == ["OP6 alt [Russia, China]", "OP6 alt [India]"]
    assert op6.proposals[0].reading == "[We condemn terrorism.]"
    op27 = compiled[OP27].proposals[0]
    assert (op27.attribution, op27.supporters) == ("OP27 [Russia]", ["China"])
    assert f"ratify the Statute of the Secretariat of the Conference on Interaction and Confidence Building " \
           f"Measures in Asia [{NEW_WORDS}]. We also" in op27.reading
    assert compiled["para_3"].proposals == []  # withdrawn
    russian = entries(compile_text(draft, "ru"))
    assert russian["para_6"].proposals[0].attribution == "OP6 alt [Россия, Китай]"
    assert russian["para_6"].text == op6.text  # the text is the master language's


def test_an_insertion_is_a_provision_of_its_own_right_after_the_one_it_follows(draft, proposals):
    ids = [entry.provision_id for entry in compile_text(draft, "en").entries]
    assert ids[ids.index("para_7"):ids.index("para_7") + 3] == ["para_7", "para_7bis", "para_8"]
    bis = entries(compile_text(draft, "en"))["para_7bis"]
    assert (bis.label, bis.kind, bis.display) == ("OP7 bis", "proposed", "[We welcome the Youth Council.]")
    assert bis.proposals[0].attribution == "OP7 bis [India]"


def test_text_not_agreed_stands_in_brackets(draft, users, proposals):
    compiled = entries(compile_text(draft, "en"))
    assert compiled["para_6"].bracketed and compiled["para_6"].display.startswith("[We strongly condemn")
    assert not compiled["para_1"].bracketed  # pending, nothing proposed
    services.set_status(draft, "para_6", users["chair"], status=ProvisionStatus.AGREED, version=1)
    services.set_status(draft, "para_1", users["chair"], status=ProvisionStatus.BRACKETED, version=1)
    compiled = entries(compile_text(draft, "en"))
    assert not compiled["para_6"].bracketed and compiled["para_6"].status == "agreed"
    assert compiled["para_1"].display == f"[{compiled['para_1'].text}]"


def test_filters_narrow_the_proposals_by_delegation_and_status(draft, users, proposals):
    china = compile_text(draft, "en", delegation="cn")
    shown = [p.number for e in china.entries for p in e.proposals]
    assert shown == [2, 1]  # co-sponsored OP6 alt, supported OP27 (reading order); its withdrawn deletion is not live
    withdrawn = compile_text(draft, "en", status=Amendment.WITHDRAWN)
    assert [p.number for e in withdrawn.entries for p in e.proposals] == [5]
    assert "para_7bis" not in entries(withdrawn)
    assert len([p for e in compile_text(draft, "en", status="all").entries for p in e.proposals]) == 5
    with pytest.raises(Refused, match="no delegation 'XX'"):
        compile_text(draft, "en", delegation="XX")
    with pytest.raises(Refused, match="unknown status filter"):
        compile_text(draft, "en", status="lost")


def test_the_chairs_options_come_first_and_numbered(draft, users, proposals):
    services.set_options(draft, "para_6", users["chair"], numbers=[3, 2], version=1)
    op6 = entries(compile_text(draft, "en"))["para_6"]
    assert [(p.option, p.number) for p in op6.proposals] == [(1, 3), (2, 2)]


def test_the_dashboard_shows_each_provision_across_all_delegations(draft, users, proposals):
    services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AD_REFERENDUM, version=1)
    services.decide(proposals["replacement"], users["chair"], outcome=Amendment.ACCEPTED, version=1)
    board = dashboard(draft, "ru")
    rows = {row.provision_id: row for row in board.rows}
    assert len(board.rows) == 40 and board.provisions == {
        "pending": 39, "bracketed": 0, "agreed_ad_ref": 1, "agreed": 0}
    assert board.amendments == {"tabled": 3, "withdrawn": 1, "accepted": 1, "modified": 0, "not_accepted": 0}
    assert rows[OP27].status == "agreed_ad_ref" and rows[OP27].amendments["accepted"] == 1
    assert rows["para_6"].delegations == ["Индия", "Китай", "Россия"]
    assert rows["para_7"].amendments["tabled"] == 1  # the insertion after it
