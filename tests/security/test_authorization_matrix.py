"""Every web view and every API operation under every role: who is let through, who is refused, and that a refused
request writes nothing.

The two tables below are the matrix: one row per route and method, one column per role (the demo users, see
``security_helpers.ROLES``). A cell is the class of the answer:

* ``ok`` — let through: 2xx, or a redirect that is not a refusal (back to the page after a write);
* ``403`` — refused for the role; ``404`` — the object does not exist for the role (another delegation's receipt, a
  note not addressed to it);
* ``login`` — sent to the login page (an anonymous visitor; the admin's login for everyone, as no demo user is
  staff; and where logging out leads); ``401`` — an anonymous API client, or a calendar application without a token;
* ``→inbox`` — a page that sends the user to their inbox instead (a delegate opening the secretariat's registry).

Every route Django resolves and every operation of the API's OpenAPI schema must have its rows: a new endpoint
without them fails ``test_every_web_view_is_in_the_matrix`` or ``test_every_api_operation_is_in_the_matrix``
("unclassified endpoint …"), and so does a row for an endpoint that no longer exists. A method a route has no row for
must be refused (405) or, on the web, served as a read, writing nothing.

Each request acts on a real object of the demo (see ``security_world.py``), in the state where the write succeeds
for the roles allowed, with a valid payload: so a refusal is about who asks, never about what was sent. Each request
runs in a savepoint rolled back after it, so every request sees the same world; after every refused request the
database is compared with the world as it was built (``security_helpers.db_state``): nothing may have changed.

Then: every request that acts on a document, on one for Member States only, is a 404 for the Observer; the rules of
the forum (no delegation acts for another, an Observer never tables, joins or breaks silence, translators and
revisers never negotiate, only the secretariat issues notes…) are checked on the tables themselves, so that a row
edited to fit a regression still fails; and requests that name another delegation in their payload act for the
user's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accord.correspondence.services import numbering
from accord.meetings.services import add_agenda_item
from accord.negotiation.models import Amendment, Backing, SilenceBreak
from accord.registry.models import Membership, User
from security_helpers import (
    ANONYMOUS,
    OK,
    PARAMETER,
    REFUSED,
    ROLES,
    USER_ROLES,
    db_state,
    fill,
    outcome,
    parameters,
    read_table,
    send,
    table_of,
)
from security_world import OP1, OP27, World, build, statement

WEB = read_table("""
route                                                           method anon   secr   chair  ru     in     tm     transl reviser
# Signing in and out, the interface language: for anyone.
/login/                                                         GET    ok     ok     ok     ok     ok     ok     ok     ok
/login/                                                         POST   ok     ok     ok     ok     ok     ok     ok     ok
/logout/                                                        POST   login  login  login  login  login  login  login  login    # logged out, to the login page
/i18n/setlang/                                                  POST   ok     ok     ok     ok     ok     ok     ok     ok
# The admin: none of the demo users is staff.
/admin/                                                         GET    login  login  login  login  login  login  login  login
/admin/login/                                                   GET    ok     ok     ok     ok     ok     ok     ok     ok
/admin/logout/                                                  POST   login  ok     ok     ok     ok     ok     ok     ok
/admin/password_change/                                         GET    login  login  login  login  login  login  login  login
/admin/password_change/done/                                    GET    login  login  login  login  login  login  login  login
/admin/autocomplete/                                            GET    login  login  login  login  login  login  login  login
/admin/jsi18n/                                                  GET    login  login  login  login  login  login  login  login
/admin/r/<path:content_type_id>/<path:object_id>/               GET    login  login  login  login  login  login  login  login
/admin/auth/group/                                              GET    login  login  login  login  login  login  login  login
/admin/auth/group/add/                                          GET    login  login  login  login  login  login  login  login
/admin/auth/group/<path:object_id>/history/                     GET    login  login  login  login  login  login  login  login
/admin/auth/group/<path:object_id>/delete/                      GET    login  login  login  login  login  login  login  login
/admin/auth/group/<path:object_id>/change/                      GET    login  login  login  login  login  login  login  login
/admin/auth/group/<path:object_id>/                             GET    login  login  login  login  login  login  login  login
/admin/^(?P<app_label>auth)/$                                   GET    login  login  login  login  login  login  login  login
/admin/(?P<url>.*)$                                             GET    login  login  login  login  login  login  login  login
# Documents: every role reads what its distribution allows; the secretariat imports; revisers accept findings.
/                                                               GET    login  ok     ok     ok     ok     ok     ok     ok
/registry/                                                      GET    login  ok     ok     ok     ok     ok     ok     ok
/documents/<int:pk>/                                            GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/                                            GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/concordance/                                GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/concordance/accepted/                       POST   login  ok     403    403    403    403    ok     ok
/revisions/<int:pk>/<slug:language>.redline.<slug:fmt>          GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/<slug:language>.<slug:fmt>                  GET    login  ok     ok     ok     ok     ok     ok     ok
/upload/                                                        GET    login  ok     403    403    403    403    403    403
/upload/                                                        POST   login  ok     403    403    403    403    403    403
# The negotiation: delegations of Member States table and join, the proposer alone withdraws, the chair decides.
/revisions/<int:pk>/compilation/                                GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/compilation/rules/                          POST   login  ok     ok     403    403    403    403    403
/revisions/<int:pk>/compilation/next/                           POST   login  403    ok     403    403    403    403    403
/revisions/<int:pk>/amendments/                                 POST   login  403    ok     ok     ok     403    403    403
/revisions/<int:pk>/amendments/<int:number>/cosponsor/          POST   login  403    ok     ok     ok     403    403    403
/revisions/<int:pk>/amendments/<int:number>/support/            POST   login  403    ok     ok     ok     403    403    403
/revisions/<int:pk>/amendments/<int:number>/withdraw/           POST   login  403    403    ok     403    403    403    403      # Russia's
/revisions/<int:pk>/amendments/<int:number>/decision/           GET    login  403    ok     403    403    403    403    403
/revisions/<int:pk>/amendments/<int:number>/decision/           POST   login  403    ok     403    403    403    403    403
/revisions/<int:pk>/provisions/<str:provision_id>/status/       POST   login  403    ok     403    403    403    403    403
/revisions/<int:pk>/provisions/<str:provision_id>/options/      POST   login  403    ok     403    403    403    403    403
/revisions/<int:pk>/dashboard/                                  GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/adoption/                                   GET    login  ok     ok     ok     ok     ok     ok     ok
/revisions/<int:pk>/adoption/silence/                           POST   login  ok     403    403    403    403    403    403
/revisions/<int:pk>/adoption/silence/<int:procedure_id>/break/  POST   login  403    ok     ok     ok     403    403    403
/revisions/<int:pk>/adoption/meeting/                           POST   login  ok     ok     403    403    403    403    403
# Meetings: everyone reads, the secretariat schedules; the calendar takes a token instead of a session.
/meetings/                                                      GET    login  ok     ok     ok     ok     ok     ok     ok
/meetings/schedule/                                             POST   login  ok     403    403    403    403    403    403
/meetings/calendar.ics                                          GET    401    ok     ok     ok     ok     ok     ok     ok
/meetings/<int:pk>/                                             GET    login  ok     ok     ok     ok     ok     ok     ok
/meetings/<int:pk>/agenda/                                      POST   login  ok     403    403    403    403    403    403
/meetings/<int:pk>.ics                                          GET    401    ok     ok     ok     ok     ok     ok     ok
# Notes verbales: the secretariat keeps the registry and issues; a delegation reads its inbox and acknowledges
# its own receipts (Russia's here).
/notes/                                                         GET    login  ok     403    →inbox →inbox →inbox 403    403
/notes/new/                                                     GET    login  ok     403    403    403    403    403    403
/notes/new/                                                     POST   login  ok     403    403    403    403    403    403
/notes/<int:pk>/                                                GET    login  ok     ok     ok     ok     ok     ok     ok
/inbox/                                                         GET    login  403    403    ok     ok     ok     403    403
/inbox/<int:pk>/acknowledge/                                    POST   login  403    403    ok     404    404    403    403
# Translation: translators, revisers and the secretariat; the translator writes, the reviser approves, the
# secretariat adds languages and issues.
/translation/                                                   GET    login  ok     403    403    403    403    ok     ok
/translation/languages/                                         POST   login  ok     403    403    403    403    403    403
/translation/terms.tbx                                          GET    login  ok     403    403    403    403    ok     ok
/translation/versions/<int:pk>/                                 GET    login  ok     403    403    403    403    ok     ok
/translation/versions/<int:pk>/save/                            POST   login  403    403    403    403    403    ok     403
/translation/versions/<int:pk>/xliff/<str:fmt>/                 GET    login  ok     403    403    403    403    ok     ok
/translation/versions/<int:pk>/import/                          POST   login  403    403    403    403    403    ok     403
/translation/versions/<int:pk>/approve/                         POST   login  ok     403    403    403    403    403    ok
/translation/versions/<int:pk>/issue/                           POST   login  ok     403    403    403    403    403    403
# Institutions: everyone reads, the secretariat keeps.
/institutions/                                                  GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/catalogue/                                        GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/dashboard/                                        GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/plans/                                            POST   login  ok     403    403    403    403    403    403
/institutions/plans/<int:year>/                                 GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/plans/<int:year>/events/                          POST   login  ok     403    403    403    403    403    403
/institutions/plans/<int:year>/events/status/                   POST   login  ok     403    403    403    403    403    403
/institutions/plans/<int:year>/approval/                        POST   login  ok     403    403    403    403    403    403
/institutions/plans/<int:year>/dashboard/                       GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/plans/<int:year>/plan.docx                        GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/plans/<int:year>/plan.xlsx                        GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/treaties/                                         GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/treaties/<int:pk>/                                GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/treaties/<int:pk>/actions/                        POST   login  ok     403    403    403    403    403    403
/institutions/mandates/                                         GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/mandates/proposals/                               POST   login  ok     403    403    403    403    403    403
/institutions/mandates/<int:pk>/                                GET    login  ok     ok     ok     ok     ok     ok     ok
/institutions/mandates/<int:pk>/confirmation/                   POST   login  ok     403    403    403    403    403    403
/institutions/mandates/<int:pk>/drop/                           POST   login  ok     403    403    403    403    403    403
/institutions/mandates/<int:pk>/status/                         POST   login  ok     403    403    403    403    403    403
/institutions/mandates/<int:pk>/documents/                      POST   login  ok     403    403    403    403    403    403
/institutions/mandates/<int:pk>/documents/remove/               POST   login  ok     403    403    403    403    403    403
""")

API = read_table("""
route                                                                   method anon   secr   chair  ru     in     tm     transl reviser
# Outside the schema: the schema, its docs, and the JSON 404 of every other path.
/api/openapi.json                                                       GET    ok     ok     ok     ok     ok     ok     ok     ok
/api/docs                                                               GET    ok     ok     ok     ok     ok     ok     ok     ok
/api/                                                                   GET    404    404    404    404    404    404    404    404
/api/{unknown}                                                          GET    404    404    404    404    404    404    404    404
# Documents.
/api/documents                                                          GET    401    ok     ok     ok     ok     ok     ok     ok
/api/documents/{document_id}                                            GET    401    ok     ok     ok     ok     ok     ok     ok
/api/documents/{document_id}/revisions                                  GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions                                                          GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}                                            GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/versions/{lang}                            GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/versions/{lang}/export/{fmt}               GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/versions/{lang}/redline/{fmt}              GET    401    ok     ok     ok     ok     ok     ok     ok
/api/imports                                                            POST   401    ok     403    403    403    403    403    403
/api/revisions/{revision_id}/concordance                                GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/concordance/accepted                       POST   401    ok     403    403    403    403    ok     ok
# The registry.
/api/states                                                             GET    401    ok     ok     ok     ok     ok     ok     ok
/api/chairmanship                                                       GET    401    ok     ok     ok     ok     ok     ok     ok
/api/accessions                                                         GET    401    ok     ok     ok     ok     ok     ok     ok
/api/bodies                                                             GET    401    ok     ok     ok     ok     ok     ok     ok
# The negotiation.
/api/documents/{document_id}/negotiation                                GET    401    ok     ok     ok     ok     ok     ok     ok
/api/documents/{document_id}/negotiation                                PUT    401    ok     ok     403    403    403    403    403
/api/revisions/{revision_id}/round                                      GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/round                                      PUT    401    ok     ok     403    403    403    403    403
/api/revisions/{revision_id}/amendments                                 GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/amendments                                 POST   401    403    ok     ok     ok     403    403    403
/api/revisions/{revision_id}/amendments/{number}                        GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/amendments/{number}/withdraw               POST   401    403    403    ok     403    403    403    403      # Russia's
/api/revisions/{revision_id}/amendments/{number}/cosponsor              POST   401    403    ok     ok     ok     403    403    403
/api/revisions/{revision_id}/amendments/{number}/support                POST   401    403    ok     ok     ok     403    403    403
/api/revisions/{revision_id}/amendments/{number}/decision               POST   401    403    ok     403    403    403    403    403
/api/revisions/{revision_id}/compilation                                GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/dashboard                                  GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/provisions/{provision_id}/status           PUT    401    403    ok     403    403    403    403    403
/api/revisions/{revision_id}/provisions/{provision_id}/options          PUT    401    403    ok     403    403    403    403    403
/api/revisions/{revision_id}/next                                       POST   401    403    ok     403    403    403    403    403
/api/revisions/{revision_id}/translations                               GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/versions/{lang}/provisions/{provision_id}  PUT    401    403    403    403    403    403    ok     403
/api/revisions/{revision_id}/silence                                    GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/silence                                    POST   401    ok     403    403    403    403    403    403
/api/silence/{procedure_id}                                             GET    401    ok     ok     ok     ok     ok     ok     ok
/api/silence/{procedure_id}/break                                       POST   401    403    ok     ok     ok     403    403    403
/api/revisions/{revision_id}/adoption                                   GET    401    ok     ok     ok     ok     ok     ok     ok
/api/revisions/{revision_id}/adoption                                   POST   401    ok     ok     403    403    403    403    403
/api/audit/verify                                                       GET    401    ok     ok     403    403    403    403    403
# Meetings.
/api/meetings                                                           GET    401    ok     ok     ok     ok     ok     ok     ok
/api/meetings                                                           POST   401    ok     403    403    403    403    403    403
/api/meetings/{meeting_id}                                              GET    401    ok     ok     ok     ok     ok     ok     ok
/api/meetings/{meeting_id}/agenda                                       POST   401    ok     403    403    403    403    403    403
# Notes verbales: a note exists for the secretariat and its addressees (the Member States of 26 August 2021).
/api/notes                                                              GET    401    ok     ok     ok     ok     ok     ok     ok
/api/notes                                                              POST   401    ok     403    403    403    403    403    403
/api/notes/{note_id}                                                    GET    401    ok     404    ok     ok     404    404    404
/api/inbox                                                              GET    401    403    403    ok     ok     ok     403    403
/api/inbox/{delivery_id}/acknowledge                                    POST   401    403    403    ok     404    404    403    403
# Translation.
/api/versions/{version_id}/workspace                                    GET    401    ok     403    403    403    403    ok     ok
/api/versions/{version_id}/xliff                                        GET    401    ok     403    403    403    403    ok     ok
/api/versions/{version_id}/xliff                                        POST   401    403    403    403    403    403    ok     403
/api/terms.tbx                                                          GET    401    ok     403    403    403    403    ok     ok
/api/versions/{version_id}/approval                                     POST   401    ok     403    403    403    403    403    ok
/api/versions/{version_id}/issue                                        POST   401    ok     403    403    403    403    403    403
/api/revisions/{revision_id}/languages                                  POST   401    ok     403    403    403    403    403    403
# Institutions.
/api/catalogue                                                          GET    401    ok     ok     ok     ok     ok     ok     ok
/api/plans/{year}                                                       GET    401    ok     ok     ok     ok     ok     ok     ok
/api/plans/{year}/events                                                POST   401    ok     403    403    403    403    403    403
/api/plans/{year}/events/{event_id}/status                              POST   401    ok     403    403    403    403    403    403
/api/plans/{year}/dashboard                                             GET    401    ok     ok     ok     ok     ok     ok     ok
/api/instruments                                                        GET    401    ok     ok     ok     ok     ok     ok     ok
/api/instruments/{instrument_id}/status                                 GET    401    ok     ok     ok     ok     ok     ok     ok
/api/instruments/{instrument_id}/not-ratified                           GET    401    ok     ok     ok     ok     ok     ok     ok
/api/instruments/{instrument_id}/actions                                POST   401    ok     403    403    403    403    403    403
/api/mandates                                                           GET    401    ok     ok     ok     ok     ok     ok     ok
/api/mandates/proposals                                                 POST   401    ok     403    403    403    403    403    403
/api/mandates/{mandate_id}/confirmation                                 POST   401    ok     403    403    403    403    403    403
/api/mandates/{mandate_id}/status                                       POST   401    ok     403    403    403    403    403    403
""")


OUTSIDE_THE_SCHEMA = {"/api/openapi.json", "/api/docs", "/api/", "/api/{unknown}"}


# What each request sends -------------------------------------------------------------------------------------------


@dataclass
class Spec:
    """How to call a row: the values of the route's parameters, the query, the payload (a form on the web, JSON for
    the API) and the files; each a function of the :class:`World`, called afresh for every request."""

    args: Callable[[World], dict] = lambda w: {}
    data: Callable[[World], dict] | None = None
    files: Callable[[World], dict] | None = None
    query: Callable[[World], dict] | None = None


def today() -> str:
    return timezone.localdate().isoformat()


def local_moment(days: int) -> str:
    """A moment ``days`` ahead as the negotiation's forms take it (local time in the forum's time zone)."""
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


NEW_DECLARATION = statement("SWG/2023/DRAFT/1")
ANY_ID = {"content_type_id": 1, "object_id": 1}

WEB_SPECS: dict[tuple[str, str], Spec] = {
    ("POST", "/login/"): Spec(data=lambda w: {"username": "officer", "password": "not the password"}),
    ("POST", "/i18n/setlang/"): Spec(data=lambda w: {"language": "ru", "next": "/"}),
    ("GET", "/admin/r/<path:content_type_id>/<path:object_id>/"): Spec(lambda w: ANY_ID),
    ("GET", "/admin/auth/group/<path:object_id>/history/"): Spec(lambda w: ANY_ID),
    ("GET", "/admin/auth/group/<path:object_id>/delete/"): Spec(lambda w: ANY_ID),
    ("GET", "/admin/auth/group/<path:object_id>/change/"): Spec(lambda w: ANY_ID),
    ("GET", "/admin/auth/group/<path:object_id>/"): Spec(lambda w: ANY_ID),
    ("GET", "/documents/<int:pk>/"): Spec(lambda w: {"pk": w.draft.document_id}),
    ("GET", "/revisions/<int:pk>/"): Spec(lambda w: {"pk": w.draft.pk}),
    ("GET", "/revisions/<int:pk>/concordance/"): Spec(lambda w: {"pk": w.draft.pk}),
    ("POST", "/revisions/<int:pk>/concordance/accepted/"): Spec(
        lambda w: {"pk": w.draft.pk},
        lambda w: {"pair": "en:ru", "fingerprint": w.finding, "reason": "Accepted by the language services."}),
    ("GET", "/revisions/<int:pk>/<slug:language>.redline.<slug:fmt>"): Spec(
        lambda w: {"pk": w.open.pk, "language": "en", "fmt": "html"}),
    ("GET", "/revisions/<int:pk>/<slug:language>.<slug:fmt>"): Spec(
        lambda w: {"pk": w.draft.pk, "language": "en", "fmt": "html"}),
    ("POST", "/upload/"): Spec(data=lambda w: {"distribution": "participants"},
                              files=lambda w: {"file": upload("statement.md", NEW_DECLARATION)}),
    ("GET", "/revisions/<int:pk>/compilation/"): Spec(lambda w: {"pk": w.draft.pk}),
    ("POST", "/revisions/<int:pk>/compilation/rules/"): Spec(
        lambda w: {"pk": w.draft.pk},
        lambda w: {"observers_may_table": "on", "settings_version": 1, "tabling_deadline": "",
                   "round_version": w.round_version}),
    ("POST", "/revisions/<int:pk>/compilation/next/"): Spec(lambda w: {"pk": w.open.pk}),
    ("POST", "/revisions/<int:pk>/amendments/"): Spec(
        lambda w: {"pk": w.draft.pk},
        lambda w: {"provision": OP27, "kind": "insert", "old_text": "", "text": "A new paragraph on cooperation."}),
    ("POST", "/revisions/<int:pk>/amendments/<int:number>/cosponsor/"): Spec(
        lambda w: {"pk": w.draft.pk, "number": w.cn_amendment.number}),
    ("POST", "/revisions/<int:pk>/amendments/<int:number>/support/"): Spec(
        lambda w: {"pk": w.draft.pk, "number": w.cn_amendment.number}),
    ("POST", "/revisions/<int:pk>/amendments/<int:number>/withdraw/"): Spec(
        lambda w: {"pk": w.draft.pk, "number": w.ru_amendment.number},
        lambda w: {"version": w.ru_amendment.version}),
    ("GET", "/revisions/<int:pk>/amendments/<int:number>/decision/"): Spec(
        lambda w: {"pk": w.draft.pk, "number": w.ru_amendment.number}),
    ("POST", "/revisions/<int:pk>/amendments/<int:number>/decision/"): Spec(
        lambda w: {"pk": w.draft.pk, "number": w.ru_amendment.number},
        lambda w: {"outcome": "not_accepted", "reason": "No consensus.", "text": "", "version": w.ru_amendment.version}),
    ("POST", "/revisions/<int:pk>/provisions/<str:provision_id>/status/"): Spec(
        lambda w: {"pk": w.draft.pk, "provision_id": OP27}, lambda w: {"status": "bracketed", "version": 1}),
    ("POST", "/revisions/<int:pk>/provisions/<str:provision_id>/options/"): Spec(
        lambda w: {"pk": w.draft.pk, "provision_id": OP27},
        lambda w: {"amendments": f"{w.ru_amendment.number}, {w.cn_amendment.number}", "version": 1}),
    ("GET", "/revisions/<int:pk>/dashboard/"): Spec(lambda w: {"pk": w.draft.pk}),
    ("GET", "/revisions/<int:pk>/adoption/"): Spec(lambda w: {"pk": w.draft.pk}),
    ("POST", "/revisions/<int:pk>/adoption/silence/"): Spec(
        lambda w: {"pk": w.draft.pk}, lambda w: {"deadline": local_moment(days=10)}),
    ("POST", "/revisions/<int:pk>/adoption/silence/<int:procedure_id>/break/"): Spec(
        lambda w: {"pk": w.silent.pk, "procedure_id": w.procedure.pk}, lambda w: {"reason": "We need more time."}),
    ("POST", "/revisions/<int:pk>/adoption/meeting/"): Spec(
        lambda w: {"pk": w.draft.pk}, lambda w: {"meeting": "Sixth Meeting of Ministers", "date": today()}),
    ("POST", "/meetings/schedule/"): Spec(data=lambda w: {
        "body": "SWG", "start": "2027-03-01", "end": "2027-03-02", "chair": "",
        "venue_en": "Almaty", "venue_ru": "Алматы", "venue_kk": "Алматы"}),
    ("GET", "/meetings/<int:pk>/"): Spec(lambda w: {"pk": w.meeting.pk}),
    ("POST", "/meetings/<int:pk>/agenda/"): Spec(
        lambda w: {"pk": w.meeting.pk}, lambda w: {"title_en": "Any other business", "revision": ""}),
    ("GET", "/meetings/<int:pk>.ics"): Spec(lambda w: {"pk": w.meeting.pk}),
    ("POST", "/notes/new/"): Spec(data=lambda w: {
        "purpose": "invitation", "meeting": w.meeting.pk, "date": today(), "index": numbering()["index"],
        "languages": ["en"]}),
    ("GET", "/notes/<int:pk>/"): Spec(lambda w: {"pk": w.note.pk}),
    ("POST", "/inbox/<int:pk>/acknowledge/"): Spec(lambda w: {"pk": w.ru_delivery.pk}),
    ("POST", "/translation/languages/"): Spec(data=lambda w: {"revision": w.open.pk, "language": "ru"}),
    ("GET", "/translation/versions/<int:pk>/"): Spec(lambda w: {"pk": w.kk_draft.pk}),
    ("POST", "/translation/versions/<int:pk>/save/"): Spec(
        lambda w: {"pk": w.kk_draft.pk},
        lambda w: {"provision": OP1, "expected": w.kk_text, "text": "OP1 жаңа аудармасы."}),
    ("GET", "/translation/versions/<int:pk>/xliff/<str:fmt>/"): Spec(lambda w: {"pk": w.kk_draft.pk, "fmt": "xliff2"},
                                                                    query=lambda w: {"all": "1"}),
    ("POST", "/translation/versions/<int:pk>/import/"): Spec(
        lambda w: {"pk": w.kk_draft.pk}, files=lambda w: {"file": upload("kk.xlf", w.xliff)}),
    ("POST", "/translation/versions/<int:pk>/approve/"): Spec(lambda w: {"pk": w.kk_draft.pk}),
    ("POST", "/translation/versions/<int:pk>/issue/"): Spec(lambda w: {"pk": w.approved.pk}),
    ("POST", "/institutions/plans/"): Spec(data=lambda w: {"year": 2030}),
    ("GET", "/institutions/plans/<int:year>/"): Spec(lambda w: {"year": w.plan.year}),
    ("POST", "/institutions/plans/<int:year>/events/"): Spec(lambda w: {"year": w.plan.year}, lambda w: {
        "area": w.area, "kind": "seminar", "organizer": "KZ", "start": "2022-09-01", "end": "",
        "title_en": "Seminar on energy security", "venue_en": "Astana"}),
    ("POST", "/institutions/plans/<int:year>/events/status/"): Spec(lambda w: {"year": w.plan.year}, lambda w: {
        "event": w.event.pk, "status": "postponed", "report": "", "report_note": ""}),
    ("POST", "/institutions/plans/<int:year>/approval/"): Spec(lambda w: {"year": w.plan.year}, lambda w: {
        "approved_on": "2022-01-20", "decision": "", "reference": "SOC decision of 20 January 2022"}),
    ("GET", "/institutions/plans/<int:year>/dashboard/"): Spec(lambda w: {"year": w.plan.year}),
    ("GET", "/institutions/plans/<int:year>/plan.docx"): Spec(lambda w: {"year": 2021}),
    ("GET", "/institutions/plans/<int:year>/plan.xlsx"): Spec(lambda w: {"year": 2021}),
    ("GET", "/institutions/treaties/<int:pk>/"): Spec(lambda w: {"pk": w.instrument.pk}),
    ("POST", "/institutions/treaties/<int:pk>/actions/"): Spec(lambda w: {"pk": w.instrument.pk}, lambda w: {
        "state": w.signatory.code, "kind": "signature", "date": today(), "note": ""}),
    ("POST", "/institutions/mandates/proposals/"): Spec(data=lambda w: {"revision": w.draft.pk}),
    ("GET", "/institutions/mandates/<int:pk>/"): Spec(lambda w: {"pk": w.proposed.pk}),
    ("POST", "/institutions/mandates/<int:pk>/confirmation/"): Spec(lambda w: {"pk": w.proposed.pk}, lambda w: {
        "responsible": "secretariat", "task": "Prepare the report.", "due_meeting": "", "due_date": ""}),
    ("POST", "/institutions/mandates/<int:pk>/drop/"): Spec(lambda w: {"pk": w.proposed.pk}),
    ("POST", "/institutions/mandates/<int:pk>/status/"): Spec(lambda w: {"pk": w.confirmed.pk},
                                                             lambda w: {"status": "in_progress"}),
    ("POST", "/institutions/mandates/<int:pk>/documents/"): Spec(lambda w: {"pk": w.confirmed.pk},
                                                                lambda w: {"revision": w.open.pk}),
    ("POST", "/institutions/mandates/<int:pk>/documents/remove/"): Spec(lambda w: {"pk": w.confirmed.pk},
                                                                       lambda w: {"revision": w.linked.pk}),
}
# The admin's URLs with regular expressions: a URL that each matches.
WEB_URLS = {
    ("GET", "/admin/^(?P<app_label>auth)/$"): "/admin/auth/",
    ("GET", "/admin/(?P<url>.*)$"): "/admin/no-such-page/",
}


def api_values(w: World) -> dict:
    """The API's path parameters, by name: the same objects as the web's."""
    return {
        "document_id": w.draft.document_id, "revision_id": w.draft.pk, "number": w.ru_amendment.number,
        "lang": "en", "fmt": "html", "provision_id": OP27, "procedure_id": w.procedure.pk,
        "meeting_id": w.meeting.pk, "note_id": w.note.pk, "delivery_id": w.ru_delivery.pk,
        "version_id": w.kk_draft.pk, "year": w.plan.year, "event_id": w.event.pk,
        "instrument_id": w.instrument.pk, "mandate_id": w.proposed.pk, "unknown": "no/such/endpoint",
    }


def aware(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).isoformat()


API_SPECS: dict[tuple[str, str], Spec] = {
    ("GET", "/api/revisions/{revision_id}/versions/{lang}/redline/{fmt}"): Spec(
        lambda w: {"revision_id": w.open.pk}, query=lambda w: {"against": w.open_first.pk}),
    ("POST", "/api/imports"): Spec(data=lambda w: {"distribution": "participants"},
                                   files=lambda w: {"file": upload("statement.md", NEW_DECLARATION)}),
    ("POST", "/api/revisions/{revision_id}/concordance/accepted"): Spec(
        data=lambda w: {"pair": "en:ru", "fingerprint": w.finding, "reason": "Accepted by the language services."}),
    ("PUT", "/api/documents/{document_id}/negotiation"): Spec(
        data=lambda w: {"observers_may_table": True, "version": 1}),
    ("PUT", "/api/revisions/{revision_id}/round"): Spec(
        data=lambda w: {"tabling_deadline": aware(days=5), "version": w.round_version}),
    ("POST", "/api/revisions/{revision_id}/amendments"): Spec(
        data=lambda w: {"kind": "insert", "provision": OP27, "text": "A new paragraph on cooperation."}),
    ("POST", "/api/revisions/{revision_id}/amendments/{number}/withdraw"): Spec(
        data=lambda w: {"version": w.ru_amendment.version}),
    ("POST", "/api/revisions/{revision_id}/amendments/{number}/cosponsor"): Spec(
        lambda w: {"number": w.cn_amendment.number}),
    ("POST", "/api/revisions/{revision_id}/amendments/{number}/support"): Spec(
        lambda w: {"number": w.cn_amendment.number}),
    ("POST", "/api/revisions/{revision_id}/amendments/{number}/decision"): Spec(
        data=lambda w: {"outcome": "not_accepted", "reason": "No consensus.", "version": w.ru_amendment.version}),
    ("PUT", "/api/revisions/{revision_id}/provisions/{provision_id}/status"): Spec(
        data=lambda w: {"status": "bracketed", "version": 1}),
    ("PUT", "/api/revisions/{revision_id}/provisions/{provision_id}/options"): Spec(
        data=lambda w: {"amendments": [w.ru_amendment.number, w.cn_amendment.number], "version": 1}),
    ("POST", "/api/revisions/{revision_id}/next"): Spec(lambda w: {"revision_id": w.open.pk}),
    ("PUT", "/api/revisions/{revision_id}/versions/{lang}/provisions/{provision_id}"): Spec(
        lambda w: {"revision_id": w.open.pk, "lang": "kk", "provision_id": OP1},
        lambda w: {"text": "OP1 жаңа аудармасы.", "expected": w.kk_text}),
    ("POST", "/api/revisions/{revision_id}/silence"): Spec(data=lambda w: {"deadline": aware(days=10)}),
    ("POST", "/api/silence/{procedure_id}/break"): Spec(data=lambda w: {"reason": "We need more time."}),
    ("POST", "/api/revisions/{revision_id}/adoption"): Spec(
        data=lambda w: {"meeting": "Sixth Meeting of Ministers", "date": today()}),
    ("POST", "/api/meetings"): Spec(data=lambda w: {
        "body": "SWG", "start": "2027-03-01", "end": "2027-03-02", "venue": {"en": "Almaty", "ru": "Алматы"}}),
    ("POST", "/api/meetings/{meeting_id}/agenda"): Spec(data=lambda w: {"titles": {"en": "Any other business"}}),
    ("POST", "/api/notes"): Spec(data=lambda w: {"purpose": "invitation", "meeting": w.meeting.pk,
                                                 "languages": ["en"]}),
    ("GET", "/api/versions/{version_id}/xliff"): Spec(query=lambda w: {"all": "true"}),
    ("POST", "/api/versions/{version_id}/xliff"): Spec(files=lambda w: {"file": upload("kk.xlf", w.xliff)}),
    ("POST", "/api/versions/{version_id}/issue"): Spec(lambda w: {"version_id": w.approved.pk}),
    ("POST", "/api/revisions/{revision_id}/languages"): Spec(lambda w: {"revision_id": w.open.pk},
                                                             lambda w: {"language": "ru"}),
    ("POST", "/api/plans/{year}/events"): Spec(data=lambda w: {
        "area": w.area, "kind": "seminar", "titles": {"en": "Seminar on energy security"}, "organizer": "KZ",
        "start": "2022-09-01"}),
    ("POST", "/api/plans/{year}/events/{event_id}/status"): Spec(data=lambda w: {"status": "postponed"}),
    ("POST", "/api/instruments/{instrument_id}/actions"): Spec(data=lambda w: {
        "state": w.signatory.code, "kind": "signature", "date": today()}),
    ("POST", "/api/mandates/proposals"): Spec(data=lambda w: {"revision_id": w.draft.pk}),
    ("POST", "/api/mandates/{mandate_id}/confirmation"): Spec(data=lambda w: {
        "actor": "secretariat", "task": "Prepare the report."}),
    ("POST", "/api/mandates/{mandate_id}/status"): Spec(lambda w: {"mandate_id": w.confirmed.pk},
                                                        lambda w: {"status": "in_progress"}),
}


# Calling a row -----------------------------------------------------------------------------------------------------


def url_of(row, w: World) -> str:
    if row.key in WEB_URLS:
        return WEB_URLS[row.key]
    if row.route.startswith("/api/"):
        spec = API_SPECS.get(row.key, Spec())
        return fill(row.route, {**api_values(w), **spec.args(w)})
    return fill(row.route, WEB_SPECS.get(row.key, Spec()).args(w))


def request(row, w: World, username: str):
    """``username``'s request for ``row`` in the world ``w``: its answer."""
    api_row = row.route.startswith("/api/")
    spec = (API_SPECS if api_row else WEB_SPECS).get(row.key, Spec())
    kwargs = {
        "data": spec.data(w) if spec.data else None,
        "files": spec.files(w) if spec.files else None,
        "query": spec.query(w) if spec.query else None,
    }
    if api_row:
        return send(w.callers.web(ANONYMOUS), row.method, url_of(row, w), json_body=True,
                    headers=w.callers.api_headers(username), **kwargs)
    return send(w.callers.web(username), row.method, url_of(row, w), **kwargs)


