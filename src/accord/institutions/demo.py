"""The demo's confidence building measures: ``load_demo(officer)``, which ``accord demo`` calls after the registry and
the seed are loaded.

It reads ``data/cica.json`` (what is illustrative there, and what comes from the forum's texts, its ``note`` says):
the five dimensions, their priority areas and measures, the coordinators with their terms, the versions of the
catalogue (the one of 2004, and the updated one that the seed's declaration MM/2021/DRAFT/3 adopts, linked to that
revision when it has been imported), and the Plans on Implementation for 2020 and 2021 with their events, approved
by the SOC. Events, their statuses and the approvals go through :mod:`.cbm`, so the demo keeps the rules the
secretariat's pages keep.

Then the treaties (``treaties`` in the data file): the Statute of the Secretariat and the Convention on Privileges and
Immunities, with illustrative signatures, ratifications, accessions and entries into force of several Member States,
recorded through :mod:`.treaties`; and the mandates that :mod:`.mandates` proposes from the seed's declaration
MM/2021/DRAFT/3, left "proposed" for the secretariat to confirm or drop. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from accord.documents.models import Revision
from accord.registry.models import State, User
from accord.text import normalise_symbol

from . import cbm, mandates, treaties
from .models import (CatalogueVersion, Coordination, Dimension, Instrument, Mandate, Measure, Plan, PlanEvent,
                     PriorityArea, TreatyAction)

DATA = Path(__file__).resolve().parent / "data" / "cica.json"


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _revision(symbol: str | None) -> Revision | None:
    return Revision.objects.filter(symbol=normalise_symbol(symbol)).first() if symbol else None


@transaction.atomic
def load_demo(officer: User, data: dict | None = None) -> None:
    """Load the demo's catalogue and plans as the secretariat officer ``officer``; what is there already is kept."""
    data = data if data is not None else json.loads(DATA.read_text(encoding="utf-8"))
    dimensions = {}
    for entry in data["dimensions"]:
        dimensions[entry["number"]], _created = Dimension.objects.update_or_create(
            number=entry["number"], defaults={"names": entry["names"]})

    areas: dict[str, PriorityArea] = {}
    measures_of: dict[str, list[Measure]] = {}
    for entry in data["areas"]:
        dimension_number, _dot, number = entry["area"].partition(".")
        area, _created = PriorityArea.objects.update_or_create(
            dimension=dimensions[int(dimension_number)], number=int(number), defaults={"names": entry["names"]})
        areas[entry["area"]] = area
        for position, item in enumerate(entry.get("measures", []), start=1):
            measure, _created = Measure.objects.update_or_create(area=area, number=position,
                                                                 defaults={"texts": item["texts"]})
            for label in item.get("versions", []):
                measures_of.setdefault(label, []).append(measure)
        for term in entry.get("coordinators", []):
            state = State.objects.get(code=term["state"])
            start = _day(term["start"])
            if not Coordination.objects.filter(area=area, state=state, role=term["role"], start=start).exists():
                cbm.appoint(officer, area, state, role=term["role"], start=start, end=_day(term.get("end")))

    for entry in data.get("versions", []):
        version = CatalogueVersion.objects.filter(label=entry["label"]).first()
        if version is not None:
            if version.decision_id is None and _revision(entry.get("decision")) is not None:
                version.decision = _revision(entry.get("decision"))  # the seed was imported since
                version.save(update_fields=["decision"])
            continue
        cbm.add_version(officer, label=entry["label"], measures=measures_of.get(entry["label"], []),
                        adopted_on=_day(entry.get("adopted_on")), decision=_revision(entry.get("decision")),
                        reference=entry.get("reference", ""))

    for entry in data.get("plans", []):
        plan = Plan.objects.filter(year=entry["year"]).first() or cbm.create_plan(officer, year=entry["year"])
        for item in entry.get("events", []):
            area, organizer, start = areas[item["area"]], State.objects.get(code=item["organizer"]), _day(item["start"])
            if PlanEvent.objects.filter(plan=plan, area=area, organizer=organizer, start=start).exists():
                continue
            event = cbm.add_event(officer, plan, area=area, kind=item["kind"], titles=item["titles"],
                                  organizer=organizer, start=start, end=_day(item.get("end")),
                                  venue=item.get("venue"))
            if item.get("status", PlanEvent.PLANNED) != PlanEvent.PLANNED:
                cbm.change_status(officer, event, status=item["status"], report=_revision(item.get("report")),
                                  report_note=item.get("report_note", ""))
        approval = entry.get("approval")
        if approval and not plan.is_approved:
            cbm.approve_plan(officer, plan, on=_day(approval["on"]), decision=_revision(approval.get("decision")),
                             reference=approval.get("reference", ""))

    _load_treaties(officer, data.get("treaties", {}))
    _propose_mandates(officer, data.get("mandates", {}).get("propose_from", []))


def _load_treaties(officer: User, data: dict) -> None:
    """The instruments, found again by their English name, and the actions not yet recorded."""
    for entry in data.get("instruments", []):
        instrument = Instrument.objects.filter(names__en=entry["names"]["en"]).first()
        if instrument is None:
            instrument = treaties.add_instrument(
                officer, names=entry["names"], adopted_on=_day(entry.get("adopted_on")),
                entry_into_force=_day(entry.get("entry_into_force")), depositary=entry.get("depositary"),
                note=entry.get("note", ""))
        for item in entry.get("actions", []):
            state = State.objects.get(code=item["state"])
            if TreatyAction.objects.filter(instrument=instrument, state=state, kind=item["kind"]).exists():
                continue
            treaties.record_action(officer, instrument, state=state, kind=item["kind"], date=_day(item["date"]),
                                   note=item.get("note", ""))


def _propose_mandates(officer: User, symbols: list[str]) -> None:
    """The mandates proposed from each text (once: a text with mandates already is left as it is)."""
    for symbol in symbols:
        revision = _revision(symbol)
        if revision is not None and not Mandate.objects.filter(revision=revision).exists():
            mandates.propose(officer, revision)
