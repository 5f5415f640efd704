"""The demo, and one real object for every URL argument of the authorization matrix: what every endpoint acts on.

Each object is in the state in which its endpoint's write succeeds for the roles allowed (an amendment still
undecided, a plan not yet approved, a translation approved but not issued…), so that a refusal of the other roles can
only be about who they are. Made once per module, inside the module's transaction (see ``conftest.py``).

* ``draft``: MM/2021/DRAFT/3 (Member States and Observers), open to negotiation, with amendment 1 by Russia
  (OP27, a replacement), 2 by India (a deletion of OP26) and 3 by China (an alternative OP27).
* ``open``: SWG/2021/DRAFT/2, open, no amendment (the chair issues the next revision from it; its redline is against
  SWG/2021/DRAFT/1); its Kazakh version is a draft with every provision translated and not yet approved.
* ``silent``: SOC/2021/DRAFT/1 under a running silence procedure; its Russian version is approved, not issued.
* ``members``: MM/2022/DRAFT/2, for Member States only (hidden from the Observer), after MM/2022/DRAFT/1.
* the SWG meeting of the demo; the seed's note 17-1/542, delivered to the 27 Member States, Russia's receipt not
  acknowledged; a plan for 2022 not yet approved with one event; a Member State that has not signed the Convention;
  a proposed mandate and a confirmed one with a document linked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.utils import timezone
from lxml import etree

from accord.correspondence.models import Delivery, OutgoingNote
from accord.documents import concordance
from accord.documents.models import Document, LanguageVersion, Revision
from accord.documents.services import import_file
from accord.institutions import cbm, mandates, treaties
from accord.institutions.models import Instrument, Mandate, Plan, PlanEvent, TreatyAction
from accord.meetings.models import Meeting
from accord.negotiation import consensus, revisions, services
from accord.negotiation.models import Amendment, SilenceProcedure
from accord.registry.models import State, User
from accord.translation import services as translation
from security_helpers import Callers, db_state

OP27 = "para_27"
OP1 = "para_1"  # of the small statements
OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"


def statement(symbol: str, title: str = "DRAFT STATEMENT OF THE SPECIAL WORKING GROUP") -> bytes:
    """A small declaration to import, under ``symbol``."""
    return f"""{symbol}

**{title}**

We, the members of the Special Working Group,

*Recalling* the Almaty Act of 2002,

1. *Welcome* the progress made in the implementation of confidence building measures;

