"""Quality and speed of the concordance checker (``accord.text.concordance``), measured on real texts.

Quality: discrepancies of every kind are planted, one at a time, into the target version of real pairs — the seed's
English and Russian declarations, its three notes verbales, and the parallel test texts of other shapes (a UN
resolution in English and Russian with number words, a convention with articles in English and Kazakh). A plant is
found when the expected check reports it on the planted provision. Printed: recall per kind and overall; false
alarms, i.e. findings on provisions nothing was planted in, per 20 provisions checked; and false alarms on the clean
pairs, i.e. findings other than the pairs' known real differences. Where to plant is drawn at random with a fixed
seed, among the provisions that can take the plant (a number can only be changed where there is one).

Speed: the seed's English/Russian check against baselines measured in the same run (parsing the same file, and
markdown-it tokenizing it), and generated aligned pairs of 500 to 5,000 provisions, whose time per provision
should stay flat (linear growth).

Targets: recall ≥ 0.95, ≤ 1 false alarm per 20 provisions, the seed's check within 50 ms. Exit status 1 when a
target is missed. ``python bench/concordance.py [--trials N] [--seed N]``.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from markdown_it import MarkdownIt

from accord.text import parse_file, parse_text
from accord.text.align import units
from accord.text.anchors import DATE, NUMBER, SYMBOL, mentions
from accord.text.concordance import check, starter
from accord.text.concordance.checks.structure import PROVISIONS
from accord.text.languages import get_language
from accord.text.model import Declaration, NoteVerbale, Paragraph, Recital

from report import record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
FIXTURES = ROOT / "tests" / "text" / "fixtures" / "concordance"
RECALL_TARGET = 0.95
FALSE_ALARMS_PER_20 = 1.0
SEED_MS = 50.0

# The real differences of the clean pairs (code, provision, target language): what a reviser must be told.
KNOWN = {
    ("terminology.missing", "para_27", "ru"),
    ("punctuation.convention", "recs_1__rec_6", "ru"),
    ("punctuation.convention", "recs_1__rec_7", "ru"),
    ("one_version.only", "header", "ru"),
    ("one_version.only", "letterhead", "kk"),
    ("one_version.only", "number", "kk"),
    ("symbols.lookalike", "note_para_1", "ru"),
    ("symbols.lookalike", "note_para_1", "kk"),
    ("spelling.lookalike_letters", "addressee", "kk"),
}


def real_pairs() -> list[tuple[str, Declaration | NoteVerbale, Declaration | NoteVerbale]]:
    """(name, source, target) for every real pair measured."""
    seed = parse_file(SEED)
    notes = {d.language: d for d in seed if isinstance(d, NoteVerbale)}
    declarations = {d.language: d for d in seed if isinstance(d, Declaration)}
    resolution = parse_file(FIXTURES / "resolution_en_ru.md")
    convention = parse_file(FIXTURES / "convention_en_kk.md")
    return [
        ("seed declaration en→ru", declarations["en"], declarations["ru"]),
        ("seed note en→ru", notes["en"], notes["ru"]),
        ("seed note en→kk", notes["en"], notes["kk"]),
        ("seed note ru→kk", notes["ru"], notes["kk"]),
        ("resolution en→ru", resolution[0], resolution[1]),
        ("convention en→kk", convention[0], convention[1]),
    ]


def _known(finding) -> bool:
    """True for a known real difference; "header" stands for "header_1", "header_2"…"""
    provision = re.sub(r"^(header|letterhead)_\d+$", r"\1", finding.provision)
    return any((finding.code, provision, side.lang) in KNOWN for side in (finding.source, finding.target))


# ---------------------------------------------------------------------------------------------------------------
# Editing a document: its texts by provision id, and its lists of provisions with ids given again by position.


def slots(document) -> dict[str, tuple[object, str]]:
    """Where each provision's text lives: id → (object, attribute) or (list, index) for a note's paragraphs."""
    found: dict[str, tuple[object, str]] = {}
    if isinstance(document, NoteVerbale):
        for index in range(len(document.paragraphs)):
            found[f"note_para_{index + 1}"] = (document.paragraphs, index)
        return found
    for recital in document.preamble:
        found[recital.id] = (recital, "text")
    for paragraph in document.operative_paragraphs():
        found[paragraph.id] = (paragraph, "text")
        for item in paragraph.items:
            found[item.id] = (item, "text")
    return found


def get_text(slot) -> str:
    holder, key = slot
    return holder[key] if isinstance(holder, list) else getattr(holder, key)


def set_text(slot, text: str) -> None:
    holder, key = slot
    if isinstance(holder, list):
        holder[key] = text
    else:
        setattr(holder, key, text)


def renumber(document) -> None:
    """Give ids and labels again by position, as the parser does for a text typed with its new numbering."""
    if isinstance(document, NoteVerbale):
        return
    for number, recital in enumerate(document.preamble, start=1):
        recital.id, recital.label = f"recs_1__rec_{number}", f"PP{number}"
    number = 0
    for section in document.sections:
        for paragraph in section.paragraphs:
            number += 1
            paragraph.id, paragraph.label, paragraph.num = f"para_{number}", f"OP{number}", str(number)
            for position, item in enumerate(paragraph.items):
                item.id = f"{paragraph.id}__point_{'abcdefghijklmnopqrstuvwxyz'[position]}"


def provision_lists(document) -> list[list]:
    """The lists structural plants may edit: the preamble, each section's paragraphs, or a note's paragraphs."""
    if isinstance(document, NoteVerbale):
        return [document.paragraphs]
    lists = [document.preamble] + [s.paragraphs for s in document.sections if s.paragraphs]
    return [items for items in lists if items]


def _id_of(document, items: list, index: int) -> str:
    if isinstance(document, NoteVerbale):
        return f"note_para_{index + 1}"
    return items[index].id


def _clone(entry, text: str):
    if isinstance(entry, str):
        return text
    if isinstance(entry, Recital):
        return Recital(entry.id, entry.label, None, text)
    return Paragraph(entry.id, entry.label, entry.num, text)


def _text(entry) -> str:
    return entry if isinstance(entry, str) else entry.text


def _set(items: list, index: int, text: str) -> None:
    if isinstance(items[index], str):
        items[index] = text
    else:
        items[index].text = text


# ---------------------------------------------------------------------------------------------------------------
# Plants: each takes (rng, source, target) copies, edits the target, and returns the planted provision ids (source
# side, as findings name them) or None when this pair offers no place for it.

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_COMMA_SPACE = re.compile(r"(?<=[^\W\d_]), (?=[^\W\d_])")
_LOOKALIKES = {"M": "М", "A": "А", "E": "Е", "T": "Т", "P": "Р", "C": "С", "H": "Н", "K": "К", "O": "О", "X": "Х",
               "B": "В"}


def _choose(rng, candidates):
    return rng.choice(candidates) if candidates else None


def _text_plant(edit):
    """A plant that rewrites one provision's text: ``edit(rng, text, language, source_text)`` returns the new text
    or None when the text offers no place for it."""

    def plant(rng, source, target):
        source_slots, target_slots = slots(source), slots(target)
        ids = [pid for pid in target_slots if pid in source_slots]
        rng.shuffle(ids)
        language = get_language(target.language)
        for pid in ids:
            new = edit(rng, get_text(target_slots[pid]), language, get_text(source_slots[pid]))
            if new is not None and new != get_text(target_slots[pid]):
                set_text(target_slots[pid], new)
                return {pid}
        return None

    return plant


def _mention_plant(kind: str, change, accept=lambda m: True):
    def edit(rng, text, language, _source):
        found = [m for m in mentions(text, language) if m.kind == kind and accept(m)]
        mention = _choose(rng, found)
        if mention is None:
            return None
        return text[: mention.start] + change(rng, mention) + text[mention.end:]

    return _text_plant(edit)


def _bump_digits(rng, mention) -> str:
    digits = [i for i, ch in enumerate(mention.written) if ch.isdigit()]
    i = rng.choice(digits)
    new = str((int(mention.written[i]) + rng.randint(1, 8)) % 10)
    if i == digits[0] and new == "0" and len(digits) > 1:
        new = "9"
    return mention.written[:i] + new + mention.written[i + 1:]


def _change_year(rng, mention) -> str:
    return mention.written.replace(mention.value, str(int(mention.value) + rng.choice((-2, -1, 1, 2))), 1)


def _change_day(rng, mention) -> str:
    day = int(mention.value[-2:])
    new_day = day % 27 + 1
    return re.sub(rf"(?<!\d){day}(?!\d)", str(new_day), mention.written, count=1)


def _percent(rng, mention) -> str:
    number = re.match(r"[\d.,\s]*\d", mention.written).group(0)
    return number if rng.random() < 0.5 else _bump_digits(rng, mention)


def _word_number_plant():
    def edit(rng, text, language, _source):
        found = [m for m in mentions(text, language) if m.kind == NUMBER and m.in_words]
        mention = _choose(rng, found)
        if mention is None:
            return None
        others = [w for w, v in language.numbers.words.items() if str(v) != mention.value and v < 20]
        word = rng.choice(others)
        if mention.written[:1].isupper():
            word = word.capitalize()
        return text[: mention.start] + word + text[mention.end:]

    return _text_plant(edit)


def _symbol_letter(rng, mention) -> str:
    letters = [i for i, ch in enumerate(mention.written) if ch in _LOOKALIKES]
    if not letters:
        return mention.written
    i = rng.choice(letters)
    return mention.written[:i] + _LOOKALIKES[mention.written[i]] + mention.written[i + 1:]


def _punctuation(rng, text, language, source):
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in ".;,:" or stripped[-1] != source.rstrip()[-1:]:
        return None  # only where both versions end alike, so that the plant makes them differ
    return stripped[:-1] + {".": ";", ";": ".", ",": ".", ":": "."}[stripped[-1]]


def _untranslated(rng, text, language, source):
    sentences = [s for s in _SENTENCE_END.split(source) if len(s.split()) >= 6]
    sentence = _choose(rng, sentences)
    if sentence is None:
        return None
    return f"{text.rstrip()} {sentence.rstrip('.;,')}."


def _kazakh_letter(rng, text, language, _source):
    lookalikes = language.spelling_lookalikes
    if not lookalikes:
        return None
    words = [m for m in re.finditer(r"[^\W\d_]{4,}", text) if any(ch in lookalikes for ch in m.group(0).lower())]
    word = _choose(rng, words)
    if word is None:
        return None
    positions = [i for i, ch in enumerate(word.group(0)) if ch.lower() in lookalikes]
    i = rng.choice(positions)
    ch = word.group(0)[i]
    swapped = lookalikes[ch.lower()]
    swapped = swapped.upper() if ch.isupper() else swapped
    start = word.start() + i
    return text[:start] + swapped + text[start + 1:]


def _run_together(rng, text, language, _source):
    spots = list(_COMMA_SPACE.finditer(text))
    spot = _choose(rng, spots)
    if spot is None:
        return None
    return text[: spot.start()] + "," + text[spot.end():]


def _truncate(rng, text, language, _source):
    words = text.split()
    if len(text) < 120:
        return None
    return " ".join(words[: max(3, int(len(words) * rng.uniform(0.3, 0.5)))]) + text.rstrip()[-1]


def _term_plant(rng, source, target):
    """Delete the target's rendering of a term the source uses (every occurrence in the provision)."""
    termbase = starter()
    s_matcher = termbase.matcher(get_language(source.language))
    t_matcher = termbase.matcher(get_language(target.language))
    source_slots, target_slots = slots(source), slots(target)
    ids = [pid for pid in target_slots if pid in source_slots]
    rng.shuffle(ids)
    for pid in ids:
        s_concepts = {h.concept for h in s_matcher.find(get_text(source_slots[pid])) if h.term.type != "acronym"}
        text = get_text(target_slots[pid])
        hits = [h for h in t_matcher.find(text, 2) if h.concept in s_concepts]
        if not hits:
            continue
        concept = rng.choice(sorted({h.concept for h in hits}))
        spans = sorted({(h.start, h.end) for h in t_matcher.find(text, 2) if h.concept == concept}, reverse=True)
        for start, end in spans:
            text = text[:start] + "…" + text[end:]
        set_text(target_slots[pid], text)
        return {pid}
    return None