def answers(row, w: World, usernames) -> tuple[dict[str, str], list[str]]:
    """Each user's class of answer to ``row``, each request in a savepoint rolled back; and the requests that were
    refused yet changed the database."""
    results, wrote = {}, []
    for username in usernames:
        with transaction.atomic():
            response = request(row, w, username)
            results[username] = outcome(response)
            if results[username] != OK and db_state() != w.baseline:
                wrote.append(f"{username}: refused with {results[username]}, yet the database changed")
            transaction.set_rollback(True)
    return results, wrote


@pytest.fixture(scope="module")
def world(loaded_demo, django_db_blocker) -> World:
    with django_db_blocker.unblock():
        return build()


ROWS = {**WEB, **API}


# The matrix is complete --------------------------------------------------------------------------------------------


def resolved_routes(resolver=None, prefix: str = "") -> list[str]:
    """Every route Django resolves, as ``/revisions/<int:pk>/``."""
    routes = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            routes += resolved_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append("/" + prefix + str(pattern.pattern))
    return routes


def test_every_web_view_is_in_the_matrix():
    routes = {route for route in resolved_routes() if not route.startswith("/api/")}
    classified = {row.route for row in WEB.values()}
    assert not sorted(routes - classified), "\n".join(f"unclassified endpoint {route}" for route in
                                                      sorted(routes - classified))
    assert not sorted(classified - routes), "\n".join(f"no such endpoint {route}" for route in
                                                      sorted(classified - routes))


