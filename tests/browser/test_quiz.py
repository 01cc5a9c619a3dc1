"""Self-check questions in the built book: the page checks answers as calcopt.quiz does, offline.

The test rebuilds each question of a chapter page from its markup as a calcopt.quiz question,
answers it in the page (right, wrong, a known slip, malformed, empty), and compares the verdict
and the message the page shows with those Python gives for the same answer. With JavaScript
off the Check buttons stay hidden and every answer is still one click away.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from calcopt.quiz import Choice, Number
from calcopt.quiz.questions import LABELS

from .conftest import toc_files

#: A chapter page with questions of both kinds.
PAGE = "book/01-extrema.html"
#: Typed answers whose reading must agree between the page and Python.
TRICKY = ["1/8", " .5 ", "−0.25", "+1e-1", "2 / 3", "1.", "0,5", "1/0", "1e999", "٣", "½", "--1"]


def question_from(form):
    """The calcopt.quiz question that a form of the page was made from."""
    prompt = re.sub(r"^\d+\.\s*", "", form.locator("legend").inner_text())
    if form.get_attribute("data-kind") == "number":
        return Number(
            prompt,
            float(form.get_attribute("data-target")),
            float(form.get_attribute("data-tolerance")),
            form.get_attribute("data-why"),
            form.get_attribute("data-hint"),
            json.loads(form.get_attribute("data-mistakes")),
        )
    radios = form.locator("input[type=radio]")
    return Choice(
        prompt,
        [label.inner_text().strip() for label in form.locator(".calcopt-options label").all()],
        int(form.get_attribute("data-answer")),
        [radios.nth(i).get_attribute("data-why") for i in range(radios.count())],
    )


def shows(form, feedback):
    """The page shows the verdict and the message that Python gives."""
    expect(form).to_have_attribute("data-verdict", str(feedback.verdict))
    expect(form.locator(".calcopt-feedback")).to_have_text(
        f"{LABELS[feedback.verdict]} {feedback.message}"
    )


def answer_number(form, text: str):
    form.locator("input[name=answer]").fill(text)
    form.locator("input[name=answer]").press("Enter")


def test_the_page_checks_right_and_wrong_answers_of_both_kinds(page):
    assert PAGE.removesuffix(".html") in toc_files(), f"{PAGE} is a page of the book"
    browser_page = page.open(PAGE)
    quiz = browser_page.locator(".calcopt-quiz[data-ready]")
    expect(quiz).to_have_count(1)
    forms = quiz.locator("form.calcopt-question")
    kinds = [form.get_attribute("data-kind") for form in forms.all()]
    assert {"number", "choice"} <= set(kinds), f"{PAGE} asks both kinds of question: {kinds}"
    expect(quiz.locator("button", has_text="Check")).to_have_count(len(kinds))

    number = forms.nth(kinds.index("number"))
    q = question_from(number)
    far = q.target + 10 * (abs(q.target) + q.tolerance) + 1
    for text in [q.answer_text, f"{far:g}", *(repr(v) for v, _ in q.mistakes), "abc", ""]:
        answer_number(number, text)
        shows(number, q.check(text))

    choice = forms.nth(kinds.index("choice"))
    q = question_from(choice)
    choice.locator("button").click()
    shows(choice, q.check(None))
    wrong = (q.answer + 1) % len(q.options)
    for pick in (q.answer, wrong):
        choice.locator(".calcopt-options label").nth(pick).click()
        expect(choice.locator(".calcopt-feedback")).to_have_text("")  # a new pick clears it
        choice.locator("button").click()
        shows(choice, q.check(pick))

    assert page.blocked == [], f"the questions request nothing: {page.blocked}"
    assert page.console_errors == [], f"no console errors: {page.console_errors}"


def test_the_page_reads_a_typed_number_as_python_does(page):
    browser_page = page.open(PAGE)
    form = browser_page.locator(".calcopt-quiz[data-ready] form[data-kind=number]").first
    q = question_from(form)
    for text in TRICKY:
        answer_number(form, text)
        shows(form, q.check(text))
    assert page.console_errors == []


@pytest.fixture
def no_script_page(chromium, book):
    context = chromium.new_context(java_script_enabled=False)
    yield context.new_page(), book
    context.close()


def test_without_javascript_every_answer_is_still_shown(no_script_page):
    browser_page, book = no_script_page
    browser_page.goto((book / PAGE).as_uri())
    forms = browser_page.locator(".calcopt-quiz form.calcopt-question")
    assert forms.count() >= 3, "the questions are in the page's HTML, not made by a script"
    for form in forms.all():
        expect(form.locator("button")).to_be_hidden()  # a Check button that cannot check
        form.locator("summary").click()
        expect(form.locator("details p")).to_be_visible()
        expect(form.locator("details p")).to_contain_text("Answer:")
