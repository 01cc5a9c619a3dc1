"""Self-check questions: how answers are checked, how questions are declared, and the markup.

The page checks answers with ``quiz.js`` from what the markup carries; these tests pin the
Python side (the reference) and the markup itself: self-contained (no request), the same on
every run (nbval compares it), and accessible (labels, a fieldset per question, a status line).
"""

import math
import re
from html.parser import HTMLParser

import pytest

from calcopt.exercises import Verdict
from calcopt.quiz import Choice, Number, Quiz, parse_number, rounding_tolerance
from calcopt.quiz.questions import EMPTY_CHOICE, EMPTY_NUMBER, LABELS, UNREADABLE


def limit_question() -> Number:
    return Number(
        "Booth: above which learning rate does gradient descent diverge?",
        1 / 9,
        0.0005,
        why="2/L = 2/18.",
        hint="Divide 2 by the largest eigenvalue.",
        mistakes=[(1 / 18, "That is 1/L."), (0.1, "That is the best step, 2/(μ + L).")],
    )


def kind_question() -> Choice:
    return Choice(
        "What is 0 for x³?",
        ["A minimum", "A maximum", "Neither"],
        2,
        ["f(−0.1) < 0 = f(0).", "f(0.1) > 0 = f(0).", "f increases through 0."],
    )


def demo_quiz() -> Quiz:
    extra = Number("2/8?", 0.25, 0.001, "A quarter.", "Divide 2 by 8.")
    return Quiz("demo-quiz", [limit_question(), kind_question(), extra])


# -- reading a typed number ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.111", 0.111),
        ("  -3 ", -3.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("+2", 2.0),
        ("1e-3", 1e-3),
        ("2.5E+4", 25000.0),
        ("1/8", 0.125),
        ("-1 / 4", -0.25),
        ("1e-1/2", 0.05),
        ("−0.5", -0.5),
    ],
)
def test_a_typed_number_is_read_as_a_reader_means_it(text, value):
    assert parse_number(text) == value, f"{text!r} is the number {value}, typed by a reader"


@pytest.mark.parametrize(
    "text", ["abc", "0,5", "1/0", "1e999", "1..2", "--1", "1/2/3", "e5", "½", "٣", "", "nan", "inf"]
)
def test_text_that_is_not_a_finite_number_reads_as_nan(text):
    assert math.isnan(parse_number(text)), (
        f"{text!r} is not a finite number as the page reads numbers (ASCII digits, a point, an "
        f"exponent, a fraction); it must read as NaN"
    )


# -- checking a number ----------------------------------------------------------------------------


def test_a_number_question_gives_four_different_verdicts_and_messages():
    q = limit_question()
    feedback = {text: q.check(text) for text in ("0.111", "0.3", "abc", "")}
    assert [str(f.verdict) for f in feedback.values()] == [
        "correct",
        "incorrect",
        "invalid",
        "unanswered",
    ], "a right, a wrong, a malformed and an empty answer get the four different verdicts"
    assert feedback["0.111"].message == q.why, "a right answer is told why it is right"
    assert feedback["0.3"].message == q.hint, "a wrong answer without a known slip gets the hint"
    assert feedback["abc"].message == UNREADABLE.format(answer="“abc”"), (
        "a malformed answer is quoted back and told what a number looks like"
    )
    assert feedback[""].message == EMPTY_NUMBER, "an empty answer is asked to type a number"
    assert len({f.message for f in feedback.values()}) == 4, "the four messages differ"


def test_a_known_slip_gets_its_own_message():
    q = limit_question()
    assert q.check("0.0556").message == "That is 1/L.", "1/18 typed to three digits is the 1/L slip"
    assert q.check("1/10").message == "That is the best step, 2/(μ + L).", (
        "a fraction is read before it is compared with the slips"
    )
    assert q.check("0.0556").verdict is Verdict.INCORRECT, "a slip is still a wrong answer"


def test_the_tolerance_is_absolute_and_inclusive():
    q = Number("Half?", 0.5, 0.25, "A half.", "Divide.")
    assert q.check("0.75").correct and q.check("0.25").correct, (
        "an answer exactly one tolerance away is right (the page compares with <=)"
    )
    assert not q.check("0.7500001").correct, "an answer just beyond the tolerance is wrong"
    exact = Number("Ones?", 1, 0, "One.", "Count.")
    assert exact.check("1").correct and not exact.check("1.0000001").correct, (
        "a tolerance of 0 accepts only the exact value"
    )