def test_every_api_operation_is_in_the_matrix(world, demo):
    schema = world.callers.web(ANONYMOUS).get("/api/openapi.json").json()
    operations = {(method.upper(), path) for path, methods in schema["paths"].items() for method in methods}
    # The API's URLs outside the schema (the schema itself, its docs, the JSON 404 of any other path): GET rows.
    paths = {PARAMETER.sub(lambda m: "{%s}" % (m.group(1) or m.group(2)), route) for route in resolved_routes()
             if route.startswith("/api/")}
    endpoints = operations | {("GET", path) for path in paths - {path for _method, path in operations}}
    classified = set(API)
    assert not sorted(endpoints - classified), "\n".join(f"unclassified endpoint {method} {path}"
                                                         for method, path in sorted(endpoints - classified))
    assert not sorted(classified - endpoints), "\n".join(f"no such endpoint {method} {path}"
                                                         for method, path in sorted(classified - endpoints))


def test_every_row_with_parameters_has_a_way_to_fill_them(world, demo):
    for row in ROWS.values():
        url_of(row, world)  # raises, naming the route, when a parameter has no value


def test_the_demo_users_have_the_roles_of_the_columns(demo):
    users = User.objects.filter(username__in=USER_ROLES)
    assert {user.username: user.role for user in users} == USER_ROLES
    # What the columns stand for today: the chair acts for a Member State, Russia and India are Member States,
    # Turkmenistan an Observer.
    today = timezone.localdate()
    standing = {user.username: user.acting_state(today).membership_on(today).status
                for user in users if user.acting_state(today) is not None}
    assert standing == {"chair": Membership.MEMBER, "delegate-ru": Membership.MEMBER,
                        "delegate-in": Membership.MEMBER, "observer-tm": Membership.OBSERVER}


