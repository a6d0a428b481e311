"""What every command shares: exit codes, the one-line argparse error, writing the output."""
from __future__ import annotations

import argparse
import sys

from ..inputs.errors import InputError

EXIT_OK, EXIT_NEGATIVE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
LANGS = ["zh", "en"]


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse would print the usage too)
        raise InputError(self.prog, "", message)


def write(text: str, output: str | None) -> None:
    if output:
        from pathlib import Path
        path = Path(output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(path, "", f"cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
