"""Locust users for bench/load.py: delegates of the Member States negotiating MM/2021/DRAFT/3 at once.

Each simulated user is one delegate (several per delegation, as delegations send several), signed in before the run
by bench/load.py, which writes their credentials to the JSON file named by ``ACCORD_LOAD_CREDENTIALS``: an API token
for the REST API (``Authorization: Bearer``) and a session for the web pages. The server runs with debug off, so its
session cookie is marked Secure: a browser would send it only over HTTPS, to the TLS terminator in front of
``accord serve``. Locust talks plain HTTP to 127.0.0.1 in the terminator's place: it sends the cookie itself in a
``Cookie`` header, and ``X-Forwarded-Proto: https`` on every request as the terminator does (without it, debug off,
the server redirects plain HTTP to HTTPS).

What a delegate does, weighted like a negotiation, where reading dominates:

* reads the draft in the reading room (English and Russian side by side, the web page), the compilation text (the
  page, or its JSON from the API), or the revision's English text as JSON;
* tables an amendment (replacing words that occur once in the provision, an alternative wording, a deletion, now
  and then a new provision inserted after another);
* looks through the tabled amendments (a page of the API's list) and supports or co-sponsors one of another
  delegation's — the amendments are shared out among the delegates of one delegation by number, so that two of
  them never back the same one for their delegation at the same moment, which the server would rightly refuse;
* asks for the Chairmanship (``GET /api/chairmanship``): a trivial authenticated API request, the baseline that
  bench/load.py sets the other latencies against, measured by the same users in the same run.

Every user counts the amendments it got 201 for, with their numbers, and the backings it got 200 for; when the test
stops, the counts go to the JSON file named by ``ACCORD_LOAD_RESULTS``, which bench/load.py compares with the
database. Any answer but the one expected is a failure: the run must have none.

``ACCORD_LOAD_WAIT`` (``"MIN,MAX"`` seconds, default ``1,4``) is a delegate's pause between two actions.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections import defaultdict

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

TRIVIAL = "/api/chairmanship"
# Delegations that work in Russian read the interface in Russian.
RUSSIAN_SPEAKING = {"AZ", "KG", "KZ", "RU", "TJ", "UZ"}
PAGE = 20  # amendments per page of the list a delegate looks through
INSERTIONS_PER_PROVISION = 6  # the server allows nine (bis … decies); the rest is slack for requests in flight

_credentials: dict | None = None
_next_delegate = itertools.count()
_tabled: dict[str, list[int]] = defaultdict(list)  # user name -> numbers of the amendments it got 201 for
_backed: dict[str, int] = defaultdict(int)  # user name -> backings it got 200 for
_insertions: dict[str, int] = defaultdict(int)  # provision id -> insertions tabled after it


def _why(response) -> str:
    """A failed answer in one line: its status and the start of its body, or the error when none came."""
    if not response.status_code:
        return f"no answer: {response.error!r}"
    return f"{response.status_code}: {(response.text or '')[:200]}"


def credentials() -> dict:
    global _credentials
    if _credentials is None:
        with open(os.environ["ACCORD_LOAD_CREDENTIALS"], encoding="utf-8") as file:
            _credentials = json.load(file)
    return _credentials


def _wait() -> tuple[float, float]:
    low, high = (float(part) for part in os.environ.get("ACCORD_LOAD_WAIT", "1,4").split(","))
    return low, high


def _figures(entry) -> dict:
    return {"requests": entry.num_requests, "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5), "p99": entry.get_response_time_percentile(0.99),
            "rate": entry.total_rps}


@events.test_stop.add_listener
def write_results(environment, **_kwargs) -> None:
    """The counts, and locust's figures: written once every user has finished, so that they miss no request (its
    CSV files are written every few seconds, and may miss the last)."""
    path = os.environ.get("ACCORD_LOAD_RESULTS")
    if not path:
        return
    stats = environment.stats
    with open(path, "w", encoding="utf-8") as file:
        json.dump({
            "tabled": _tabled, "backed": _backed,
            "stats": {**{name: _figures(entry) for (name, _method), entry in stats.entries.items()},
                      "Aggregated": _figures(stats.total)},
            "failures": [f"{error.occurrences}× {error.method} {error.name}: {error.error}"
                         for error in stats.errors.values()],
        }, file)


class Delegate(FastHttpUser):
    wait_time = between(*_wait())
    # Time-outs far beyond any latency the run should see: a slow answer shows in p99, a lost one as a failure.
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self) -> None:
        data = credentials()
        index = next(_next_delegate)
        if index >= len(data["delegates"]):
            raise RuntimeError(f"{index + 1} users, but bench/load.py made credentials for {len(data['delegates'])}")
        me = data["delegates"][index]
        self.username, self.delegation = me["username"], me["delegation"]
        self.slot, self.slots = me["slot"], me["slots"]  # my share of the amendments to back, among my delegation's
        self.revision = data["revision"]
        self.provisions = data["provisions"]
        self.api_headers = {"Authorization": f"Bearer {me['token']}", "X-Forwarded-Proto": "https"}
        self.page_headers = {"Cookie": f"{data['session_cookie']}={me['session']}", "X-Forwarded-Proto": "https"}
        if self.delegation in RUSSIAN_SPEAKING:
            self.api_headers["Accept-Language"] = self.page_headers["Accept-Language"] = "ru"
        self.backed: set[int] = set()
        self.amendments_listed = 0  # the count the last page of the list gave

    # Reading

    def _page(self, path: str, name: str) -> None:
        with self.client.get(path, headers=self.page_headers, name=name, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{_why(response)} (expected 200: is the session still signed in?)")

    def _api_get(self, path: str, name: str):
        with self.client.get(path, headers=self.api_headers, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_why(response))
                return None
            return response.json()

    @task(6)
    def reading_room(self) -> None:
        self._page(f"/revisions/{self.revision}/", "reading room (page)")

    @task(2)
    def compilation_page(self) -> None:
        self._page(f"/revisions/{self.revision}/compilation/", "compilation (page)")

    @task(2)
    def compilation_api(self) -> None:
        self._api_get(f"/api/revisions/{self.revision}/compilation", "compilation (API)")

    @task(2)
    def revision_text(self) -> None:
        self._api_get(f"/api/revisions/{self.revision}/versions/en", "revision text en (API)")

    @task(3)
    def trivial(self) -> None:
        self._api_get(TRIVIAL, "baseline: chairmanship (API)")

    # Tabling

    def _amendment(self) -> dict:
        provision = random.choice(self.provisions)
        roll = random.random()
        if roll < 0.1 and _insertions[provision["id"]] < INSERTIONS_PER_PROVISION:
            _insertions[provision["id"]] += 1  # counted before the answer, so that requests in flight count too
            return {"kind": "insert", "provision": provision["id"],
                    "text": f"{self.delegation} proposes that the Ministers further encourage cooperation."}
        if roll < 0.2:
            return {"kind": "delete", "provision": provision["id"]}
        if roll < 0.5 or not provision["once_words"]:
            return {"kind": "alternative", "provision": provision["id"],
                    "text": f"{provision['text']} ({self.delegation}, wording {random.randrange(10**6)})"}
        word = random.choice(provision["once_words"])
        return {"kind": "replace", "provision": provision["id"], "old_text": word,
                "text": f"{word} and {random.choice(['effective', 'sustainable', 'comprehensive', 'enhanced'])}"}

    @task(3)
    def table(self) -> None:
        body = self._amendment()
        with self.client.post(f"/api/revisions/{self.revision}/amendments", json=body, headers=self.api_headers,
                              name="table amendment (API)", catch_response=True) as response:
            if response.status_code != 201:
                response.failure(f"{_why(response)} for {body}")
                return
            _tabled[self.username].append(response.json()["number"])

    # Backing others' amendments

    @task(3)
    def back(self) -> None:
        offset = random.randrange(max(1, self.amendments_listed - PAGE + 1))
        listed = self._api_get(
            f"/api/revisions/{self.revision}/amendments?status=tabled&limit={PAGE}&offset={offset}",
            "amendments list (API)",
        )
        if listed is None:
            return
        self.amendments_listed = listed["count"]
        mine = self.delegation
        candidates = [
            amendment["number"] for amendment in listed["items"]
            if amendment["number"] % self.slots == self.slot and amendment["number"] not in self.backed
            and amendment["delegation"] != mine and mine not in amendment["supporters"]
            and mine not in amendment["cosponsors"]
        ]
        if not candidates:
            return
        number = random.choice(candidates)
        action = "cosponsor" if random.random() < 0.25 else "support"
        with self.client.post(f"/api/revisions/{self.revision}/amendments/{number}/{action}",
                              headers=self.api_headers, name=f"{action} amendment (API)",
                              catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_why(response))
                return
            self.backed.add(number)
            _backed[self.username] += 1