# The matrix holds --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS.values(), ids=str)
def test_each_role_gets_what_the_matrix_says(world, demo, row):
    results, wrote = answers(row, world, row.expected)
    assert results == row.expected and not wrote, f"{row}\n{table_of(results, row.expected)}\n" + "\n".join(wrote)


def test_a_method_the_matrix_does_not_list_is_refused_or_writes_nothing(world, demo):
    """Django does not say which methods a view serves, so the tables list them; any other method gets 405 from the
    API's operations, and elsewhere either 405 or the page as for GET (a view without a method decorator, the
    schema and its docs), writing nothing."""
    problems = []
    for route in dict.fromkeys(row.route for row in ROWS.values()):
        listed = [row for row in ROWS.values() if row.route == route]
        api_route = route.startswith("/api/")
        url = url_of(listed[0], world)
        for method in sorted(({"GET", "POST", "PUT", "PATCH", "DELETE"} if api_route else {"GET", "POST"})
                             - {row.method for row in listed}):
            with transaction.atomic():  # as the secretariat, which may do the most
                client = world.callers.web(ANONYMOUS if api_route else "officer")
                headers = world.callers.api_headers("officer") if api_route else {}
                status = send(client, method, url, json_body=api_route, headers=headers).status_code
                strict = api_route and route not in OUTSIDE_THE_SCHEMA
                if status >= 500 or (strict and status not in (404, 405)) or db_state() != world.baseline:
                    problems.append(f"{method} {route}: {status}")
                transaction.set_rollback(True)
    assert not problems, "\n".join(problems)


