"""``diagnose rules check``: everything that can be wrong in a rule base, one line per error.

Checks: files load and match their schema; ids are those of the canonical vocabulary; every quote
occurs verbatim in the cited paragraph and every paragraph exists; every answer a condition reads
is asked, with a value of the question's kind; every conclusion a condition reads is reached by
some rule; every catalogue entry is reachable; every question is read; ids are unique; links exist;
referenced remedies, problems and cases exist; the rules have no cycle; a rule that says its problem
is observed reads a reported-incident question; a rule that reaches a remedy from a problem reaches
it from a problem the remedy addresses (else it could never be recommended for it).
"""
from __future__ import annotations

from pathlib import Path

from . import conditions
from .conditions import AnswerTest, Concluded
from ..inputs.loading import InputError, load_document
from .graph import CycleError, stratify
from .knowledge import KnowledgeBase, load_knowledge_base
from .resources import rules_dir


class Linter:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.errors: list[str] = []
        self.vocabulary = load_document(kb.root / "source" / "vocabulary.yaml").data

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    # -- helpers
    def check_cite(self, where: str, cite) -> None:
        text = self.kb.paragraphs.get(cite.paragraph)
        if text is None:
            self.error(where, f"paragraph {cite.paragraph} does not exist (the chapter has P1-P{len(self.kb.paragraphs)})")
        elif cite.quote not in text:
            self.error(where, f"quote「{cite.quote[:30]}」is not verbatim in {cite.paragraph}")

    def check_links(self, where: str, links: list[str]) -> None:
        for link in links:
            if link not in self.kb.links:
                self.error(where, f"unknown link {link}")

    def concluded_by_rules(self) -> set[tuple[str, str]]:
        return {(r.then.kind, r.then.id) for r in self.kb.all_rules}

    def check_condition(self, where: str, cond, reached: set, *, answers_only: bool = False) -> None:
        if cond is None:
            return
        for leaf in conditions.leaves(cond):
            if isinstance(leaf, AnswerTest):
                q = self.kb.questions.get(leaf.question)
                if q is None:
                    self.error(where, f"reads '{leaf.question}', which no question asks")
                    continue
                values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
                for value in values:
                    if q.kind == "yes_no" and not isinstance(value, bool):
                        self.error(where, f"'{q.id}' is a yes/no question; {value!r} is not yes or no")
                    elif q.kind == "one_of" and value not in q.allowed_values():
                        self.error(where, f"'{q.id}' has no choice {value!r} (allowed: {', '.join(q.allowed_values())})")
                    elif q.kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
                        self.error(where, f"'{q.id}' is a number question; {value!r} is not a number")
                if q.kind != "number" and leaf.op in ("gt", "ge", "lt", "le"):
                    self.error(where, f"'{q.id}' is not a number question; '{leaf.op}' does not apply")
            elif isinstance(leaf, Concluded):
                if answers_only:
                    self.error(where, f"reads the conclusion {leaf.kind} {leaf.id}; only answers are allowed here")
                elif self.kb.entry(leaf.kind, leaf.id) is None:
                    self.error(where, f"reads {leaf.kind} '{leaf.id}', which the catalogue does not define")
                elif (leaf.kind, leaf.id) not in reached:
                    self.error(where, f"reads {leaf.kind} '{leaf.id}', which no rule concludes")

    # -- the checks
    def run(self) -> list[str]:
        kb = self.kb
        reached = self.concluded_by_rules()
        self.check_vocabulary()
        self.check_unique_ids()
        for q in kb.questions.values():
            where = f"questions.yaml: question {q.id}"
            self.check_cite(where, q.cite)
            if q.section not in {s.id for s in kb.sections}:
                self.error(where, f"unknown section '{q.section}'")
            if q.id in conditions.RESERVED:
                self.error(where, f"'{q.id}' is a reserved word of the condition language")
            self.check_condition(where + ", ask_when", q.ask_when, reached)
        for rule in kb.rules:
            where = f"{rule.source_file}: rule {rule.id}"
            self.check_cite(where + ", cite", rule.cite)
            self.check_links(where + ", links", rule.links)
            self.check_condition(where + ", when", rule.when, reached)
            if kb.entry(rule.then.kind, rule.then.id) is None:
                self.error(where + ", then", f"concludes {rule.then.kind} '{rule.then.id}', which the catalogue does not define")
            self.check_semantics(where, rule)
        self.check_catalogue(reached)
        self.check_reachability(reached)
        self.check_questions_read()
        try:
            stratify(kb.rules)
        except CycleError as exc:
            self.error("rules", str(exc))
        self.check_positive_cycles()
        return self.errors

    def check_semantics(self, where: str, rule) -> None:
        """Evidence levels and remedy rules say what the diagnosis will make of them."""
        kb = self.kb
        read = [(leaf, positive) for leaf, positive in conditions.signed_leaves(rule.when)]
        if rule.then.evidence_level == "observed":
            incidents = [leaf for leaf, positive in read if positive and isinstance(leaf, AnswerTest)
                         and leaf.question in kb.questions and kb.questions[leaf.question].incident]
            if not incidents:
                self.error(where + ", then", "evidence observed needs a reported incident: the rule reads no incident question")
        if rule.then.kind == "remedy" and rule.then.id in kb.remedies:
            addresses = set(kb.remedies[rule.then.id].addresses)
            for leaf, positive in read:
                if positive and isinstance(leaf, Concluded) and leaf.kind == "problem" and leaf.id not in addresses:
                    self.error(where + ", when", f"reaches remedy {rule.then.id} from problem {leaf.id}, "
                               "which the remedy's catalogue entry does not address")

    def check_vocabulary(self) -> None:
        kb, vocab = self.kb, self.vocabulary
        for kind, canonical, table in (("type", set(vocab["types"]), kb.types),
                                       ("problem", set(vocab["problems"].values()), kb.problems),
                                       ("remedy", set(vocab["remedies"].values()), kb.remedies),
                                       ("actor", set(vocab["actors"]), kb.actors)):
            for ident in table:
                if ident not in canonical:
                    self.error(f"catalogue: {kind} {ident}", "id is not in the canonical vocabulary")
            for ident in sorted(canonical - set(table)):
                self.error(f"catalogue: {kind} {ident}", "vocabulary id has no catalogue entry")
        codes = {**{v: k for k, v in vocab["problems"].items()}, **{v: k for k, v in vocab["remedies"].items()}}
        for entry in list(kb.problems.values()) + list(kb.remedies.values()):
            if entry.id in codes and entry.code != codes[entry.id]:
                self.error(f"catalogue: {entry.id}", f"code {entry.code} should be {codes[entry.id]}")

    def check_unique_ids(self) -> None:
        seen: dict[str, str] = {}
        catalogue = self.kb.catalogue
        groups = [("question", [q.id for q in self.kb.questions.values()])]
        raw_questions = load_document(self.kb.root / "questions.yaml").data.get("questions") or []
        question_ids = [q.get("id") for q in raw_questions if isinstance(q, dict)]
        for qid in {q for q in question_ids if question_ids.count(q) > 1}:
            self.error(f"questions.yaml: question {qid}", "duplicate question id")
        rule_ids = [r.id for r in self.kb.rules]
        for rid in sorted({r for r in rule_ids if rule_ids.count(r) > 1}):
            files = sorted({r.source_file for r in self.kb.rules if r.id == rid})
            self.error(f"{', '.join(files)}: rule {rid}", "duplicate rule id")
        for kind in ("types", "problems", "remedies", "facts", "consequences", "stages", "actors"):
            ids = [e.id for e in getattr(catalogue, kind)]
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                self.error(f"catalogue: {kind[:-1]} {dup}", "duplicate id")
            groups.append((kind[:-1], ids))
        for kind, ids in groups:
            for ident in ids:
                if ident in seen and seen[ident] != kind:
                    self.error(f"catalogue: {kind} {ident}", f"id is also used by a {seen[ident]}")
                seen.setdefault(ident, kind)

    def check_catalogue(self, reached: set) -> None:
        kb = self.kb
        case_range = self.vocabulary["cases"]
        for kind in ("types", "problems", "remedies", "facts", "consequences", "stages"):
            for entry in getattr(kb.catalogue, kind):
                where = f"catalogue: {kind[:-1]} {entry.id}"
                for cite in entry.evidence:
                    self.check_cite(where + ", evidence", cite)
                self.check_links(where + ", links", entry.links)
                for note in entry.notes:
                    if note.cite is not None:
                        self.check_cite(where + ", notes", note.cite)
                    self.check_links(where + ", notes", note.links)
                    for ident in note.raises:
                        if ident not in kb.problems and ident not in kb.facts:
                            self.error(where + ", notes.raises", f"'{ident}' is not a problem or fact")
                    for ident in note.prefer:
                        if ident not in kb.remedies:
                            self.error(where + ", notes.prefer", f"'{ident}' is not a remedy")
                for precedent in getattr(entry, "precedents", []):
                    number = int(precedent.case[2:])
                    if not case_range["first"] <= number <= case_range["last"]:
                        self.error(where + ", precedents", f"case {precedent.case} is outside K-01..K-56")
        for t in kb.types.values():
            if t.parent and t.parent not in kb.types:
                self.error(f"catalogue: type {t.id}", f"parent '{t.parent}' is not a type")
        for s in kb.stages.values():
            if s.next and s.next not in kb.stages:
                self.error(f"catalogue: stage {s.id}", f"next '{s.next}' is not a stage")
        for r in kb.remedies.values():
            where = f"catalogue: remedy {r.id}"
            for p in r.addresses:
                if p not in kb.problems:
                    self.error(where + ", addresses", f"'{p}' is not a problem")
            self.check_condition(where + ", in_place_when", r.in_place_when, reached, answers_only=True)
            self.check_condition(where + ", fits_when", r.fits_when, reached)
            for qid, value in r.adoption_sets.items():
                self.check_condition(where + ", adoption_sets", conditions.parse({qid: value}), reached)
            for pre in r.preconditions:
                self.check_cite(where + f", precondition {pre.id}", pre.cite)
                self.check_links(where + f", precondition {pre.id}", pre.links)
                self.check_condition(where + f", precondition {pre.id}", pre.when, reached)
                for b in pre.build_first:
                    if b not in kb.remedies:
                        self.error(where + f", precondition {pre.id}", f"build_first '{b}' is not a remedy")

    def check_reachability(self, reached: set) -> None:
        kb = self.kb
        for kind, table in (("type", kb.types), ("problem", kb.problems), ("remedy", kb.remedies),
                            ("fact", kb.facts), ("consequence", kb.consequences), ("stage", kb.stages)):
            for ident in table:
                if (kind, ident) not in reached:
                    self.error(f"catalogue: {kind} {ident}", "no rule can reach this conclusion")

    def check_questions_read(self) -> None:
        kb = self.kb
        read: set[str] = set()
        conds = [r.when for r in kb.rules] + [r.in_place_when for r in kb.remedies.values()] + \
                [r.fits_when for r in kb.remedies.values()] + \
                [p.when for r in kb.remedies.values() for p in r.preconditions]
        for cond in conds:
            if cond is not None:
                read |= {leaf.question for leaf in conditions.leaves(cond) if isinstance(leaf, AnswerTest)}
        for qid in kb.questions:
            if qid not in read:
                self.error(f"questions.yaml: question {qid}", "no rule or catalogue condition reads this question")

    def check_positive_cycles(self) -> None:
        """A conclusion must not depend on itself through any chain of rules."""
        deps: dict[tuple, set[tuple]] = {}
        for rule in self.kb.rules:
            key = (rule.then.kind, rule.then.id)
            deps.setdefault(key, set()).update(
                (leaf.kind, leaf.id) for leaf in conditions.leaves(rule.when) if isinstance(leaf, Concluded))
        state: dict[tuple, int] = {}

        def visit(node: tuple, path: list) -> None:
            if state.get(node) == 2:
                return
            if state.get(node) == 1:
                cycle = path[path.index(node):] + [node]
                self.error("rules", "cycle: " + " -> ".join(f"{k}:{i}" for k, i in cycle))
                return
            state[node] = 1
            for dep in sorted(deps.get(node, ())):
                visit(dep, path + [node])
            state[node] = 2

        for node in sorted(deps):
            visit(node, [])


def check(root: Path | None = None, extra_files: list[Path] | None = None) -> list[str]:
    """Lint a rule base (the bundled one unless root is given), plus any extra rule files."""
    root = Path(root) if root else rules_dir()
    try:
        kb = load_knowledge_base(root, extra_files, trust_cache=False)   # a lint validates, even from the cache
    except InputError as exc:
        return [exc.message]
    return Linter(kb).run()
