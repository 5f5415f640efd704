"""One report of every benchmark's figures, each beside the baseline it was measured against in the same run.

A benchmark calls :func:`record` for each figure it stands by; when ``ACCORD_BENCH_REPORT`` names a file (``make
bench`` sets it), the figure is appended there as one JSON line, so that benchmarks run as separate processes add
to one report. ``python bench/report.py FILE`` prints the report as a table and exits 1 if any figure missed its
target; the README's figures are this table, copied from a run of ``make bench``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def record(bench: str, figure: str, value: float, *, unit: str = "", baseline: float | None = None,
           baseline_label: str = "", target: str = "", ok: bool = True) -> None:
    """Add one figure: ``value`` (in ``unit``) measured by ``bench``; ``baseline`` is what it is compared with, measured
    in the same run (``baseline_label`` says what that is), and the ratio is value/baseline; ``target`` says in words
    what the figure must meet and ``ok`` whether it did."""
    path = os.environ.get("ACCORD_BENCH_REPORT")
    if not path:
        return
    line = {"bench": bench, "figure": figure, "value": value, "unit": unit, "baseline": baseline,
            "baseline_label": baseline_label, "ratio": value / baseline if baseline else None, "target": target,
            "ok": bool(ok)}
    with open(path, "a", encoding="utf-8") as report:
        report.write(json.dumps(line, ensure_ascii=False) + "\n")


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(lines: list[dict]) -> str:
    """The figures as a Markdown table, in the order they were recorded."""
    rows = ["| bench | figure | value | baseline (same run) | ratio | target | met |", "|---|---|---|---|---|---|---|"]
    for line in lines:
        value = f"{_number(line['value'])} {line['unit']}".strip()
        baseline = f"{_number(line['baseline'])} {line['baseline_label']}".strip() if line["baseline"] else ""
        ratio = f"{line['ratio']:.2f}" if line["ratio"] is not None else ""
        rows.append(f"| {line['bench']} | {line['figure']} | {value} | {baseline} | {ratio} | {line['target']} "
                    f"| {'yes' if line['ok'] else '**no**'} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/report.py REPORT.jsonl", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        lines = [json.loads(text) for text in path.read_text(encoding="utf-8").splitlines() if text.strip()]
    except (OSError, ValueError) as error:
        print(f"bench report {path}: {error}", file=sys.stderr)
        return 2
    print(table(lines))
    missed = [line for line in lines if not line["ok"]]
    print(f"\n{len(lines)} figures, {len(missed)} missed their target")
    return 1 if missed or not lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