def touches_a_document(row, w: World) -> bool:
    try:
        return url_of(row, w) != url_of(row, w.hidden())
    except KeyError:
        return False


HIDDEN_ROWS = [row for row in ROWS.values()
               if any(name in parameters(row.route) for name in ("pk", "revision_id", "document_id"))
               and not row.route.startswith(("/admin/", "/meetings/", "/notes/", "/inbox/", "/translation/",
                                             "/institutions/", "/api/versions/", "/api/meetings", "/api/notes",
                                             "/api/inbox", "/api/plans", "/api/instruments", "/api/mandates"))]
# What Russia reads of the members-only text as of the participants' one: the pages of a revision with nothing but
# the revision in their route.
READ_BY_MEMBERS = {"pk", "revision_id", "document_id", "lang", "language", "fmt"}


@pytest.mark.parametrize("row", HIDDEN_ROWS, ids=str)
def test_a_document_the_observer_may_not_read_does_not_exist_for_it(world, demo, row):
    """The same requests on MM/2022/DRAFT/2, for Member States only: the Observer gets 404 on every one (and writes
    nothing), while Russia reads it as it reads the text for participants."""
    hidden = world.hidden()
    assert touches_a_document(row, world), f"{row} does not act on a document"
    usernames = ["observer-tm"]
    if row.method == "GET" and set(parameters(row.route)) <= READ_BY_MEMBERS and row.expected["delegate-ru"] == OK:
        usernames.append("delegate-ru")
    results, wrote = answers(row, hidden, usernames)
    expected = {"observer-tm": "404", "delegate-ru": OK}
    assert results == {name: expected[name] for name in usernames} and not wrote, (
        f"{row} on {hidden.draft.symbol}\n{table_of(results, expected)}\n" + "\n".join(wrote))


