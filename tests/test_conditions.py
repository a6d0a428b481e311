"""The condition language: parsing, three-valued evaluation, DNF, and total comparisons."""
import pytest
from hypothesis import given, settings, strategies as st

from diagnose.kb import conditions as c


def test_parse_all_any_not_and_operators():
    tree = c.parse({"all": [{"q1": True}, {"any": [{"n": {"ge": 3}}, {"k": ["a", "b"]}]}, {"not": {"problem": "p"}}]})
    assert isinstance(tree, c.All)
    assert tree.items[0] == c.AnswerTest("q1", "eq", True)
    assert tree.items[1].items[0] == c.AnswerTest("n", "ge", 3)
    assert tree.items[1].items[1] == c.AnswerTest("k", "in", ("a", "b"))
    assert tree.items[2] == c.Not(c.Concluded("problem", "p"))


@pytest.mark.parametrize("raw, reason", [
    ({}, "exactly one key"),
    ({"a": 1, "b": 2}, "exactly one key"),
    ({"all": []}, "non-empty list"),
    ({"q": {"between": 3}}, "unknown operator"),
    ({"q": {"in": 3}}, "'in' expects"),
    ({"problem": ["x"]}, "expects an id"),
    ({"q": {"eq": {"x": 1}}}, "plain value"),
])
def test_parse_errors_name_the_reason(raw, reason):
    with pytest.raises(c.ConditionError, match=reason):
        c.parse(raw)


def test_parse_error_names_the_path():
    with pytest.raises(c.ConditionError) as exc:
        c.parse({"all": [{"q": True}, {"any": [{"r": {"zz": 1}}]}]})
    assert exc.value.path == "all[1].any[0].r"


def test_three_valued_evaluation():
    none = lambda kind, ident: False  # noqa: E731
    cond = c.parse({"all": [{"a": True}, {"b": True}]})
    assert c.evaluate(cond, {"a": True, "b": True}, none) is True
    assert c.evaluate(cond, {"a": True, "b": False}, none) is False
    assert c.evaluate(cond, {"a": True}, none) is None            # b unknown
    assert c.evaluate(cond, {"a": False}, none) is False          # decided despite b unknown
    assert c.evaluate(cond, {"a": True}, none, closed_world=True) is False
    assert c.evaluate(c.parse({"any": [{"a": True}, {"b": True}]}), {"b": True}, none) is True
    assert c.evaluate(c.parse({"not": {"a": True}}), {}, none) is None
    assert c.evaluate(c.parse({"not": {"a": True}}), {}, none, closed_world=True) is True


@pytest.mark.parametrize("op, expected, actual, result", [
    ("gt", 3, 4, True), ("gt", 3, 3, False), ("ge", 3, 3, True), ("lt", 3, 2.5, True), ("le", 3, 4, False),
    ("eq", True, True, True), ("eq", True, 1, False), ("eq", 1, True, False), ("ne", "a", "b", True),
    ("ne", "a", "a", False), ("in", ("a", "b"), "b", True), ("in", ("a", 1), True, False),
    ("gt", 3, "4", False), ("gt", 3, True, False), ("lt", 3, None, False),
])
def test_answer_test_is_exact_and_type_safe(op, expected, actual, result):
    assert c.answer_test(op, expected, actual) is result


ANY_VALUE = st.one_of(st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=3),
                      st.none(), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))


@given(op=st.sampled_from(c.OPERATORS), expected=ANY_VALUE, actual=ANY_VALUE)
def test_answer_test_is_total(op, expected, actual):
    """experta may hand a predicate any value of any fact: it must answer, never raise."""
    if op == "in":
        expected = tuple(expected) if isinstance(expected, list) else (expected,)
    assert c.answer_test(op, expected, actual) in (True, False)


LEAF = st.one_of(
    st.builds(lambda q, v: {q: v}, st.sampled_from(["a", "b", "n"]), st.booleans()),
    st.builds(lambda op, v: {"n": {op: v}}, st.sampled_from(["gt", "ge", "lt", "le", "ne"]), st.integers(0, 4)),
    st.builds(lambda i: {"problem": i}, st.sampled_from(["p", "q"])),
)
TREE = st.recursive(LEAF, lambda inner: st.one_of(
    st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda x: {"not": x}, inner)), max_leaves=8)
ANSWERS = st.fixed_dictionaries({}, optional={"a": st.booleans(), "b": st.booleans(), "n": st.integers(0, 4)})


@settings(max_examples=300)
@given(raw=TREE, answers=ANSWERS, concluded=st.sets(st.sampled_from(["p", "q"])))
def test_dnf_matches_closed_world_evaluation(raw, answers, concluded):
    """The engine compiles DNF branches; they must hold exactly when the condition holds."""
    cond = c.parse(raw)
    lookup = lambda kind, ident: ident in concluded  # noqa: E731

    def literal(leaf, positive):
        value = c.evaluate(leaf, answers, lookup, closed_world=True)
        return value if positive else not value
    by_dnf = any(all(literal(leaf, pos) for leaf, pos in branch) for branch in c.dnf(cond))
    assert by_dnf == c.evaluate(cond, answers, lookup, closed_world=True)
