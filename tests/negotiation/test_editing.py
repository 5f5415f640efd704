"""Changing the core model as amendments propose (pure: the seed's declaration, no database)."""

from pathlib import Path

import pytest

from accord.negotiation.editing import (
    ALTERNATIVE,
    DELETE,
    INSERT,
    REPLACE,
    Change,
    EditError,
    apply,
    insertion_after,
    locate,
)
from accord.text import parse_file

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"


@pytest.fixture
def english():
    return next(d for d in parse_file(SEED) if d.kind == "declaration" and d.language == "en")


@pytest.fixture
def russian():
    return next(d for d in parse_file(SEED) if d.kind == "declaration" and d.language == "ru")


def texts(declaration):
    return {p.id: p.text for p in declaration.provisions()}


def test_provisions_are_found_by_id_with_their_label_and_the_list_that_holds_them(english):
    recital, paragraph = locate(english, "recs_1__rec_5"), locate(english, "para_27")
    assert (recital.kind, recital.label, recital.siblings is english.preamble) == ("recital", "PP5", True)
    assert (paragraph.kind, paragraph.label) == ("paragraph", "OP27")
    assert paragraph.text.startswith("We request those Member States")
    assert locate(english, "para_99") is None


def test_insertions_are_numbered_bis_ter_after_their_provision_skipping_those_taken(english):
    target = locate(english, "para_7")
    assert insertion_after(english, target, []) == ("para_7bis", "OP7 bis", "7 bis")
    assert insertion_after(english, target, ["para_7bis"]) == ("para_7ter", "OP7 ter", "7 ter")
    assert insertion_after(english, locate(english, "recs_1__rec_5"), []) == ("recs_1__rec_5bis", "PP5 bis", "5 bis")
    every = [f"para_7{suffix}" for suffix in ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies",
                                              "novies", "decies")]
    assert insertion_after(english, target, every) is None


def test_accepted_changes_are_applied_in_place_keeping_every_other_id(english):
    before = texts(english)
    applied = apply(english, [
        Change("amendment 1", REPLACE, "para_27", "on an expeditious basis", "as soon as possible"),
        Change("amendment 2", INSERT, "para_7", text="We welcome the new partnership.", new_id="para_7ter"),
        Change("amendment 3", INSERT, "para_7", text="We decide to meet again.", new_id="para_7bis"),
        Change("amendment 4", ALTERNATIVE, "para_6", text="We condemn terrorism."),
        Change("amendment 5", DELETE, "para_3"),
        Change("amendment 6", INSERT, "recs_1__rec_5", text="Recalling the Almaty Act;", new_id="recs_1__rec_5bis"),
    ])
    after = texts(english)
    assert "as soon as possible" in after["para_27"] and "expeditious" not in after["para_27"]
    assert after["para_6"] == "We condemn terrorism."
    assert "para_3" not in after
    ids = [p.id for p in english.provisions()]
    assert ids[ids.index("para_7"):ids.index("para_7") + 4] == ["para_7", "para_7bis", "para_7ter", "para_8"]
    bis = locate(english, "para_7bis").provision
    assert (bis.label, bis.num, bis.text) == ("OP7 bis", "7 bis", "We decide to meet again.")
    assert locate(english, "recs_1__rec_5bis").label == "PP5 bis"
    assert applied.changed == ["recs_1__rec_5bis", "para_6", "para_7bis", "para_7ter", "para_27"]
    assert applied.deleted == ["para_3"]
    untouched = set(before) - {"para_3", "para_6", "para_27"}
    assert all(after[pid] == before[pid] for pid in untouched)


def test_a_lead_phrase_that_no_longer_opens_a_recital_is_dropped(english):
    apply(english, [Change("amendment 1", ALTERNATIVE, "recs_1__rec_5", text="Mindful of security;")])
    assert locate(english, "recs_1__rec_5").provision.lead is None


@pytest.mark.parametrize("changes, problem", [
    ([Change("amendment 1", ALTERNATIVE, "para_6", text="A."), Change("amendment 2", ALTERNATIVE, "para_6", text="B.")],
     "amendment 2 and amendment 1 both change OP6"),
    ([Change("amendment 1", DELETE, "para_6"), Change("amendment 2", REPLACE, "para_6", "terrorism in all", "x")],
     "amendment 2 and amendment 1 both change OP6"),
    ([Change("amendment 1", REPLACE, "para_27", "on an expeditious basis", "soon"),
      Change("amendment 2", REPLACE, "para_27", "an expeditious", "a quick")],
     "amendment 2: 'an expeditious' occurs 0 times in OP27 once amendment 1 is applied, not once"),
    ([Change("amendment 1", REPLACE, "para_99", "x", "y")], "amendment 1: the text has no provision para_99"),
])
def test_changes_that_cannot_stand_together_are_refused(english, changes, problem):
    with pytest.raises(EditError) as refusal:
        apply(english, changes)
    assert str(refusal.value) == problem


def test_two_replacements_of_different_words_in_one_provision_both_apply(english):
    apply(english, [Change("amendment 1", REPLACE, "para_27", "on an expeditious basis", "soon"),
                    Change("amendment 2", REPLACE, "para_27", "Statute", "Agreement")])
    assert "ratify the Agreement of the Secretariat" in locate(english, "para_27").text


def test_a_translation_gets_the_structure_and_keeps_its_words_for_the_translator(russian):
    before = texts(russian)
    applied = apply(russian, [
        Change("amendment 1", REPLACE, "para_27", "on an expeditious basis", "as soon as possible"),
        Change("amendment 2", INSERT, "para_7", text="We decide to meet again.", new_id="para_7bis"),
        Change("amendment 3", DELETE, "para_3"),
    ], texts=False)
    after = texts(russian)
    assert after["para_27"] == before["para_27"]
    assert after["para_7bis"] == "We decide to meet again." and "para_3" not in after
    assert applied.changed == ["para_7bis", "para_27"]
