"""Certainty's two ways to the same fixpoint: one pass in dependency order (no fired rule depends on
itself) and the rounds (a subtype rule reads its parent, which the subtype implies). Forcing the
rounds everywhere must give the very same diagnoses, byte for byte."""
from diagnose.inference import certainty
from diagnose.inference.diagnosis import diagnose
from diagnose.inference.fixpoint import FixpointEvaluator
from diagnose.kb.profile import load_profile
from diagnose.output.render import to_json

from test_bulk import seeded_profiles


def test_one_pass_in_dependency_order_gives_the_rounds_numbers(kb, case_paths, monkeypatch):
    profiles = [load_profile(kb, path) for path in case_paths] + seeded_profiles(kb, 400, seed=41)
    evaluator = FixpointEvaluator(kb)
    paths = {"one pass": 0, "rounds": 0}
    order = certainty._dependency_order

    def counted(producers, shapes):
        found = order(producers, shapes)
        paths["rounds" if found is None else "one pass"] += 1
        return found

    monkeypatch.setattr(certainty, "_dependency_order", counted)
    usual = [to_json(diagnose(kb, p, runner=evaluator)) for p in profiles]
    assert paths["one pass"] > 50 and paths["rounds"] > 10, paths   # both ways are exercised
    monkeypatch.setattr(certainty, "_dependency_order", lambda producers, shapes: None)
    rounds_only = [to_json(diagnose(kb, p, runner=evaluator)) for p in profiles]
    assert usual == rounds_only


def test_a_rule_that_reads_its_own_support_is_found_as_a_cycle():
    class Shape:
        def __init__(self, *used):
            self.used = list(used)

    producers = {("type", "sub"): ["r_sub"], ("type", "parent"): ["r_parent", "sub_implies_parent"]}
    shapes = {"r_sub": Shape(("type", "parent")), "r_parent": Shape(), "sub_implies_parent": Shape(("type", "sub"))}
    assert certainty._dependency_order(producers, shapes) is None
    shapes["sub_implies_parent"] = Shape()
    assert certainty._dependency_order(producers, shapes) == [("type", "parent"), ("type", "sub")]
