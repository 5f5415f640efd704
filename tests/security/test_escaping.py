"""Markup typed into Accord stays text: every HTML page, export and redline escapes it, the JSON API gives it back as
it was typed.

Every free text a user or an imported file puts in — a document's title and provisions (from a Word file, which
keeps ``<`` as typed), an amendment's words, the chair's reasons, a reason for breaking silence, the meeting named
in an adoption, a reviser's reason for accepting a finding, a meeting's venue and agenda, a translation, an event
of the plan, a mandate's task — holds :func:`evil`: a ``<script>``, an attribute breaking
out of its quotes into an ``<img onerror>``, a Django template expression and a ``javascript:`` link, each marked
with a tag naming the field. Each page that shows a field must show the script escaped (``&lt;script&gt;…``), and no
page may hold a script, an event handler, the ``<img>``, a ``javascript:`` address, or the template evaluated
(the tag in capitals). Query parameters that pages echo back get the same check.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import lxml.etree
import lxml.html
import pytest
from django.utils import timezone

from accord.correspondence import services as notes
from accord.documents import concordance
from accord.documents.models import Revision
from accord.documents.services import import_file
from accord.institutions import cbm, mandates
from accord.institutions.models import Instrument, Mandate, PlanEvent
from accord.meetings.services import add_agenda_item, schedule
from accord.negotiation import consensus, revisions, services
from accord.negotiation.models import Amendment
from accord.registry.models import Body, State, User
from accord.text import parse_bytes
from accord.text.docx_writer import render_docx
from accord.translation import services as translation
from security_helpers import Callers
from security_world import statement


def evil(tag: str) -> str:
    """Markup a browser would run, marked with ``tag`` (lower case: the template filter would shout it)."""
    return (f'<script>alert("{tag}")</script> "><img src=x onerror=alert("{tag}")> {{{{ "{tag}"|upper }}}} '
            f'<a href="javascript:alert(\'{tag}\')">{tag}</a>')


def escaped_script(tag: str) -> str:
    """How :func:`evil`'s script reads in HTML once escaped: as text."""
    return html.escape(f'<script>alert("{tag}")</script>')


TAGS = ["zqtitle", "zqrecital", "zqpara", "zqamend", "zqalt", "zqreason", "zqreject", "zqbreak", "zqadopt",
        "zqaccept", "zqvenue", "zqitem", "zqkk", "zqevent", "zqplace", "zqtask", "zqquery"]
REDLINED = "&lt;script&gt;alert(&quot;<del>zqpara</del><ins>zqamend</ins>&quot;)&lt;/script&gt;"


@dataclass
class Hostile:
    callers: Callers
    first: Revision  # SWG/2021/DRAFT/1, imported from a Word file with markup in its title and provisions
    second: Revision  # SWG/2021/DRAFT/2, with Russia's amendment applied, silence broken, adopted at a "meeting"
    seed: Revision  # MM/2021/DRAFT/3, a finding of its English/Russian report accepted for a reason
    kk: int  # the Kazakh draft of SWG/2021/DRAFT/2, one provision translated
    meeting: int
    note: int
    mandate: int
    amendment: Amendment


