"""Benchmark of the compilation text: requests per second of MM/2021/DRAFT/3's compilation with 270 amendments, as a
ratio to a trivial signed-in view measured in the same run (target: at least a third of its rate).

The harness is :mod:`reading_room`'s: a fresh SQLite database in a temporary folder with the demo, debug off, each
page asked for in alternating rounds with the trivial view (the best round counts), over HTTP from a real server in
a separate process — the figure the target is about — and in this process through Django's test client.

The negotiation is made through the services, as delegations and the chair would make it: each of the 27 Member
States' delegations tables 10 amendments spread over the 40 provisions, of every kind (replacing words that occur
once in the provision, deleting, inserting, an alternative), others co-sponsor and support, a few proposers withdraw,
and the chair decides on some, marks some provisions and numbers options on others. Two viewers are measured, each
against the trivial view: the chair (a status form on every provision, a decision form on every proposal) and
Russia's delegate (withdraw, co-sponsor and support buttons).

The page's body is cached per state of the negotiation (see :mod:`accord.negotiation.views`); the rounds measure
the page as most readers get it. What the cache saves shows in the first render after a change: an amendment is
tabled, then each viewer's next request is timed, a few times over.

Run with ``make bench``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time

from reading_room import (
    TARGET,
    TRIVIAL_PATH,
    best_rate,
    client_getter,
    demo_database,
    http_getter,
    server,
    session_cookie,
)
from report import record

SYMBOL = "MM/2021/DRAFT/3"
PER_DELEGATION = 10
# What the delegations table, by the index of the amendment in each one's ten.
KINDS = ["replace", "alternative", "replace", "insert", "replace", "delete", "replace", "alternative", "replace",
         "insert"]
MODIFIERS = ["effective", "comprehensive", "sustainable", "mutually beneficial", "strengthened"]
COLD_RENDERS = 5


def _once_words(text: str) -> list[str]:
    """The words of ``text`` that occur exactly once in it (as substrings too), as a replacement must quote."""
    words = {word.strip(".,;:()") for word in text.split()}
    return sorted(word for word in words if len(word) > 4 and word.isalpha() and text.count(word) == 1)


def negotiate() -> int:
    """The negotiation of the module's docstring on the demo's draft; the number of amendments tabled."""
    from django.utils import timezone

    from accord.documents.models import Revision
    from accord.negotiation import services
    from accord.negotiation.models import Amendment, Backing, ProvisionStatus
    from accord.registry.models import Membership, State, User

    revision = Revision.objects.get(symbol=SYMBOL)
    provisions = services.master_text(revision).provisions()
    members = State.objects.filter(
        memberships__status=Membership.MEMBER, memberships__start__lte=timezone.localdate()
    ).order_by("code")
    delegates = [User.objects.create(username=f"bench-{state.code.lower()}", role=User.DELEGATE,
                                     delegation=state.delegation) for state in members]
    chair = User.objects.get(username="chair")

    tabled = []  # (amendment, index of its proposer in delegates)
    for index in range(PER_DELEGATION):  # in turns, as a round of tabling goes
        for proposer, user in enumerate(delegates):
            serial = proposer * PER_DELEGATION + index
            provision = provisions[serial * 13 % len(provisions)]  # 13 is prime to 40: every provision in turn
            kind, fields = KINDS[index], {}
            if kind == "replace":
                words = _once_words(provision.text)
                word = words[serial % len(words)]
                fields = {"old_text": word, "text": f"{MODIFIERS[serial % len(MODIFIERS)]} {word}"}
            elif kind == "alternative":
                fields = {"text": f"{provision.text.rstrip('.;')}, as proposed by {user.delegation.state.code} "
                                  f"in its amendment of {serial + 1}."}
            elif kind == "insert":
                fields = {"text": f"We decide to review the implementation of {provision.label} at our next "
                                  f"meeting ({user.delegation.state.code}, {serial + 1})."}
            amendment = services.table(revision, user, kind=kind, provision_id=provision.id, **fields)
            tabled.append((amendment, proposer))

    accepted_on = set()  # one accepted proposal per provision, so the accepted changes apply together
    for serial, (amendment, proposer) in enumerate(tabled):
        if serial % 3 == 0:
            services.back(amendment, delegates[(proposer + 1) % len(delegates)], Backing.COSPONSOR)
        if serial % 4 == 0:
            for other in (5, 11):
                services.back(amendment, delegates[(proposer + other) % len(delegates)], Backing.SUPPORT)
        if serial % 30 == 29:
            services.withdraw(amendment, delegates[proposer], version=amendment.version)
        elif serial % 9 == 1:
            services.decide(amendment, chair, outcome=Amendment.NOT_ACCEPTED, version=amendment.version,
                            reason="Not supported by the other delegations.")
        elif serial % 7 == 2 and amendment.kind != Amendment.DELETE and amendment.provision_id not in accepted_on:
            modified = amendment.kind == Amendment.ALTERNATIVE
            services.decide(amendment, chair, version=amendment.version,
                            outcome=Amendment.MODIFIED if modified else Amendment.ACCEPTED,
                            text=amendment.text.replace("proposed", "agreed") if modified else "",
                            reason="Agreed at the second reading.")
            accepted_on.add(amendment.provision_id)

    marks = [ProvisionStatus.BRACKETED, ProvisionStatus.AD_REFERENDUM, ProvisionStatus.AGREED]
    for index, provision in enumerate(provisions[::5]):
        services.set_status(revision, provision.id, chair, status=marks[index % len(marks)], version=1)
    for provision in provisions[2::9]:
        competing = list(revision.amendments.filter(provision_id=provision.id).exclude(kind=Amendment.INSERT)
                         .exclude(status=Amendment.WITHDRAWN).order_by("-number").values_list("number", flat=True))
        if len(competing) >= 2:
            row = ProvisionStatus.objects.filter(revision=revision, provision_id=provision.id).first()
            services.set_options(revision, provision.id, chair, numbers=competing[:3],
                                 version=row.version if row else 1)
    return revision.amendments.count()


def first_render(get, path: str) -> float:
    """The seconds of ``get(path)``: after a change, the first is rendered anew, not taken from the cache."""
    start = time.perf_counter()
    get(path)
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as data_dir:
        demo_database(data_dir)
        from django.test import Client

        from accord.documents.models import Revision
        from accord.negotiation import services
        from accord.registry.models import User

        begun = time.perf_counter()
        count = negotiate()
        made = time.perf_counter() - begun
        revision = Revision.objects.get(symbol=SYMBOL)
        compilation = f"/revisions/{revision.pk}/compilation/"
        viewers = {"chair": "chair", "delegate": "delegate-ru"}
        clients = {}
        for viewer, username in viewers.items():
            clients[viewer] = Client()
            clients[viewer].force_login(User.objects.get(username=username))
        chair_page = clients["chair"].get(compilation).content.decode()
        delegate_page = clients["delegate"].get(compilation).content.decode()
        assert chair_page.count('class="proposal ') == delegate_page.count('class="proposal ') > 250, "not shown"
        assert 'class="inline status-form"' in chair_page and "status-form" not in delegate_page, "not the chair's"
        assert ">Co-sponsor<" in delegate_page and ">Withdraw<" in delegate_page, "not a delegate's"
        paths = [TRIVIAL_PATH, compilation]

        over_http, in_process = {}, {}
        with server(data_dir) as port:
            for viewer, client in clients.items():
                over_http[viewer] = best_rate(http_getter(port, session_cookie(client)), paths)
        for viewer, client in clients.items():
            in_process[viewer] = best_rate(client_getter(client), paths)

        russia = User.objects.get(username="bench-ru")
        cold = {viewer: [] for viewer in clients}
        for _ in range(COLD_RENDERS):
            services.table(revision, russia, kind="delete", provision_id="para_29")
            for viewer, client in clients.items():
                cold[viewer].append(first_render(client_getter(client), compilation))

    print(f"compilation of {SYMBOL}: {count} amendments ({count // PER_DELEGATION} delegations × {PER_DELEGATION}, "
          f"made through the services in {made:.0f} s)")
    print(f"{'requests/s':38} {'trivial view':>13} {'compilation':>12} {'ratio':>6}")
    for name, measures in [("over HTTP (the target)", over_http), ("in process (application only)", in_process)]:
        for viewer, (baseline, page) in measures.items():
            print(f"{viewer + ', ' + name:38} {baseline:13.0f} {page:12.0f} {page / baseline:6.2f}")
    print(f"\nfirst render after an amendment is tabled (uncached: amendments {count + 1}…{count + COLD_RENDERS}), "
          f"in process, median of {COLD_RENDERS}:")
    for viewer, seconds in cold.items():
        print(f"  {viewer:9} {statistics.median(seconds) * 1000:6.0f} ms, against {1000 / in_process[viewer][1]:.1f} "
              f"ms from the cache")
    ratios = {viewer: page / baseline for viewer, (baseline, page) in over_http.items()}
    for viewer, (baseline, page) in over_http.items():
        record("compilation", f"{count} amendments, {viewer}, over HTTP", page, unit="req/s", baseline=baseline,
               baseline_label="req/s trivial view", target=f"ratio ≥ {TARGET:.2f}", ok=page / baseline >= TARGET)
    print(f"\ncompilation ({count} amendments) / trivial view over HTTP: "
          + ", ".join(f"{viewer} {ratio:.2f}" for viewer, ratio in ratios.items()) + f" (target ≥ {TARGET:.2f})")
    return 0 if min(ratios.values()) >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