2. *Decide* to meet again in 2022.
""".encode()


@dataclass
class World:
    callers: Callers
    users: dict[str, User]
    draft: Revision
    ru_amendment: Amendment
    in_amendment: Amendment
    cn_amendment: Amendment
    round_version: int
    kk_draft: LanguageVersion
    kk_text: str  # the Kazakh draft's text of OP1, as a translator reads it before changing it
    xliff: bytes  # the Kazakh draft as XLIFF 2.0 with OP1 translated anew
    finding: str  # the fingerprint of an open finding of DRAFT/3's English/Russian report
    open_first: Revision
    open: Revision
    silent: Revision
    procedure: SilenceProcedure
    approved: LanguageVersion
    members_first: Revision
    members: Revision
    meeting: Meeting
    note: OutgoingNote
    ru_delivery: Delivery
    plan: Plan
    event: PlanEvent
    area: str
    instrument: Instrument
    signatory: State
    proposed: Mandate
    confirmed: Mandate
    linked: Revision
    baseline: str = ""

    def hidden(self) -> World:
        """The same world with every document a members-only one: what the Observer may not read."""
        return replace(self, draft=self.members, open=self.members, open_first=self.members_first,
                       silent=self.members)


def build() -> World:
    users = {user.username: user for user in User.objects.all()}
    officer, chair = users["officer"], users["chair"]
    now = timezone.now()

    draft = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    ru = services.table(draft, users["delegate-ru"], kind=Amendment.REPLACE, provision_id=OP27,
                        old_text=OLD_WORDS, text=NEW_WORDS)
    india = services.table(draft, users["delegate-in"], kind=Amendment.DELETE, provision_id="para_26")
    china = services.table(draft, users["delegate-cn"], kind=Amendment.ALTERNATIVE, provision_id=OP27,
                           text="Support the expeditious implementation of the agreed measures.")
    english, russian = draft.versions.get(language="en"), draft.versions.get(language="ru")
    finding = concordance.findings(english, russian)[0].fingerprint

    (first,) = import_file(statement("SWG/2021/DRAFT/1"), "swg.md", officer)
    open_ = revisions.issue_next_revision(first.revision, chair).revision
    kk_draft = translation.add_language(open_, "kk", officer)
    # The translator has done every provision: nothing stale, so the reviser may approve it.
    LanguageVersion.objects.filter(pk=kk_draft.pk).update(stale_provisions=[])
    kk_draft.refresh_from_db()
    kk_text = next(p.text for p in kk_draft.text().provisions() if p.id == OP1)

    exported = translation.export_xliff(kk_draft, "xliff2", pending_only=False).content
    tree = etree.fromstring(exported)
    namespace = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    tree.xpath(f"//x:unit[@id='{OP1}']//x:target", namespaces=namespace)[0].text = "OP1 аударылған мәтін."
    xliff = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")

    (silent,) = import_file(statement("SOC/2021/DRAFT/1"), "soc.md", officer)
    silent = silent.revision
    approved = translation.add_language(silent, "ru", officer)
    LanguageVersion.objects.filter(pk=approved.pk).update(stale_provisions=[])
    translation.approve(approved, users["reviser"])
    procedure = consensus.start_silence(silent, officer, deadline=now + dt.timedelta(days=30))

    (members_first,) = import_file(statement("MM/2022/DRAFT/1", "DRAFT DECLARATION FOR MEMBER STATES"),
                                   "members.md", officer, distribution=Document.MEMBERS)
    members = revisions.issue_next_revision(members_first.revision, chair).revision
    translation.add_language(members, "ru", officer)  # a pair of languages, for its concordance report

    note = OutgoingNote.objects.get(revision__symbol="17-1/542")
    plan = cbm.create_plan(officer, year=2022)
    area = cbm.areas().first()
    event = cbm.add_event(officer, plan, area=area, kind=PlanEvent.WORKSHOP, titles={"en": "Workshop on CBMs"},
                          organizer=State.objects.get(code="KZ"), start=dt.date(2022, 6, 1),
                          end=dt.date(2022, 6, 2), venue={"en": "Almaty"})
    instrument = Instrument.objects.order_by("pk").last()
    signed = TreatyAction.objects.filter(instrument=instrument).values_list("state_id", flat=True)
    signatory = treaties.member_states_on(timezone.localdate()).exclude(pk__in=signed).order_by("code").first()

    proposals = list(Mandate.objects.filter(status=Mandate.PROPOSED).order_by("pk"))
    proposed, confirmed = proposals[0], proposals[1]
    mandates.confirm(officer, confirmed, actor=Mandate.SECRETARIAT, task="Report to the next meeting.")
    mandates.link_document(officer, confirmed, silent)

    return World(
        callers=Callers.make(), users=users, draft=draft, ru_amendment=ru, in_amendment=india, cn_amendment=china,
        round_version=services.current_round(draft).version, kk_draft=kk_draft, kk_text=kk_text, xliff=xliff,
        finding=finding, open_first=first.revision, open=open_, silent=silent, procedure=procedure,
        approved=approved, members_first=members_first.revision, members=members,
        meeting=Meeting.objects.get(body__symbol_prefix="SWG", start="2021-09-14"), note=note,
        ru_delivery=note.deliveries.get(delegation__state__code="RU"), plan=plan, event=event, area=area.label,
        instrument=instrument, signatory=signatory, proposed=proposed, confirmed=Mandate.objects.get(pk=confirmed.pk),
        linked=silent, baseline=db_state(),
    )