def build() -> Hostile:
    users = {user.username: user for user in User.objects.all()}
    officer, chair = users["officer"], users["chair"]
    now = timezone.now()

    declaration = parse_bytes(statement("SWG/2021/DRAFT/1"), "statement.md")[0]
    declaration.title = "DRAFT STATEMENT " + evil("zqtitle")
    declaration.preamble[0].text = "Recalling the Almaty Act " + evil("zqrecital")
    declaration.sections[0].paragraphs[0].text = "Welcome the progress " + evil("zqpara")
    (first,) = import_file(render_docx(declaration), "statement.docx", officer)
    first = first.revision

    amendment = services.table(first, users["delegate-ru"], kind=Amendment.REPLACE, provision_id="para_1",
                               old_text=evil("zqpara"), text=evil("zqamend"))
    alternative = services.table(first, users["delegate-cn"], kind=Amendment.ALTERNATIVE, provision_id="para_2",
                                 text=evil("zqalt"))
    services.decide(amendment, chair, outcome=Amendment.ACCEPTED, reason=evil("zqreason"), version=1)
    services.decide(alternative, chair, outcome=Amendment.NOT_ACCEPTED, reason=evil("zqreject"), version=1)
    second = revisions.issue_next_revision(first, chair).revision

    kk = translation.add_language(second, "kk", officer)
    revisions.update_translation(kk, "para_1", evil("zqkk"), users["translator"])

    procedure = consensus.start_silence(second, officer, deadline=now + dt.timedelta(days=3))
    consensus.break_silence(procedure, users["delegate-ru"], reason=evil("zqbreak"))
    consensus.adopt_at_meeting(second, chair, meeting=evil("zqadopt"), date=timezone.localdate())

    seed = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    english, russian = seed.versions.get(language="en"), seed.versions.get(language="ru")
    concordance.accept(english, russian, concordance.findings(english, russian)[0].fingerprint, evil("zqaccept"),
                       users["reviser"])

    meeting = schedule(officer, body=Body.objects.get(symbol_prefix="SWG"), start=dt.date(2027, 3, 1),
                       end=dt.date(2027, 3, 2), venue={code: evil("zqvenue") for code in ("en", "ru", "kk")},
                       chair=State.objects.get(code="KZ"))
    add_agenda_item(meeting, officer, titles={"en": evil("zqitem")}, revision=second)
    note = notes.issue_note(officer, purpose="invitation", revisions=[], meeting=meeting, languages=["en"])

    plan = cbm.create_plan(officer, year=2022)
    cbm.add_event(officer, plan, area=cbm.areas().first(), kind=PlanEvent.WORKSHOP, titles={"en": evil("zqevent")},
                  organizer=State.objects.get(code="KZ"), start=dt.date(2022, 6, 1), venue={"en": evil("zqplace")})
    mandate = Mandate.objects.filter(status=Mandate.PROPOSED).order_by("pk").first()
    mandates.confirm(officer, mandate, actor=Mandate.SECRETARIAT, task=evil("zqtask"))

    return Hostile(callers=Callers.make(), first=first, second=second, seed=seed, kk=kk.pk, meeting=meeting.pk,
                   note=note.pk, mandate=mandate.pk,
                   amendment=Amendment.objects.get(pk=amendment.pk))


@pytest.fixture(scope="module")
def hostile(loaded_demo, django_db_blocker) -> Hostile:
    with django_db_blocker.unblock():
        return build()


# What is safe ------------------------------------------------------------------------------------------------------


