"""Benchmarks of the text core, each printed as a ratio to a baseline measured in the same run.

The baseline is markdown-it-py tokenizing the same text: the cost of merely reading the Markdown, which Accord's
reader must beat by no more than a factor (target: parsing within 3× of it). Sizes grow so that a reader can see
whether the cost per paragraph stays flat (linear growth). Run with ``make bench``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

from accord.text import parse_text
from accord.text.akn import render_akn
from accord.text.html_writer import render_html

from report import record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
TARGET = 3.0


def generated_declaration(paragraphs: int) -> str:
    """A declaration shaped like the seed's: 20 recitals, then ``paragraphs`` operative paragraphs in sections."""
    lines = ["**DRAFT DECLARATION**  \n**of a Meeting generated for benchmarking**", "We, the Ministers,"]
    lines += [f"*Recalling* resolution {n} of 14 September 1999 and the Almaty Act of 4 June 2002;" for n in range(20)]
    lines.append("***DECLARE THE FOLLOWING:***")
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    per_section = max(1, paragraphs // len(numerals))
    for n in range(1, paragraphs + 1):
        if (n - 1) % per_section == 0 and (n - 1) // per_section < len(numerals):
            lines.append(f"## {numerals[(n - 1) // per_section]}")
        lines.append(
            f"{n}. We note the importance of strengthening cooperation in the field of environmental protection, "
            f"adaptation to climate change and sustainable water management, as agreed in MM/2021/DRAFT/{n}."
        )
    return "\n\n".join(lines) + "\n"


def best_of(function, argument, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by whatever else the machine does."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    markdown = MarkdownIt("commonmark")
    cases = [("seed (5 documents)", SEED.read_text(encoding="utf-8"))]
    cases += [(f"generated, {n} paragraphs", generated_declaration(n)) for n in (1000, 2500, 5000)]
    print(f"{'input':28} {'op':12} {'seconds':>9} {'baseline':>9} {'ratio':>7}  µs/paragraph")
    worst = (0.0, 0.0, 1.0)  # ratio, seconds, baseline seconds
    per_paragraph = []
    for name, text in cases:
        repeat = 5 if len(text) < 100_000 else 3
        baseline = best_of(markdown.parse, text, repeat)
        documents = parse_text(text)
        count = sum(len(getattr(d, "preamble", [])) + len(d.operative_paragraphs()) for d in documents if d.kind == "declaration")
        operations = {
            "parse": lambda t: parse_text(t),
            "html": lambda _: [render_html(d) for d in documents],
            "akn": lambda _: [render_akn(d, date=None) for d in documents],
            "json": lambda _: json.dumps([d.to_dict() for d in documents], ensure_ascii=False),
        }
        for op, function in operations.items():
            seconds = best_of(function, text, repeat)
            ratio = seconds / baseline
            micro = seconds / max(count, 1) * 1e6
            if op == "parse":
                worst = max(worst, (ratio, seconds, baseline))
                if name.startswith("generated"):
                    per_paragraph.append(micro)
            print(f"{name:28} {op:12} {seconds:9.4f} {baseline:9.4f} {ratio:6.2f}×  {micro:8.1f}")
    spread = max(per_paragraph) / min(per_paragraph)
    ratio, seconds, baseline = worst
    record("parse", "parsing, slowest input against markdown-it", seconds * 1000, unit="ms", baseline=baseline * 1000,
           baseline_label="ms markdown-it", target=f"ratio ≤ {TARGET:g}", ok=ratio <= TARGET)
    print(f"\nparse/markdown-it worst ratio: {ratio:.2f}× (target ≤ {TARGET}×)")
    print(f"parse cost per paragraph, largest/smallest generated input: {spread:.2f} (1.00 = linear)")
    print(f"median parse µs/paragraph: {statistics.median(per_paragraph):.1f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