def _acronym_plant(rng, source, target):
    """Delete an acronym of the term base from a provision of the target, wherever it stands there."""
    termbase = starter()
    t_matcher = termbase.matcher(get_language(target.language))
    target_slots = slots(target)
    ids = list(target_slots)
    rng.shuffle(ids)
    for pid in ids:
        if pid not in slots(source):
            continue
        text = get_text(target_slots[pid])
        hits = [h for h in t_matcher.find(text) if h.term.type == "acronym"]
        if hits:
            acronym = rng.choice(hits).term.text
            # Every occurrence, with its brackets: "(СРГ)" and "СРГ".
            text = re.sub(rf"\s*\({re.escape(acronym)}\)|(?<!\w){re.escape(acronym)}(?!\w)", "", text)
            set_text(target_slots[pid], " ".join(text.split()))
            return {pid}
    return None


def _pick_list(rng, target, minimum: int):
    return _choose(rng, [items for items in provision_lists(target) if len(items) >= minimum])


def _drop(rng, source, target):
    """A provision left out."""
    items = _pick_list(rng, target, 2)
    if items is None:
        return None
    index = rng.randrange(len(items))
    planted = {_id_of(target, items, index)}
    del items[index]
    renumber(target)
    return planted


def _split(rng, source, target):
    """A provision cut in two at a sentence end, or in the middle of a long sentence."""
    items = _pick_list(rng, target, 1)
    if items is None:
        return None
    index = rng.randrange(len(items))
    text = _text(items[index])
    cuts = [m.start() for m in _SENTENCE_END.finditer(text)]
    if cuts:
        cut = rng.choice(cuts)
        first, second = text[:cut], text[cut:].lstrip()
    else:
        words = text.split(" ")
        if len(words) < 12:
            return None
        first, second = " ".join(words[: len(words) // 2]) + ".", " ".join(words[len(words) // 2:])
        second = second[:1].upper() + second[1:]
    planted = {_id_of(target, items, index)}
    _set(items, index, first)
    items.insert(index + 1, _clone(items[index], second))
    renumber(target)
    return planted


def _merge(rng, source, target):
    """Two consecutive provisions made one."""
    items = _pick_list(rng, target, 2)
    if items is None:
        return None
    index = rng.randrange(len(items) - 1)
    planted = {_id_of(target, items, index), _id_of(target, items, index + 1)}
    _set(items, index, f"{_text(items[index]).rstrip()} {_text(items[index + 1]).lstrip()}")
    del items[index + 1]
    renumber(target)
    return planted


def _move(rng, source, target):
    """An operative provision moved three places or more, into another section maybe."""
    if not isinstance(target, Declaration):
        return None
    body = [section.paragraphs for section in target.sections if section.paragraphs]
    places = [(items, i) for items in body for i in range(len(items))]
    if len(places) < 6:
        return None
    k = rng.randrange(len(places))
    items, i = places[k]
    planted = {_id_of(target, items, i)}
    entry = items.pop(i)
    j = rng.choice([j for j in range(len(places) - 1) if abs(j - k) >= 3])
    rest = [(x, n) for x in body for n in range(len(x))]
    destination, n = rest[j]
    destination.insert(n, entry)
    renumber(target)
    return planted


def _is_plain_number(mention) -> bool:
    return not mention.in_words and not mention.is_year and not mention.value.endswith("%")


# kind → (plant, checks that count as finding it)
PLANTS = {
    "number": (_mention_plant(NUMBER, _bump_digits, _is_plain_number), {"numbers"}),
    "number word": (_word_number_plant(), {"numbers"}),
    "year": (_mention_plant(NUMBER, _change_year, lambda m: m.is_year), {"numbers"}),
    "date": (_mention_plant(DATE, _change_day), {"dates"}),
    "percentage": (_mention_plant(NUMBER, _percent, lambda m: m.value.endswith("%")), {"numbers"}),
    "symbol letter": (_mention_plant(SYMBOL, _symbol_letter), {"symbols"}),
    "missing paragraph": (_drop, {"structure"}),
    "split paragraph": (_split, {"structure"}),
    "merged paragraphs": (_merge, {"structure"}),
    "moved paragraph": (_move, {"structure"}),
    "term equivalent": (_term_plant, {"terminology"}),
    "acronym": (_acronym_plant, {"acronyms", "terminology"}),
    "end punctuation": (_text_plant(_punctuation), {"punctuation"}),
    "untranslated": (_text_plant(_untranslated), {"untranslated"}),
    "kazakh letter": (_text_plant(_kazakh_letter), {"spelling"}),
    "run together": (_text_plant(_run_together), {"spelling"}),
    "length": (_text_plant(_truncate), {"length"}),
}


def _count_provisions(document) -> int:
    return sum(1 for u in units(document) if u.kind in PROVISIONS)


def measure_quality(trials: int, seed: int) -> tuple[float, float, float]:
    rng = random.Random(seed)
    pairs = real_pairs()
    baselines = {name: {f.fingerprint for f in check(s, t)} for name, s, t in pairs}
    clean_alarms = 0
    clean_provisions = 0
    print("Clean real pairs (findings other than the known real differences are false alarms):")
    for name, source, target in pairs:
        findings = check(source, target)
        alarms = [f for f in findings if not _known(f)]
        clean_alarms += len(alarms)
        clean_provisions += _count_provisions(source)
        print(f"  {name:24} {_count_provisions(source):3} provisions, {len(findings):2} findings, "
              f"{len(alarms)} false alarms")
        for finding in alarms:
            print(f"      {finding.severity} {finding.code} {finding.message[:110]}")
    found: Counter = Counter()
    tried: Counter = Counter()
    false_alarms = 0
    provisions = 0
    misses = defaultdict(list)
    for kind, (plant, checks) in PLANTS.items():
        attempts = 0
        while tried[kind] < trials and attempts < trials * 20:
            attempts += 1
            name, source, target = rng.choice(pairs)
            source, target = copy.deepcopy(source), copy.deepcopy(target)
            planted = plant(rng, source, target)
            if not planted:
                continue
            tried[kind] += 1
            findings = check(source, target)
            new = [f for f in findings if f.fingerprint not in baselines[name]]
            hit = [f for f in new if f.check in checks and (f.provision in planted or f.source.id in planted)]
            if hit:
                found[kind] += 1
            else:
                misses[kind].append(f"{name} {sorted(planted)}: {[f.code + ' ' + f.provision for f in new][:4]}")
            others = {f.provision for f in new if f.provision not in planted and f.source.id not in planted}
            false_alarms += len(others)
            provisions += _count_provisions(source)
    print(f"\nPlanted discrepancies ({trials} per kind, seed {seed}): recall per kind")
    for kind in PLANTS:
        recall = found[kind] / tried[kind] if tried[kind] else float("nan")
        print(f"  {kind:20} {found[kind]:3}/{tried[kind]:<3} {recall:6.2f}")
        for miss in misses[kind][:3]:
            print(f"      missed: {miss[:150]}")
    recall = sum(found.values()) / max(sum(tried.values()), 1)
    per_20 = 20 * false_alarms / max(provisions, 1)
    clean_per_20 = 20 * clean_alarms / max(clean_provisions, 1)
    print(f"\nrecall overall: {recall:.3f} (target ≥ {RECALL_TARGET})")
    print(f"false alarms per 20 provisions, planted texts: {per_20:.2f} (target ≤ {FALSE_ALARMS_PER_20})")
    print(f"false alarms per 20 provisions, clean real pairs: {clean_per_20:.2f} (target ≤ {FALSE_ALARMS_PER_20})")
    return recall, per_20, clean_per_20


# ---------------------------------------------------------------------------------------------------------------
# Speed


def best_of(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


EN_SENTENCES = (
    "We note the importance of strengthening cooperation in the field of environmental protection and climate "
    "change, as agreed by the Member States on {day} September {year}.",
    "We welcome the work of the Special Working Group (SWG) and request the Secretariat to report on {n} "
    "confidence building measures by {year}.",
    "We reaffirm our commitment to the Charter of the United Nations and to the principles of international law.",
)
RU_SENTENCES = (
    "Мы отмечаем важность укрепления сотрудничества в области охраны окружающей среды и изменения климата, как "
    "согласовано государствами-членами {day} сентября {year} года.",
    "Мы приветствуем работу Специальной рабочей группы (СРГ) и просим Секретариат доложить о {n} мерах доверия "
    "к {year} году.",
    "Мы вновь подтверждаем нашу приверженность Уставу Организации Объединенных Наций и принципам международного "
    "права.",
)


def generated_pair(provisions: int) -> tuple[Declaration, Declaration]:
    """An English declaration of ``provisions`` operative paragraphs in ten sections, and its Russian version."""
    texts = {}
    for code, sentences, title, heading in (
        ("en", EN_SENTENCES, "**DRAFT DECLARATION**", "DECLARE THE FOLLOWING:"),
        ("ru", RU_SENTENCES, "**ПРОЕКТ ДЕКЛАРАЦИИ**", "ЗАЯВЛЯЕМ О СЛЕДУЮЩЕМ:"),
    ):
        lines = [title, "We, the Ministers," if code == "en" else "Мы, Министры,", heading]
        per_section = max(1, provisions // 10)
        for n in range(1, provisions + 1):
            if (n - 1) % per_section == 0 and (n - 1) // per_section < 10:
                lines.append(f"## {'I II III IV V VI VII VIII IX X'.split()[(n - 1) // per_section]}")
            sentence = sentences[n % len(sentences)].format(day=n % 28 + 1, year=2000 + n % 30, n=n)
            lines.append(f"{n}. {sentence}")
        texts[code] = parse_text("\n\n".join(lines) + "\n")[0]
    return texts["en"], texts["ru"]


def measure_speed() -> float:
    seed_text = SEED.read_text(encoding="utf-8")
    documents = parse_file(SEED)
    en, ru = [d for d in documents if isinstance(d, Declaration)]
    starter()
    check(en, ru)  # warm caches of the tables and the term base, as a running service has them
    seconds = best_of(lambda: check(en, ru), 7)
    parse = best_of(lambda: parse_text(seed_text), 7)
    markdown = MarkdownIt("commonmark")
    tokenize = best_of(lambda: markdown.parse(seed_text), 7)
    record("concordance", "seed declaration en↔ru check", seconds * 1000, unit="ms", baseline=parse * 1000,
           baseline_label="ms parsing the seed", target=f"≤ {SEED_MS:.0f} ms", ok=seconds * 1000 <= SEED_MS)
    print(f"\nSpeed: seed declaration en↔ru check {seconds * 1000:.1f} ms (target ≤ {SEED_MS:.0f} ms); "
          f"{seconds / parse:.2f}× parsing the seed ({parse * 1000:.1f} ms), "
          f"{seconds / tokenize:.1f}× markdown-it tokenizing it ({tokenize * 1000:.1f} ms)")
    print("Generated aligned pairs (by id), and the same with one provision missing (sequence alignment):")
    print(f"{'provisions':>10} {'seconds':>9} {'µs/provision':>13} {'missing: s':>11} {'µs/provision':>13}")
    per_provision, per_provision_dp = [], []
    for size in (500, 1000, 2500, 5000):
        source, target = generated_pair(size)
        repeat = 3 if size <= 1000 else 1
        elapsed = best_of(lambda source=source, target=target: check(source, target), repeat)
        del target.sections[len(target.sections) // 2].paragraphs[0]
        renumber(target)
        elapsed_dp = best_of(lambda source=source, target=target: check(source, target), repeat)
        per_provision.append(elapsed / size * 1e6)
        per_provision_dp.append(elapsed_dp / size * 1e6)
        print(f"{size:>10} {elapsed:9.3f} {per_provision[-1]:13.1f} {elapsed_dp:11.3f} {per_provision_dp[-1]:13.1f}")
    for name, values in (("aligned by id", per_provision), ("one missing", per_provision_dp)):
        print(f"{name}: time per provision, largest/smallest size: {max(values) / min(values):.2f} (1.00 = linear); "
              f"median {statistics.median(values):.0f} µs")
    return seconds * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=30, help="plants per kind (default 30)")
    parser.add_argument("--seed", type=int, default=20210826, help="random seed of the plants")
    options = parser.parse_args()
    recall, per_20, clean_per_20 = measure_quality(options.trials, options.seed)
    milliseconds = measure_speed()
    record("concordance", "recall of planted discrepancies", recall, target=f"≥ {RECALL_TARGET:.2f}",
           ok=recall >= RECALL_TARGET)
    record("concordance", "false alarms per 20 provisions (planted, clean)", max(per_20, clean_per_20),
           target=f"≤ {FALSE_ALARMS_PER_20:g}", ok=max(per_20, clean_per_20) <= FALSE_ALARMS_PER_20)
    missed = []
    if recall < RECALL_TARGET:
        missed.append("recall")
    if per_20 > FALSE_ALARMS_PER_20 or clean_per_20 > FALSE_ALARMS_PER_20:
        missed.append("false alarms")
    if milliseconds > SEED_MS:
        missed.append("speed")
    print(f"\n{'targets met' if not missed else 'targets missed: ' + ', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
