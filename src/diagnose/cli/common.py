"""What every command shares: exit codes, the one-line argparse error, writing the output."""
from __future__ import annotations

import argparse
import re
import sys

from ..inputs.errors import InputError, os_params

EXIT_OK, EXIT_NEGATIVE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
LANGS = ["zh", "en"]


def error_language(argv: list[str]) -> str:
    """The language of an error line: the one --lang chose, else English (as the command line always spoke).
    Read from the words given, so that an error of the arguments themselves is in that language too."""
    for n, word in enumerate(argv):
        chosen = word.removeprefix("--lang=") if word.startswith("--lang=") else \
            argv[n + 1] if word == "--lang" and n + 1 < len(argv) else None
        if chosen in LANGS:
            return chosen
    return "en"


def print_error(exc: InputError, argv: list[str]) -> None:
    """The one line on stderr for bad input, in the chosen language (the words are output's: imported here,
    when an error is shown, so that the parser path stays light)."""
    from ..output.i18n import error_message
    print(error_message(exc, error_language(argv)), file=sys.stderr)


# argparse's messages (Python 3.11) as error codes, so that a Chinese line can say them in Chinese
_USAGE = [(re.compile(p), code) for p, code in (
    (r"the following arguments are required: (?P<names>.+)", "usage_required"),
    (r"unrecognized arguments: (?P<names>.+)", "usage_unrecognized"),
    (r"argument command: invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "usage_command"),
    (r"argument (?P<argument>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)", "usage_choice"),
    (r"argument (?P<argument>\S+): expected (?:one|at least one) argument", "usage_needs_value"),
    (r"argument (?P<argument>\S+): invalid \w+ value: (?P<value>.+)", "usage_bad_value"),
    (r"argument (?P<argument>\S+): not allowed with argument (?P<other>\S+)", "usage_not_together"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "usage_ambiguous"))]


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse would print the usage too)
        for pattern, code in _USAGE:
            found = pattern.fullmatch(message)
            if found:
                raise InputError(self.prog, "", code, detail=message, **found.groupdict())
        raise InputError(self.prog, "", "usage", detail=message)


def write(text: str, output: str | None) -> None:
    if output:
        from pathlib import Path
        path = Path(output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(path, "", "cannot_write", **os_params(exc)) from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def unknown_id(source, option: str, ident: str, valid, what: str, listing: str) -> InputError:
    """The error for an id that is not one of ``valid`` (``what``: remedy or conclusion): it names the closest
    ids (or some valid ones) and the command that lists them all, e.g. ``diagnose list remedies``."""
    import difflib
    valid = list(valid)
    close = difflib.get_close_matches(ident, valid, n=3, cutoff=0.6)
    if close:
        return InputError(source, option, f"unknown_{what}_close", ident=ident, close=close, listing=listing)
    return InputError(source, option, f"unknown_{what}_some", ident=ident, valid=valid[:4], listing=listing)