def test_a_number_answer_can_be_given_as_a_number_from_python():
    q = limit_question()
    assert q.check(1 / 9).correct, "a float is compared directly"
    assert q.check(None).verdict is Verdict.UNANSWERED, "None is an answer not yet given"
    assert q.check(True).verdict is Verdict.INVALID, "a boolean is not a number"
    assert q.check(float("inf")).verdict is Verdict.INVALID, "an infinite value is not an answer"


@pytest.mark.parametrize(
    ("target", "digits", "tolerance"),
    [(0.2192, 3, 0.0005), (4.373, 3, 0.005), (10034.3, 2, 500.0), (-24.4, 3, 0.05)],
)
def test_rounding_tolerance_is_half_a_unit_in_the_last_digit(target, digits, tolerance):
    assert rounding_tolerance(target, digits) == pytest.approx(tolerance), (
        f"{target} to {digits} significant digits is accepted within {tolerance}"
    )
    q = Number("q?", target, rounding_tolerance(target, digits), "why", "hint")
    assert q.check(f"{target:.{digits}g}").correct, "the target rounded to those digits is right"


def test_rounding_tolerance_needs_a_nonzero_target():
    with pytest.raises(ValueError, match="target must be nonzero"):
        rounding_tolerance(0.0, 3)


@pytest.mark.parametrize(
    ("target", "tolerance", "shown"),
    [(1 / 9, 0.0005, "0.111"), (1.2707, 0.005, "1.27"), (-24.4, 0.05, "-24.4"), (1.0, 0, "1")],
)
def test_the_shown_answer_has_the_decimals_the_tolerance_asks_for(target, tolerance, shown):
    q = Number("q?", target, tolerance, "why", "hint")
    assert q.answer_text == shown, f"{target} within {tolerance} is shown as {shown}"
    assert q.check(q.answer_text).correct, "the answer the page shows passes its own check"


# -- checking a choice ----------------------------------------------------------------------------


def test_a_choice_question_gives_four_different_verdicts_and_messages():
    q = kind_question()
    right, wrong, malformed, empty = q.check(2), q.check(0), q.check(3), q.check(None)
    assert (right.verdict, wrong.verdict, malformed.verdict, empty.verdict) == (
        Verdict.CORRECT,
        Verdict.INCORRECT,
        Verdict.INVALID,
        Verdict.UNANSWERED,
    ), "a right, a wrong, an impossible and a missing pick get the four different verdicts"
    assert right.message == "f increases through 0.", "the right option explains itself"
    assert wrong.message == "f(−0.1) < 0 = f(0).", "a wrong option gets its own explanation"
    assert empty.message == EMPTY_CHOICE, "no pick is asked to pick"
    assert q.check("2").verdict is Verdict.INVALID, "a pick is an index, not a string"


def test_one_explanation_serves_every_option():
    q = Choice("Even?", ["yes", "no"], 0, "2 = 2 x 1.")
    assert q.why == ("2 = 2 x 1.", "2 = 2 x 1."), "a single sentence is shown after any pick"
    assert q.check(1).message == q.check(0).message == "2 = 2 x 1."


