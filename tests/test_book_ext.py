"""The local Sphinx extension's check of notebook cell metadata (book/_ext/offline_book.py)."""

import importlib.util
import json
from pathlib import Path

import pytest
from myst_nb.core.config import NbParserConfig, Section

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("offline_book", ROOT / "book/_ext/offline_book.py")
offline_book = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(offline_book)

PNG = {"output_type": "display_data", "data": {"image/png": "iVBO", "text/plain": "<Figure>"}}
CAPTION = {"caption": "Level curves.", "name": "fig-levels"}


def figure_cell(mystnb: dict, *, tags=(), outputs=(PNG,)) -> dict:
    metadata = {"mystnb": mystnb, "tags": list(tags)}
    return {"cell_type": "code", "metadata": metadata, "source": "", "outputs": list(outputs)}


def test_a_captioned_figure_with_alt_text_passes():
    cell = figure_cell({"figure": CAPTION, "image": {"alt": "Closed curves around a minimum."}})
    assert offline_book.mystnb_problems([cell]) == []


def test_alt_text_under_the_figure_key_is_reported():
    cell = figure_cell({"figure": {**CAPTION, "alt": "Closed curves around a minimum."}})
    assert offline_book.mystnb_problems([{"cell_type": "markdown", "metadata": {}}, cell]) == [
        "cell 1: unknown mystnb key 'figure.alt'; mystnb.figure takes "
        "align, caption, caption_before, classes, name",
        "cell 1: a figure without alt text; describe it in mystnb.image.alt",
    ], "alt text under mystnb.figure is ignored by myst-nb: both the key and the missing alt"


@pytest.mark.parametrize(
    ("mystnb", "key"),
    [
        ({"alt": "A curve.", "image": {"alt": "A curve."}}, "'alt'"),
        ({"image": {"alt": "A curve.", "class": "wide"}}, "'image.class'"),
        ({"image": {"alt": "A curve."}, "remove_input": True}, "'remove_input'"),
    ],
)
def test_a_key_myst_nb_does_not_read_is_reported(mystnb, key):
    problems = offline_book.mystnb_problems([figure_cell(mystnb)])
    assert len(problems) == 1 and f"cell 0: unknown mystnb key {key};" in problems[0], (
        f"a mystnb key that myst-nb ignores must be reported, naming the cell and the key {key}: "
        f"got {problems}"
    )


def test_every_shown_figure_needs_alt_text():
    bare = figure_cell({})
    captioned_without_output = figure_cell({"figure": CAPTION}, outputs=())
    removed = figure_cell({}, tags=["remove-output"])
    text_only = figure_cell({}, outputs=({"output_type": "stream", "text": "2.5\n"},))
    problems = offline_book.mystnb_problems([bare, captioned_without_output, removed, text_only])
    assert [problem.partition(":")[0] for problem in problems] == ["cell 0", "cell 1"], (
        "a cell with an image output or a mystnb.figure setting needs mystnb.image.alt, unless "
        f"its output is removed from the page; got {problems}"
    )


def test_the_known_keys_are_those_the_installed_myst_nb_reads():
    """A myst-nb upgrade that adds or drops a cell-level key must update the extension's table."""
    cell_level = {
        field.metadata.get("cell_key", field.name)
        for field in NbParserConfig.get_fields()
        if Section.cell_lvl in field.metadata.get("sections", ())
    }
    known = offline_book.MYSTNB_SETTINGS | offline_book.MYSTNB_OPTIONS.keys()
    assert known == cell_level, (
        "MYSTNB_SETTINGS and MYSTNB_OPTIONS list exactly the cell-level keys of the installed "
        f"myst-nb; only in the extension: {known - cell_level}, only in myst-nb: "
        f"{cell_level - known}"
    )


@pytest.mark.parametrize("path", sorted((ROOT / "book").glob("*.ipynb")), ids=lambda p: p.stem)
def test_the_chapters_cell_metadata_is_read_by_myst_nb(path):
    problems = offline_book.mystnb_problems(json.loads(path.read_text())["cells"])
    assert problems == [], (
        f"every mystnb key is one myst-nb reads and every figure has alt text; {path.name}: "
        f"{problems}"
    )
