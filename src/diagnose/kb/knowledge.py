"""The knowledge base: everything in ``rules/``, validated, with lookups by id; and loading it.

Loading validates shapes only; cross-references (ids, quotes, reachability) are the linter's job
(``diagnose rules check``), so that a broken file gets every error listed, not just the first.
"""
from __future__ import annotations

import dataclasses
from functools import cached_property
from pathlib import Path

from ..inputs.loading import Document, InputError, Locator, load_document, pydantic_code, pydantic_error
from . import builder, cache, marks, models
from .models import Catalogue, Conclusion, KBInfo, Link, LinksFile, QuestionsFile, Rule, RulesFile, Text
from .resources import rules_dir


class KnowledgeBase:
    """Everything in rules/, validated, with lookups by id."""

    def __init__(self, root: Path, info: KBInfo, questions: QuestionsFile, rules: list[Rule],
                 catalogue: Catalogue, links: list[Link], chapter_text: str):
        self.root = root
        self.info = info
        self.sections = questions.sections
        self.questions = {q.id: q for q in questions.questions}
        self.rules = rules
        self.catalogue = catalogue
        self.types = {t.id: t for t in catalogue.types}
        self.problems = {p.id: p for p in catalogue.problems}
        self.remedies = {r.id: r for r in catalogue.remedies}
        self.facts = {f.id: f for f in catalogue.facts}
        self.consequences = {c.id: c for c in catalogue.consequences}
        self.stages = {s.id: s for s in catalogue.stages}
        self.actors = {a.id: a for a in catalogue.actors}
        self.links = {link.id: link for link in links}
        self.chapter_text = chapter_text

    @cached_property
    def paragraphs(self) -> dict[str, str]:
        """P1..Pn: the non-empty lines after the chapter title (line 4), as the knowledge map numbers them."""
        lines = self.chapter_text.split("\n")[4:]
        return {f"P{i}": line for i, line in enumerate((ln for ln in lines if ln.strip()), start=1)}

    def entry(self, kind: str, ident: str):
        table = {"type": self.types, "problem": self.problems, "remedy": self.remedies, "fact": self.facts,
                 "consequence": self.consequences, "stage": self.stages}[kind]
        return table.get(ident)

    def name(self, kind: str, ident: str, lang: str) -> str:
        if kind == "question":
            q = self.questions.get(ident)
            return q.text(lang) if q else ident
        if kind == "actor":
            actor = self.actors.get(ident)
            return actor.name(lang) if actor else ident
        entry = self.entry(kind, ident)
        return entry.name(lang) if entry else ident

    @cached_property
    def implied_rules(self) -> list[Rule]:
        """One generated rule per subtype: a subtype implies its parent type.

        They are applied after the engine has run (diagnosis.build), not compiled into it, because
        subtype rules read their parent type and the pair would otherwise form a cycle.
        """
        implied = []
        for t in self.types.values():
            if t.parent:
                implied.append(Rule(
                    id=f"{t.id}_implies_{t.parent}", when={"type": t.id},
                    then=Conclusion(type=t.parent, certainty=1.0), links=list(t.links) or ["LINK-003"],
                    cite=t.evidence[0], source_file="catalogue/types.yaml",
                    explain=Text(zh=f"{t.name.zh}是{self.types[t.parent].name.zh}的一个亚类型。" if t.parent in self.types else t.name.zh,
                                 en=f"{t.name.en} is a subtype of {self.types[t.parent].name.en if t.parent in self.types else t.parent}.")))
        return implied

    @cached_property
    def all_rules(self) -> list[Rule]:
        return self.rules + self.implied_rules

    @cached_property
    def rule_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.all_rules}

    @cached_property
    def rule_index(self) -> dict[str, int]:
        return {rule.id: i for i, rule in enumerate(self.all_rules)}

    @cached_property
    def rules_by_conclusion(self) -> dict[tuple[str, str], list[Rule]]:
        """The rules compiled into the engine, by what they conclude."""
        out: dict[tuple[str, str], list[Rule]] = {}
        for rule in self.rules:
            out.setdefault((rule.then.kind, rule.then.id), []).append(rule)
        return out


_ADAPTERS: dict = {}


def validated(tp, data):
    """``data`` (untrusted) as an instance of tp (a model dataclass), validated by pydantic.

    Raises pydantic.ValidationError. The TypeAdapter is built on first use, once per type: pydantic's
    schema machinery is imported only on the paths that read files (a cache miss, ``rules check``),
    never on a start from the cache."""
    adapter = _ADAPTERS.get(tp)
    if adapter is None:
        from pydantic import TypeAdapter
        adapter = _ADAPTERS[tp] = TypeAdapter(tp)
    return adapter.validate_python(data)


