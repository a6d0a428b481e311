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


def unknown_id(source, option: str, ident: str, valid, what: str, listing: str) -> InputError:
    """The error for an id that is not one of ``valid``: it names the closest ids (or some valid ones)
    and the command that lists them all, e.g. ``diagnose list remedies``."""
    import difflib
    valid = list(valid)
    close = difflib.get_close_matches(ident, valid, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else f"valid ids include {', '.join(valid[:4])}"
    return InputError(source, option, f"'{ident}' is not a {what} id; {hint} (all of them: {listing})")
