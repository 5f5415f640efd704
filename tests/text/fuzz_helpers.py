"""What the fuzz tests share with bench/fuzz.py: its inputs (bench/mutations.py: edits of the seed and of Accord's DOCX
and XLIFF exports of it) and its checks of a reader's answer (a document that stores and reads back, or a refusal of
one line naming the file). The tests run a few hundred inputs in ``make test``; bench/fuzz.py runs 100,000."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


mutations = _load("mutations")
fuzz = _load("fuzz")

read_bytes = fuzz.read_bytes  # (data, name) -> "read" | "refused"; anything else raises
read_text = fuzz.read_text
read_xliff_file = fuzz.read_xliff_file
