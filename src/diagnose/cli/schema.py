"""`diagnose schema`: the JSON Schema of a cluster profile."""
from __future__ import annotations

from .common import EXIT_OK, write


def register(sub) -> None:
    sub.add_parser("schema", help="print the JSON Schema of a cluster profile")


def run(args) -> int:
    import json

    from ..kb import knowledge
    from ..kb.profile import json_schema
    write(json.dumps(json_schema(knowledge.bundled()), ensure_ascii=False, indent=2), None)
    return EXIT_OK