# The matrix says what the rules of the forum say -------------------------------------------------------------------
# Read on the tables themselves, so that a row changed to fit a regression still fails here.


def rows_where(*fragments: str, methods=("POST", "PUT", "PATCH", "DELETE")) -> list:
    return [row for row in ROWS.values() if row.method in methods and any(f in row.route for f in fragments)]


def allowed(row) -> set[str]:
    return {username for username, cell in row.expected.items() if cell == OK}


def test_no_delegation_withdraws_or_acknowledges_for_another():
    owned = rows_where("/withdraw", "/acknowledge")
    assert len(owned) == 4
    for row in owned:
        assert allowed(row) == {"delegate-ru"}, f"{row}: only Russia acts on Russia's amendment or receipt"
        assert row.expected["delegate-in"] in ("403", "404"), row


def test_an_observer_never_tables_joins_or_breaks_silence():
    rows = [row for row in rows_where("/amendments", "/break")
            if not row.route.endswith(("/withdraw", "/decision", "/withdraw/", "/decision/"))]
    assert len(rows) == 8
    for row in rows:
        assert row.expected["observer-tm"] == "403", row
        assert {"delegate-ru", "delegate-in"} <= allowed(row), row


def test_translators_and_revisers_never_negotiate():
    rows = [row for row in rows_where("/amendments", "/compilation/", "/provisions/", "/adoption", "/silence",
                                      "/next", "/negotiation", "/round")
            if "/versions/" not in row.route]
    assert len(rows) == 25
    for row in rows:
        assert not allowed(row) & {"translator", "reviser"}, row


