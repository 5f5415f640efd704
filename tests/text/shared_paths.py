"""Where the project's shared material lives: ``../shared`` beside the repository."""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_eb14f680198fb1ca.txt"
AKN_SCHEMA = SHARED / "akn" / "akomantoso30.xsd"