def _from_file(cls, doc: Document, *, list_key: str | None = None):
    """A parsed file (untrusted) validated by pydantic; its first error as a one-line InputError."""
    from pydantic import ValidationError   # pydantic's heavy parts only when files are read
    try:
        return validated(cls, doc.data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        loc = first["loc"]
        # name the rule or entry by id rather than by list index
        if list_key and len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
            items = doc.data.get(list_key) or []
            item = items[loc[1]] if loc[1] < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            line = doc.locator.line_of(tuple(loc))
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
            code, params = pydantic_code(first)
            where = f"line {line}, " if line else ""
            raise InputError(doc.path, f"{where}{list_key[:-1]} {ident or '#' + str(loc[1])}, field {field}", code,
                             **params) from None
        raise pydantic_error(doc.path, doc.locator, exc) from None


def _from_cache(cls, doc: Document, *, list_key: str | None = None):
    """A cached document, which passed validation when its file was read: built without pydantic.
    (list_key: unused, the signature of _from_file, as either is ``make`` below.)"""
    return builder.build(cls, doc.data)


def load_rules_file(path: Path, read=load_document, make=_from_file) -> list[Rule]:
    parsed = make(RulesFile, read(path), list_key="rules")
    return [dataclasses.replace(rule, source_file=path.name) for rule in parsed.rules]


def _build(root: Path, extra_rule_files: list[Path], read, make=_from_file) -> KnowledgeBase:
    """Every file of a rule base as models: ``read(path)`` gives its parsed document, ``make`` its model."""
    info = make(KBInfo, read(root / "kb.yaml"))
    questions = make(QuestionsFile, read(root / "questions.yaml"), list_key="questions")
    merged: dict[str, list] = {}
    for path in sorted((root / "catalogue").glob("*.yaml")):
        part = make(Catalogue, read(path))
        for f in dataclasses.fields(Catalogue):
            merged.setdefault(f.name, []).extend(getattr(part, f.name))
    catalogue = Catalogue(**merged)
    rules: list[Rule] = []
    rule_files = sorted(p for p in root.glob("*.yaml") if p.name not in ("kb.yaml", "questions.yaml"))
    for path in rule_files + extra_rule_files:
        rules.extend(load_rules_file(path, read, make))
    links = make(LinksFile, read(root / "source" / "links.yaml")).links
    chapter = (root / "source" / "chapter-zh.txt").read_text(encoding="utf-8")
    return KnowledgeBase(root, info, questions, rules, catalogue, links, chapter)


def load_knowledge_base(root: Path | None = None, extra_rule_files: list[Path] | None = None, *,
                        trust_cache: bool = True) -> KnowledgeBase:
    """Load and shape-check every file of a rule base (the bundled one unless root is given).

    The parsed files are cached (kb/cache.py) by the hash of the rule base. A cached copy holds only
    files that validated, so it is built without pydantic (kb/builder.py); with ``trust_cache=False``
    (``rules check``) it is validated again like the files. A copy that fails to build is ignored
    and rebuilt from the files.
    """
    root = Path(root) if root else rules_dir()
    extra = [Path(p) for p in extra_rule_files or []]

    def name(path: Path) -> str:   # names that stay valid if the whole folder moves
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path.resolve())

    # the key covers the code that shapes what the cache holds too: a constraint tightened in models.py
    # or a change to the builder makes a new key, so data validated under the old rules is not trusted
    cache_key = cache.key(root, extra, code_files=[Path(m.__file__) for m in (models, marks, builder)])

    def reader(documents: dict):   # read() from parsed documents, as the cache holds them
        return lambda path: Document(path, documents[name(path)], Locator())

    cached = cache.read(cache_key)
    if cached is not None:
        try:
            return _build(root, extra, reader(cached), _from_cache if trust_cache else _from_file)
        except (InputError, KeyError, TypeError, ValueError, AttributeError):
            pass   # a damaged or edited cache (a pydantic ValidationError is a ValueError): read the files
    parsed: dict[str, object] = {}

    def read(path: Path) -> Document:
        doc = load_document(path)
        parsed[name(path)] = doc.data
        return doc

    kb = _build(root, extra, read)
    try:   # cache only what a start can build: data pydantic coerced (e.g. certainty: "0.9") cannot be
        _build(root, extra, reader(parsed), _from_cache)
    except (KeyError, TypeError, ValueError, AttributeError):
        return kb   # written, every start would fail to build it, read the files and write it again
    cache.write(cache_key, parsed)
    return kb


_BUNDLED: KnowledgeBase | None = None


def bundled() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = load_knowledge_base()
    return _BUNDLED
