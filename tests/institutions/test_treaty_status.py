"""The treaty status of the forum's instruments as the services keep it: the status of every Member State on a day,
the list of those that have not ratified in each language's order and wording, ready to quote in a note verbale, and
the actions the secretariat may not record, each refused in one line with nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from accord.institutions import treaties
from accord.institutions.models import Instrument, TreatyAction
from accord.registry.models import Membership, State

STATUTE = "Statute of the Secretariat of the Conference on Interaction and Confidence Building Measures in Asia"
CONVENTION = ("Convention on the Privileges and Immunities of the Secretariat, its Personnel and Representatives of "
              "Members")
AS_OF = dt.date(2021, 8, 26)  # the demo's day


@pytest.fixture
def statute(demo):
    return Instrument.objects.get(names__en=STATUTE)


@pytest.fixture
def fresh(officer):
    """A new instrument, adopted on 1 January 2021, not yet in force, that no State has acted on."""
    return treaties.add_instrument(officer, names={"en": "Test Agreement", "ru": "Тестовое соглашение"},
                                   adopted_on=dt.date(2021, 1, 1))


def state(code):
    return State.objects.get(code=code)


def test_the_demo_holds_two_instruments_with_actions_of_several_member_states(demo):
    assert [i.name("en") for i in treaties.instruments()] == [STATUTE, CONVENTION]
    assert [i.name("ru") for i in treaties.instruments()] == [
        "Соглашение о Секретариате Совещания по взаимодействию и мерам доверия в Азии",
        "Конвенция о привилегиях и иммунитетах Секретариата, его персонала и представителей государств-членов"]
    convention = Instrument.objects.get(names__en=CONVENTION)
    assert convention.entry_into_force is None and "Illustrative" in convention.note
    assert TreatyAction.objects.values("state").distinct().count() >= 10


def test_the_status_table_lists_every_member_state_on_the_day_with_its_actions(statute):
    rows = treaties.status_table(statute, AS_OF, "en")
    assert len(rows) == 27  # the Member States in August 2021: Turkmenistan is an observer, Kuwait not yet a member
    assert [row.state.code for row in rows][:3] == ["AF", "AZ", "BH"]
    by_code = {row.state.code: row for row in rows}
    kazakhstan = by_code["KZ"]
    assert (kazakhstan.signature.date, kazakhstan.consent.date, kazakhstan.in_force.date) == (
        dt.date(2006, 6, 17), dt.date(2007, 3, 12), dt.date(2008, 1, 19))
    assert kazakhstan.stage == treaties.IN_FORCE
    assert by_code["MN"].consent.kind == TreatyAction.APPROVAL
    assert (by_code["QA"].signature, by_code["QA"].consent.kind) == (None, TreatyAction.ACCESSION)
    assert by_code["IN"].stage == treaties.SIGNED and by_code["EG"].stage == treaties.NOT_SIGNED
    assert by_code["KH"].stage == treaties.RATIFIED  # acceded in 2019, no entry into force recorded
    assert treaties.stage_counts(rows) == {"not_signed": 13, "signed": 3, "ratified": 1, "in_force": 10}
    assert [row.state.code for row in treaties.status_table(statute, AS_OF, "en", treaties.SIGNED)] == [
        "AF", "IN", "PK"]

    # On an earlier day: the Member States of then, and only what was done by that day.
    early = {row.state.code: row for row in treaties.status_table(statute, dt.date(2007, 6, 1), "en")}
    assert "BH" not in early and "VN" not in early  # members from 2010
    assert early["KZ"].stage == treaties.RATIFIED and early["RU"].stage == treaties.SIGNED

    russian = [row.state.name("ru") for row in treaties.status_table(statute, AS_OF, "ru")]
    assert russian[:3] == ["Азербайджан", "Афганистан", "Бангладеш"]


def test_the_list_of_states_not_ratified_follows_each_languages_alphabet_and_wording(officer, fresh):
    day = dt.date(2021, 3, 1)
    for member in treaties.member_states_on(day):
        if member.code not in {"AZ", "CN", "EG", "VN"}:
            treaties.record_action(officer, fresh, state=member, kind=TreatyAction.ACCESSION, date=day)

    english = treaties.not_ratified(fresh, "en", AS_OF)
    assert english.text == "Azerbaijan, China, Egypt and Viet Nam"
    assert [s.code for s in english.states] == ["AZ", "CN", "EG", "VN"]
    assert treaties.not_ratified(fresh, "ru", AS_OF).text == "Азербайджан, Вьетнам, Египет и Китай"
    # Kazakh: ә after а, қ after к (Unicode would put both after я); the list as CLDR writes it for kk-KZ.
    assert treaties.not_ratified(fresh, "kk", AS_OF).text == "Әзербайжан, Вьетнам, Қытай, Мысыр"

    treaties.record_action(officer, fresh, state=state("CN"), kind=TreatyAction.SIGNATURE, date=day)
    treaties.record_action(officer, fresh, state=state("CN"), kind=TreatyAction.RATIFICATION, date=dt.date(2021, 5, 4))
    treaties.record_action(officer, fresh, state=state("EG"), kind=TreatyAction.ACCESSION, date=day)
    assert treaties.not_ratified(fresh, "en", AS_OF).text == "Azerbaijan and Viet Nam"
    assert treaties.not_ratified(fresh, "ru", AS_OF).text == "Азербайджан и Вьетнам"
    assert treaties.not_ratified(fresh, "kk", AS_OF).text == "Әзербайжан және Вьетнам"
    # Before China's ratification of 4 May it was still on the list.
    assert treaties.not_ratified(fresh, "en", dt.date(2021, 4, 1)).text == "Azerbaijan, China and Viet Nam"

    treaties.record_action(officer, fresh, state=state("AZ"), kind=TreatyAction.ACCESSION, date=day)
    assert treaties.not_ratified(fresh, "en", AS_OF).text == "Viet Nam"
    treaties.record_action(officer, fresh, state=state("VN"), kind=TreatyAction.ACCESSION, date=day)
    assert treaties.not_ratified(fresh, "en", AS_OF) == treaties.NotRatified("en", [], "")


def test_a_state_that_becomes_a_member_later_joins_the_list_from_that_day(statute):
    Membership.objects.create(state=state("KW"), status=Membership.MEMBER, start=dt.date(2022, 10, 13))
    assert "Kuwait" not in treaties.not_ratified(statute, "en", dt.date(2022, 10, 12)).text
    assert "Kuwait" in treaties.not_ratified(statute, "en", dt.date(2022, 10, 13)).text
    assert len(treaties.status_table(statute, dt.date(2022, 10, 13), "en")) == 28


def test_the_demo_list_is_ready_to_quote(statute):
    text = treaties.not_ratified(statute, "en", AS_OF).text
    assert text.startswith("Afghanistan, Bahrain, Bangladesh, Egypt, India, ")
    assert text.endswith("Sri Lanka, Thailand, Uzbekistan and Viet Nam")
    assert treaties.not_ratified(statute, "ru", AS_OF).text.endswith("Таиланд, Узбекистан и Шри-Ланка")


@pytest.mark.parametrize("code, kind, day, message", [
    ("KZ", "ratification", dt.date(2030, 1, 1), "1 January 2030 has not come yet: an action is recorded once it has "
                                                "happened"),
    ("TM", "accession", dt.date(2021, 7, 1), "Turkmenistan is not a Member State on 1 July 2021"),
    ("BH", "signature", dt.date(2009, 6, 1), "Bahrain is not a Member State on 1 June 2009"),
    ("KW", "accession", dt.date(2021, 7, 1), "Kuwait is not a Member State on 1 July 2021"),
    ("KZ", "signature", dt.date(2021, 7, 1), "the signature by Kazakhstan is already recorded, on 17 June 2006"),
    ("KZ", "accession", dt.date(2021, 7, 1), "Kazakhstan is already bound by the instrument, by its ratification of "
                                             "12 March 2007"),
    ("QA", "signature", dt.date(2021, 7, 1), "Qatar is already bound by the instrument, by its accession of "
                                             "5 April 2016"),
    ("IN", "ratification", dt.date(2006, 6, 1), "the instrument was adopted on 17 June 2006, after 1 June 2006"),
    ("IN", "accession", dt.date(2021, 7, 1), "India signed the instrument on 17 June 2006: it ratifies, accepts or "
                                             "approves it, it does not accede"),
    ("EG", "ratification", dt.date(2021, 7, 1), "Egypt has not signed the instrument: record its signature first, "
                                                "or an accession"),
    ("IN", "entry_into_force", dt.date(2021, 7, 1), "India has not ratified or acceded to the instrument: it is not "
                                                    "in force for it"),
    ("KH", "entry_into_force", dt.date(2019, 11, 1), "the entry into force for Cambodia on 1 November 2019 comes "
                                                     "before its accession on 15 November 2019"),
    ("XX", "oath", dt.date(2021, 7, 1), "unknown kind of action 'oath'"),
])
def test_an_action_the_forum_cannot_accept_is_refused_in_one_line(officer, statute, code, kind, day, message):
    before = TreatyAction.objects.count()
    target = State.objects.filter(code=code).first() or state("KZ")
    with pytest.raises(treaties.TreatyRefused) as refusal:
        treaties.record_action(officer, statute, state=target, kind=kind, date=day, today=dt.date(2026, 1, 1))
    assert str(refusal.value) == message and "\n" not in message
    assert TreatyAction.objects.count() == before


def test_a_ratification_is_never_dated_before_the_signature(officer, fresh):
    treaties.record_action(officer, fresh, state=state("IN"), kind="signature", date=dt.date(2021, 5, 10))
    with pytest.raises(treaties.TreatyRefused) as refusal:
        treaties.record_action(officer, fresh, state=state("IN"), kind="ratification", date=dt.date(2021, 5, 9))
    assert str(refusal.value) == "the ratification by India is dated 9 May 2021, before its signature on 10 May 2021"
    assert refusal.value.field == "date"
    treaties.record_action(officer, fresh, state=state("IN"), kind="ratification", date=dt.date(2021, 5, 10))


def test_the_entry_into_force_for_a_state_follows_the_instruments_own(officer):
    instrument = treaties.add_instrument(officer, names={"en": "Test Protocol"}, adopted_on=dt.date(2021, 1, 1),
                                         entry_into_force=dt.date(2021, 6, 1))
    treaties.record_action(officer, instrument, state=state("IN"), kind="accession", date=dt.date(2021, 2, 1))
    with pytest.raises(treaties.TreatyRefused) as refusal:
        treaties.record_action(officer, instrument, state=state("IN"), kind="entry_into_force",
                               date=dt.date(2021, 3, 1))
    assert str(refusal.value) == "the instrument entered into force on 1 June 2021, after 1 March 2021"
    action = treaties.record_action(officer, instrument, state=state("IN"), kind="entry_into_force",
                                    date=dt.date(2021, 6, 1))
    assert action.recorded_by == officer
    assert [row.stage for row in treaties.status_table(instrument, AS_OF, "en") if row.state.code == "IN"] == [
        "in_force"]
    assert [row.stage for row in treaties.status_table(instrument, dt.date(2021, 5, 1), "en")
            if row.state.code == "IN"] == ["ratified"]


def test_the_refusals_follow_the_interface_language(officer, statute):
    with translation.override("ru"), pytest.raises(treaties.TreatyRefused) as refusal:
        treaties.record_action(officer, statute, state=state("TM"), kind="accession", date=dt.date(2021, 7, 1))
    assert "Туркменистан" in str(refusal.value)


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator", "reviser"])
def test_only_the_secretariat_records_actions(users, statute, username):
    with pytest.raises(PermissionDenied):
        treaties.record_action(users[username], statute, state=state("EG"), kind="accession",
                               date=dt.date(2021, 7, 1))
    assert not TreatyAction.objects.filter(instrument=statute, state__code="EG").exists()


def test_loading_the_demo_again_changes_nothing(officer, demo):
    from accord.institutions.demo import load_demo

    before = (Instrument.objects.count(), TreatyAction.objects.count())
    load_demo(officer)
    assert (Instrument.objects.count(), TreatyAction.objects.count()) == before