def test_only_the_secretariat_issues_notes_imports_schedules_and_keeps_the_institutions():
    rows = rows_where("/notes", "/upload/", "/imports", "/meetings", "/institutions/", "/plans/", "/instruments/",
                      "/mandates", "/languages", "/issue")
    assert len(rows) == 29
    for row in rows:
        assert allowed(row) == {"officer"}, row


def test_only_the_chair_decides_marks_and_issues_the_next_revision():
    rows = rows_where("/decision", "/provisions/", "/next") + [ROWS["GET", "/revisions/<int:pk>/amendments/"
                                                                            "<int:number>/decision/"]]
    rows = [row for row in rows if "/versions/" not in row.route]
    assert len(rows) == 9
    for row in rows:
        assert allowed(row) == {"chair"}, row


def test_only_the_translator_writes_a_translation():
    rows = rows_where("/save/", "/import/") + [ROWS["POST", "/api/versions/{version_id}/xliff"],
                                               ROWS["PUT", "/api/revisions/{revision_id}/versions/{lang}/provisions/"
                                                           "{provision_id}"]]
    for row in rows:
        assert allowed(row) == {"translator"}, row


def test_nothing_but_signing_in_the_schema_and_the_calendars_token_is_open_to_an_anonymous_visitor():
    open_rows = {str(row) for row in ROWS.values() if row.expected[ANONYMOUS] not in REFUSED}
    assert open_rows == {"GET /login/", "POST /login/", "POST /i18n/setlang/", "GET /admin/login/",
                         "GET /api/openapi.json", "GET /api/docs"}


# No request speaks for another delegation than the user's -----------------------------------------------------------


def test_a_delegate_cannot_table_in_the_name_of_another_delegation(world, demo):
    """Whatever the request says, an amendment is tabled for the delegation of the user who tables it."""
    web = world.callers.web("delegate-ru")
    response = web.post(f"/revisions/{world.draft.pk}/amendments/", {
        "provision": OP27, "kind": "insert", "text": "Tabled by Russia.", "delegation": "IN", "delegation_id":
            world.in_amendment.delegation_id})
    assert outcome(response) == OK
    headers = world.callers.api_headers("delegate-ru")
    response = send(web, "POST", f"/api/revisions/{world.draft.pk}/amendments", json_body=True, headers=headers,
                    data={"kind": "insert", "provision": OP27, "text": "Also by Russia.", "delegation": "IN"})
    assert response.status_code == 201 and response.json()["delegation"] == "RU"
    tabled = Amendment.objects.filter(revision=world.draft, text__in=["Tabled by Russia.", "Also by Russia."])
    assert sorted(tabled.values_list("delegation__state__code", flat=True)) == ["RU", "RU"]


