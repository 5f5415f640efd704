"""What the ``parse`` and ``export`` commands share: reading a file, and refusing bad input the CLI way.

Bad input ends a command with one line on stderr naming the file and the fault, and exit status 2 — never a
traceback. Output files are written whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import CommandError

from accord.text import ParseError, parse_file

BAD_INPUT = 2


def read_documents(path: str) -> list:
    """The documents in ``path``; a :class:`CommandError` with exit status 2 when it cannot be read."""
    try:
        return parse_file(path)
    except ParseError as error:
        raise CommandError(str(error), returncode=BAD_INPUT) from None


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, so a failure leaves no partial file."""
    target = Path(path)
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent or ".", prefix=f".{target.name}.", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, target)
    except OSError as error:
        raise CommandError(f"{path}: cannot be written ({error.strerror})", returncode=BAD_INPUT) from None