# -- declaring questions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Number("", 1, 0, "w", "h"), ValueError, "nonempty string"),
        (lambda: Number("q", float("nan"), 0, "w", "h"), ValueError, "target must be finite"),
        (lambda: Number("q", 1, -1, "w", "h"), ValueError, "tolerance must be a finite number"),
        (lambda: Number("q", 1, 0.1, "w", " "), ValueError, "hint is the text"),
        (lambda: Number("q", 1, 0.1, "w", "h", [(1.05, "m")]), ValueError, "a mistake must be"),
        (lambda: Choice("q", ["only"], 0, "w"), ValueError, "two or more different options"),
        (lambda: Choice("q", ["a", "a"], 0, "w"), ValueError, "two or more different options"),
        (lambda: Choice("q", "ab", 0, "w"), TypeError, "options must be a sequence"),
        (lambda: Choice("q", ["a", "b"], 2, "w"), ValueError, "index of the right option"),
        (lambda: Choice("q", ["a", "b"], 1.0, "w"), TypeError, "answer must be an integer"),
        (lambda: Choice("q", ["a", "b"], 0, ["w"]), ValueError, "one sentence per option"),
        (lambda: Quiz("Demo", [limit_question()] * 3), ValueError, "lowercase words"),
        (lambda: Quiz("demo", [limit_question()] * 2), ValueError, "3 to 5 questions"),
        (lambda: Quiz("demo", [limit_question()] * 6), ValueError, "3 to 5 questions"),
        (lambda: Quiz("demo", [limit_question()] * 2 + ["q"]), TypeError, "Number or a Choice"),
    ],
)
def test_a_bad_declaration_is_refused_with_the_rule(build, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build()


# -- the markup -----------------------------------------------------------------------------------


class Outline(HTMLParser):
    """The parts of the markup the accessibility tests look at."""

    def __init__(self):
        super().__init__()
        self.stack, self.forms, self.urls, self.scripts = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [v for k, v in attrs.items() if k in ("src", "href", "action") and v]
        self.scripts += tag == "script"
        if tag == "form":
            self.forms.append({"attrs": attrs, "tags": [], "unlabelled": [], "status": 0})
        if self.forms and "form" in self.stack:
            form = self.forms[-1]
            form["tags"].append(tag)
            if tag == "input" and "label" not in self.stack:
                form["unlabelled"].append(attrs)
            form["status"] += attrs.get("role") == "status"
            if tag == "button":
                form["button"] = attrs
        if tag not in ("input", "br", "img", "meta", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]


def outline(markup: str) -> Outline:
    parser = Outline()
    parser.feed(markup)
    return parser


def test_the_markup_is_self_contained():
    markup = demo_quiz().html
    found = outline(markup)
    assert found.urls == [], f"the quiz loads nothing: no src, href or action, found {found.urls}"
    assert not re.search(r"https?:|//[a-z]|@import|url\(", markup), (
        "no address, import or url() anywhere in the markup, its style sheet or its script"
    )
    assert found.scripts == 1, "one inline script checks every question of the quiz"


def test_the_markup_is_the_same_on_every_run():
    assert demo_quiz().html == demo_quiz().html, (
        "the markup has no counter, random id or time in it: nbval compares it with the "
        "committed output"
    )
    assert " id=" not in demo_quiz().html, "no element ids, which two quizzes on a page would share"


def test_every_question_is_an_accessible_form():
    found = outline(demo_quiz().html)
    assert len(found.forms) == 3, "one form per question"
    for form in found.forms:
        assert form["attrs"].get("method") == "dialog", (
            "a form without script must not navigate: method=dialog submits nowhere"
        )
        assert form["tags"][:2] == ["fieldset", "legend"], (
            "each question is a fieldset whose legend is the prompt, so its controls are named"
        )
        assert form["unlabelled"] == [], f"every input sits in a label: {form['unlabelled']}"
        assert form["status"] == 1, "one status line announces the verdict to screen readers"
        assert "hidden" in form["button"] and form["button"].get("type") == "submit", (
            "the Check button is a submit button, hidden until the script can check"
        )
        assert "details" in form["tags"] and "summary" in form["tags"], (
            "'Show the answer' works without script"
        )


def test_the_markup_carries_what_the_page_needs_to_check():
    q = limit_question()
    markup = Quiz("demo", [q, kind_question(), q]).html
    assert f'data-target="{q.target!r}"' in markup, "the target travels as Python's repr"
    assert 'data-tolerance="0.0005"' in markup and 'data-why="2/L = 2/18."' in markup
    assert 'data-answer="2"' in markup and 'data-why="f increases through 0."' in markup
    for verdict, label in LABELS.items():
        assert f"&quot;{verdict}&quot;: &quot;{label}&quot;" in markup, (
            f"the page takes the label of the verdict {verdict} from the markup"
        )


def test_text_in_the_markup_is_escaped():
    q = Number('Is 1 < 2 & "true"?', 1, 0, "Yes: 1 < 2.", "<b>Compare</b>.")
    markup = Quiz("demo", [q, q, q]).html
    assert "<b>Compare</b>" not in markup and "&lt;b&gt;Compare" in markup, "texts are escaped"
    assert "1 &lt; 2 &amp; &quot;true&quot;?" in markup


def test_the_plain_text_lists_the_questions():
    text = demo_quiz().text
    assert text.splitlines()[0] == "Check yourself: 3 questions"
    assert "2. What is 0 for x³?" in text and "   - Neither" in text
    bundle = demo_quiz()._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}, "a notebook stores the HTML and the text"