@pytest.mark.parametrize("kind", [Backing.COSPONSOR, Backing.SUPPORT])
def test_a_delegate_joins_an_amendment_only_for_its_own_delegation(world, demo, kind):
    number = world.cn_amendment.number
    web = world.callers.web("delegate-ru")
    response = web.post(f"/revisions/{world.draft.pk}/amendments/{number}/{kind}/?delegation=IN",
                        {"delegation": "IN"})
    assert outcome(response) == OK
    response = send(world.callers.web(ANONYMOUS), "POST",
                    f"/api/revisions/{world.draft.pk}/amendments/{number}/{kind}?delegation=RU", json_body=True,
                    data={"delegation": "RU"}, headers=world.callers.api_headers("delegate-in"))
    assert response.status_code == 200
    backings = Backing.objects.filter(amendment=world.cn_amendment)
    assert sorted(backings.values_list("delegation__state__code", "kind")) == [("IN", kind), ("RU", kind)]


def test_a_delegate_cannot_withdraw_another_delegations_amendment(world, demo):
    """Russia cannot withdraw India's amendment, on the web or through the API; India's still stands."""
    amendment = world.in_amendment
    web = world.callers.web("delegate-ru")
    assert web.post(f"/revisions/{world.draft.pk}/amendments/{amendment.number}/withdraw/",
                    {"version": amendment.version}).status_code == 403
    response = send(web, "POST", f"/api/revisions/{world.draft.pk}/amendments/{amendment.number}/withdraw",
                    json_body=True, data={"version": amendment.version},
                    headers=world.callers.api_headers("delegate-ru"))
    assert response.status_code == 403 and "India" in response.json()["detail"]
    amendment.refresh_from_db()
    assert amendment.status == Amendment.TABLED
    assert db_state() == world.baseline


def test_a_delegate_acknowledges_only_its_own_delegations_receipt(world, demo):
    india = world.note.deliveries.get(delegation__state__code="IN")
    web = world.callers.web("delegate-ru")
    assert web.post(f"/inbox/{india.pk}/acknowledge/").status_code == 404
    response = send(web, "POST", f"/api/inbox/{india.pk}/acknowledge", json_body=True, data={"delegation": "IN"},
                    headers=world.callers.api_headers("delegate-ru"))
    assert response.status_code == 404
    assert db_state() == world.baseline

    assert outcome(web.post(f"/inbox/{world.ru_delivery.pk}/acknowledge/", {"delegation": "IN"})) == OK
    world.ru_delivery.refresh_from_db()
    india.refresh_from_db()
    assert world.ru_delivery.acknowledged_by.username == "delegate-ru"
    assert india.acknowledged_at is None


def test_silence_is_broken_in_the_name_of_the_users_delegation_only(world, demo):
    response = send(world.callers.web(ANONYMOUS), "POST", f"/api/silence/{world.procedure.pk}/break", json_body=True,
                    data={"reason": "We object.", "delegation": "IN"}, headers=world.callers.api_headers("delegate-ru"))
    assert response.status_code == 200 and response.json()["broken_by"] == "RU"
    assert SilenceBreak.objects.get(procedure=world.procedure).delegation.state.code == "RU"


def test_an_observer_never_breaks_silence_even_where_it_may_table(world, demo):
    """Observers table where the document allows it; breaking silence is for Member States whatever the rules."""
    officer = world.callers.api_headers("officer")
    anonymous = world.callers.web(ANONYMOUS)
    for revision in (world.draft, world.silent):
        response = send(anonymous, "PUT", f"/api/documents/{revision.document_id}/negotiation", json_body=True,
                        data={"observers_may_table": True, "version": 1}, headers=officer)
        assert response.status_code == 200
    observer = world.callers.api_headers("observer-tm")
    response = send(anonymous, "POST", f"/api/revisions/{world.draft.pk}/amendments", json_body=True,
                    headers=observer, data={"kind": "insert", "provision": OP27, "text": "Turkmenistan's text."})
    assert response.status_code == 201 and response.json()["delegation"] == "TM"

    response = send(anonymous, "POST", f"/api/silence/{world.procedure.pk}/break", json_body=True,
                    headers=observer, data={"reason": "We object."})
    assert response.status_code == 403
    web = world.callers.web("observer-tm")
    response = web.post(f"/revisions/{world.silent.pk}/adoption/silence/{world.procedure.pk}/break/",
                        {"reason": "We object."})
    assert response.status_code == 403
    assert not SilenceBreak.objects.filter(procedure=world.procedure).exists()


def test_posting_the_rules_unchanged_is_refused_to_a_role_that_may_not_set_them(world, demo):
    """The rules' form changes only what differs; a delegate who sends them as they stand is refused all the same,
    not told that the rules were recorded."""
    rules = {"settings_version": 1, "tabling_deadline": "", "round_version": world.round_version}
    for username in ("delegate-ru", "observer-tm", "translator"):
        response = world.callers.web(username).post(f"/revisions/{world.draft.pk}/compilation/rules/", rules)
        assert response.status_code == 403, username
    assert outcome(world.callers.web("chair").post(f"/revisions/{world.draft.pk}/compilation/rules/", rules)) == OK


def test_an_agenda_item_shows_a_document_the_observer_may_not_read_by_its_title_only(world, demo):
    """The meeting is everyone's; the members-only text it puts before the meeting is not the Observer's."""
    add_agenda_item(world.meeting, world.users["officer"], titles={"en": "Draft for Member States"},
                    revision=world.members)
    symbol = world.members.symbol
    for username, shown in (("delegate-ru", True), ("observer-tm", False)):
        page = world.callers.web(username).get(f"/meetings/{world.meeting.pk}/").content.decode()
        assert "Draft for Member States" in page and (symbol in page) == shown, username
        feed = world.callers.web(ANONYMOUS).get("/meetings/calendar.ics", {"token": world.callers.tokens[username]})
        assert (symbol in feed.content.decode()) == shown, username
        response = world.callers.web(ANONYMOUS).get(f"/api/meetings/{world.meeting.pk}",
                                                    headers=world.callers.api_headers(username))
        (item,) = [item for item in response.json()["agenda"] if item["title"] == "Draft for Member States"]
        assert (item["symbol"], item["revision_id"]) == ((symbol, world.members.pk) if shown else (None, None))


def test_the_digest_of_the_database_sees_a_write(world, demo):
    """What the matrix relies on to tell that a refused request wrote nothing: it changes with any row."""
    assert db_state() == world.baseline
    for change in (lambda: Amendment.objects.filter(pk=world.ru_amendment.pk).update(decision_reason="changed"),
                   lambda: type(world.kk_draft).objects.filter(pk=world.kk_draft.pk).update(stale_provisions=["x"]),
                   lambda: world.ru_delivery.__class__.objects.filter(pk=world.ru_delivery.pk).delete()):
        with transaction.atomic():
            change()
            assert db_state() != world.baseline
            transaction.set_rollback(True)
    assert db_state() == world.baseline
