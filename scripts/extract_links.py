"""Extract the atomic-link checklist (section G) of the knowledge map into rules/source/links.yaml.

Run once when the map changes: python scripts/extract_links.py ../shared/chapter/knowledge-map.md
The output is data the linter and the coverage report read; it is committed.
"""
import re
import sys
from pathlib import Path

import yaml

LINE = re.compile(r"^- (LINK-\d{3}) \[(\w+)\](?: \(([^)]*)\))?: (.*) \| (P\d+) 「(.*)」\s*$")


def main(map_path: str) -> None:
    links = []
    for raw in Path(map_path).read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw)
        if m:
            link_id, kind, note, text, para, quote = m.groups()
            links.append({"id": link_id, "kind": kind, "implied": bool(note and "implied" in note),
                          "paragraph": para, "quote": quote, "text": text})
    out = Path(__file__).resolve().parents[1] / "rules" / "source" / "links.yaml"
    header = "# Section G of the knowledge map (LINK-001 onward), extracted by scripts/extract_links.py.\n"
    out.write_text(header + yaml.safe_dump({"links": links}, allow_unicode=True, sort_keys=False, width=200),
                   encoding="utf-8")
    print(f"{len(links)} links -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