def unsafe(text: str) -> list[str]:
    """What in an HTML text would run: scripts, event handlers, ``javascript:`` addresses, the planted ``<img>``, a
    template expression evaluated. Empty when nothing would."""
    found = [raw for raw in ('<script>alert(', '<img src=x', 'href="javascript:', "href='javascript:")
             if raw in text]
    found += [f"{tag.upper()} (a template evaluated)" for tag in TAGS if tag.upper() in text]
    page = lxml.html.fromstring(text)
    found += [f"inline <script>: {lxml.html.tostring(s)[:80]!r}" for s in page.xpath("//script[not(@src)]")
              if s.get("type") != "application/json"]
    found += [f"<{element.tag} {name}=…>" for element in page.iter() if isinstance(element.tag, str)
              for name in element.attrib if name.lower().startswith("on")]
    found += [f"<{element.tag}> to {value}" for element in page.iter() if isinstance(element.tag, str)
              for name, value in element.attrib.items()
              if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:")]
    return found


def test_the_check_finds_what_would_run():
    page = "<html><body><p>{}</p></body></html>"
    assert unsafe(page.format(evil("zqtitle")))
    assert unsafe(page.format('<b onmouseover="x()">b</b>')) == ["<b onmouseover=…>"]
    assert unsafe(page.format('<a href=" JavaScript:x()">a</a>')) == ["<a> to  JavaScript:x()"]
    assert unsafe(page.format("ZQTITLE")) == ["ZQTITLE (a template evaluated)"]
    assert not unsafe(page.format(html.escape(evil("zqtitle"))))


def shown(text: str) -> set[str]:
    """The tags whose script the text shows escaped."""
    return {tag for tag in TAGS if escaped_script(tag) in text}


# Every page a field reaches: (who reads it, its address, the fields it must show). The addresses are functions of
# the world, as its ids are only known once it is built.
PAGES = {
    "document list": ("officer", lambda h: "/", {"zqtitle"}),
    "document page": ("delegate-ru", lambda h: f"/documents/{h.first.document_id}/", {"zqtitle"}),
    "reading room": ("delegate-ru", lambda h: f"/revisions/{h.first.pk}/", {"zqtitle", "zqrecital", "zqpara"}),
    "reading room, amended and translated": ("translator", lambda h: f"/revisions/{h.second.pk}/?lang=en&lang=kk",
                                             {"zqamend", "zqkk"}),
    "compilation, chair": ("chair", lambda h: f"/revisions/{h.first.pk}/compilation/?status=all",
                           {"zqtitle", "zqrecital", "zqpara", "zqamend", "zqalt", "zqreason", "zqreject"}),
    "compilation, delegate": ("delegate-in", lambda h: f"/revisions/{h.first.pk}/compilation/?status=all",
                              {"zqpara", "zqamend", "zqalt", "zqreason"}),
    "decision form": ("chair", lambda h: f"/revisions/{h.first.pk}/amendments/1/decision/", {"zqpara", "zqamend"}),
    "dashboard": ("observer-tm", lambda h: f"/revisions/{h.first.pk}/dashboard/", {"zqtitle"}),
    "adoption": ("delegate-ru", lambda h: f"/revisions/{h.second.pk}/adoption/", {"zqbreak", "zqadopt"}),
    "concordance report": ("reviser", lambda h: f"/revisions/{h.seed.pk}/concordance/", {"zqaccept"}),
    # The redline marks the words that changed inside the escaped markup: the tag alone, deleted then inserted.
    "redline HTML": ("delegate-in", lambda h: f"/revisions/{h.second.pk}/en.redline.html",
                     {"zqtitle", "zqrecital"}, [REDLINED]),
    "redline HTML, API": ("delegate-in", lambda h: f"/api/revisions/{h.second.pk}/versions/en/redline/html"
                                                   f"?against={h.first.pk}", {"zqtitle", "zqrecital"}, [REDLINED]),
    "HTML export": ("observer-tm", lambda h: f"/revisions/{h.second.pk}/en.html", {"zqtitle", "zqamend"}),
    "HTML export, API": ("observer-tm", lambda h: f"/api/revisions/{h.first.pk}/versions/en/export/html",
                         {"zqtitle", "zqrecital", "zqpara"}),
    "meetings": ("observer-tm", lambda h: "/meetings/", {"zqvenue"}),
    "meeting": ("delegate-ru", lambda h: f"/meetings/{h.meeting}/", {"zqvenue", "zqitem"}),
    "registry of notes": ("officer", lambda h: "/notes/", set()),
    "note": ("officer", lambda h: f"/notes/{h.note}/", {"zqvenue"}),
    "inbox": ("delegate-ru", lambda h: "/inbox/", {"zqvenue"}),
    "issuing a note": ("officer", lambda h: "/notes/new/", {"zqtitle", "zqvenue"}),
    "translations": ("translator", lambda h: "/translation/", {"zqtitle"}),
    "translation workspace": ("translator", lambda h: f"/translation/versions/{h.kk}/?all=1",
                              {"zqtitle", "zqamend", "zqkk"}),
    "plan": ("officer", lambda h: "/institutions/plans/2022/", {"zqevent", "zqplace"}),
    "mandates": ("observer-tm", lambda h: "/institutions/mandates/", {"zqtask"}),
    "mandate": ("officer", lambda h: f"/institutions/mandates/{h.mandate}/", {"zqtask"}),
}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_escapes_what_was_typed(hostile, demo, name):
    username, address, fields, *snippets = PAGES[name]
    url = address(hostile)
    client = hostile.callers.web(username)
    headers = hostile.callers.api_headers(username) if url.startswith("/api/") else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (name, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert not unsafe(text), (name, unsafe(text))
    assert fields <= shown(text), f"{name}: not shown escaped: {sorted(fields - shown(text))}"
    for snippet in snippets[0] if snippets else []:
        assert snippet in text, (name, snippet)


# What a page echoes of its address: a filter, a pair, a language, a day, where to go after logging in.
ECHOED = {
    "compilation filter": ("delegate-ru", lambda h: f"/revisions/{h.first.pk}/compilation/", "delegation"),
    "concordance pair": ("reviser", lambda h: f"/revisions/{h.seed.pk}/concordance/", "pair"),
    "reading room languages": ("delegate-ru", lambda h: f"/revisions/{h.seed.pk}/", "lang"),
    "registry day": ("officer", lambda h: "/registry/", "on"),
    "plan filter": ("officer", lambda h: "/institutions/plans/2022/", "state"),
    "treaty status day": ("officer", lambda h: f"/institutions/treaties/{Instrument.objects.first().pk}/", "on"),
    "mandates filter": ("officer", lambda h: "/institutions/mandates/", "status"),
    "workspace": ("translator", lambda h: f"/translation/versions/{h.kk}/", "all"),
    "login": ("anonymous", lambda h: "/login/", "next"),
}


@pytest.mark.parametrize("name", ECHOED)
def test_what_a_page_echoes_of_its_address_is_escaped(hostile, demo, name):
    username, address, parameter = ECHOED[name]
    response = hostile.callers.web(username).get(address(hostile), {parameter: evil("zqquery")})
    assert response.status_code in (200, 400), (name, response.status_code)
    text = response.content.decode()
    assert not unsafe(text) and "ZQQUERY" not in text, (name, unsafe(text))


# The API gives back what was typed -------------------------------------------------------------------------------


def api(hostile, path: str, username: str = "officer"):
    response = hostile.callers.web("anonymous").get(f"/api{path}", headers=hostile.callers.api_headers(username))
    assert response.status_code == 200, (path, response.content[:200])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def test_the_api_returns_what_was_typed_verbatim_as_json_data(hostile, demo):
    first, second = hostile.first.pk, hostile.second.pk
    amendment = api(hostile, f"/revisions/{first}/amendments/1")
    assert (amendment["old_text"], amendment["text"], amendment["reason"]) == (
        evil("zqpara"), evil("zqamend"), evil("zqreason"))
    assert api(hostile, f"/revisions/{first}/amendments/2")["text"] == evil("zqalt")
    assert api(hostile, f"/documents/{hostile.first.document_id}")["titles"]["en"] == "DRAFT STATEMENT " + evil(
        "zqtitle")
    model = api(hostile, f"/revisions/{second}/versions/en")
    assert model["sections"][0]["paragraphs"][0]["text"] == f"Welcome the progress {evil('zqamend')}"
    (procedure,) = api(hostile, f"/revisions/{second}/silence")
    assert procedure["reason"] == evil("zqbreak")
    assert api(hostile, f"/revisions/{second}/adoption")["meeting"] == evil("zqadopt")
    findings = api(hostile, f"/revisions/{hostile.seed.pk}/concordance")["findings"]
    assert [f["acceptance"]["reason"] for f in findings if f["accepted"]] == [evil("zqaccept")]
    meeting = api(hostile, f"/meetings/{hostile.meeting}")
    assert meeting["venues"] == {code: evil("zqvenue") for code in ("en", "ru", "kk")}
    assert [item["title"] for item in meeting["agenda"]] == [evil("zqitem")]
    workspace = api(hostile, f"/versions/{hostile.kk}/workspace?all=true", "translator")
    assert {row["provision"]: row["target"] for row in workspace["rows"]}["para_1"] == evil("zqkk")
    (event,) = api(hostile, "/plans/2022")["events"]
    assert (event["titles"]["en"], event["venues"]["en"]) == (evil("zqevent"), evil("zqplace"))
    assert [m["task"] for m in api(hostile, "/mandates") if m["id"] == hostile.mandate] == [evil("zqtask")]


def test_the_akoma_ntoso_export_keeps_the_markup_as_text(hostile, demo):
    response = hostile.callers.web("delegate-ru").get(f"/revisions/{hostile.second.pk}/en.akn")
    assert response.status_code == 200
    tree = lxml.etree.fromstring(response.content)
    assert not [element for element in tree.iter() if isinstance(element.tag, str)
                and lxml.etree.QName(element).localname in ("script", "img", "a")]
    text = "".join(tree.itertext())
    assert evil("zqamend") in text and evil("zqtitle") in text
