"""The printable edition (``make pdf``): the whole course in one PDF, read back with pypdf (its
outline and pictures) and Poppler's ``pdftotext`` (its text: 2 s for the 371 pages, where pypdf
takes 30-70 s; Debian's poppler-utils, which .ci/run installs with Chromium).

tools/pdf.py prints the PDF from the web build's executed notebooks (its docstring says how).
The fixture prints it once a session, and only when it is older than the web build or than
tools/pdf.py, so a PDF just made by ``make pdf`` is read as it is; ``make test`` builds the
book before the browser tests, so there it is always printed anew.

What the web pages show is the reference: their titles, the default frame of each of their
explorers (decoded from the page's own frame data) and the code cells of the notebooks.
"""

import base64
import gzip
import html
import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from calcopt.explore.static import decode_frame, frame_index

from .conftest import BUILD_STAMP, ROOT, stored_payload, toc_files

PDF = ROOT / "_build" / "pdf" / "course.pdf"
#: The footer tools/pdf.py prints on every page: "<book title> · 12 / 180".
FOOTER = re.compile(r"[^\n]*·\s*\d+\s*/\s*\d+\s*$")
#: Tags of a code cell whose source the page does not show.
HIDDEN_SOURCE = {"hide-input", "hide-cell", "remove-input", "remove-cell"}


@pytest.fixture(scope="session")
def course_pdf(chromium, book):
    from pypdf import PdfReader

    made = PDF.stat().st_mtime if PDF.exists() else 0.0
    if made < max(BUILD_STAMP.stat().st_mtime, (ROOT / "tools" / "pdf.py").stat().st_mtime):
        subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py")], check=True)
    return PdfReader(PDF)


@pytest.fixture(scope="session")
def page_texts(course_pdf) -> list[str]:
    """The text of each page without its footer, in the order it was printed (``-raw``:
    pdftotext's own reading order mixes side-by-side boxes); every page ends with a form feed."""
    if shutil.which("pdftotext") is None:
        pytest.fail("the PDF's text is read by pdftotext: apt-get install poppler-utils")
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")[: len(course_pdf.pages)]
    assert len(pages) == len(course_pdf.pages), (
        f"pdftotext reads every page of the PDF: {len(pages)} of {len(course_pdf.pages)}"
    )
    return [FOOTER.sub("", page).strip() for page in pages]


@pytest.fixture(scope="session")
def squeezed(page_texts) -> str:
    """All the text of the PDF with no whitespace at all, to look for a text in it."""
    return squeeze("".join(page_texts))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def web_title(book, name: str) -> str:
    """The title of a page of the web book, as its first h1 shows it."""
    heading = re.search(r"<h1>(.*?)</h1>", (book / f"{name}.html").read_text(), re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()


def test_the_outline_lists_every_chapter_in_reading_order(course_pdf, book):
    top = [entry.title for entry in course_pdf.outline if not isinstance(entry, list)]
    found = []
    for name in toc_files():
        title = web_title(book, name)
        entry = rf"(\d+\. )?{re.escape(title)}"
        found.append(next((i for i, t in enumerate(top) if re.fullmatch(entry, t)), None))
        assert found[-1] is not None, (
            f"the PDF's outline has a top-level entry for every page of _toc.yml; {title!r} "
            f"({name}) has none among {top}"
        )
    assert found == sorted(found), (
        f"the outline lists the pages in the order of _toc.yml; it lists them at {found}"
    )


def test_every_chapter_starts_a_page_under_its_title(book, page_texts):
    firsts = [text.split("\n", 1)[0].strip() for text in page_texts]
    for name in toc_files()[1:]:
        title = web_title(book, name)
        assert any(re.fullmatch(rf"(\d+\. )?{re.escape(title)}", line) for line in firsts), (
            f"each chapter starts on a new page whose first line is its title; no page starts "
            f"with {title!r} ({name})"
        )


def test_no_page_is_empty(course_pdf, page_texts):
    empty = [
        number
        for number, (page, text) in enumerate(zip(course_pdf.pages, page_texts, strict=True), 1)
        if not text and not page.images
    ]
    assert empty == [], (
        f"every page of the PDF has text (besides its footer) or a picture; pages {empty} of "
        f"{len(page_texts)} are empty"
    )


def explorers(book):
    """Each explorer of the web book: its page, name, frame data and its controls' markup."""
    for name in toc_files():
        page = (book / f"{name}.html").read_text()
        starts = list(re.finditer(r'<div class="calcopt-explorer" data-explorer="([^"]+)"', page))
        ends = [start.start() for start in starts[1:]] + [len(page)]
        for start, end in zip(starts, ends[: len(starts)], strict=True):
            markup = page[start.start() : end]
            script = re.search(r'data-payload="([^"]+)"', markup).group(1)
            frames = stored_payload((book / f"{name}.html").parent / script)["frames"]
            data = json.loads(gzip.decompress(base64.b64decode(frames)))
            yield name, start.group(1), data, markup


def default_controls(data: dict, markup: str) -> tuple[list[int], str]:
    """The controls' default positions, and the text they would print: labels and values."""
    positions, printed = [], ""
    for control in data["controls"]:
        named = rf'data-control="{control["name"]}"'
        field = re.search(rf"<label>([^<]*)<(input|select)[^>]*{named}", markup)
        if field.group(2) == "input":
            tag = re.search(rf"<input[^>]*{named}[^>]*>", markup)
            position = int(re.search(r'value="(\d+)"', tag.group(0)).group(1))
        else:
            options = markup[field.end() : markup.index("</select>", field.end())]
            position = int(re.search(r'<option value="(\d+)" selected', options).group(1))
        positions.append(position)
        printed += html.unescape(field.group(1)) + control["labels"][position]
    return positions, printed


def test_explorers_print_their_default_frame_without_controls(book, squeezed):
    count = 0
    for page, name, data, markup in explorers(book):
        positions, controls = default_controls(data, markup)
        readouts = decode_frame(data, frame_index(data, positions))[1]
        missing = [text for text in readouts if squeeze(text) not in squeezed]
        assert missing == [], (
            f"an explorer prints its default frame: the readouts of {name} ({page}) at its "
            f"default positions are in the PDF; {missing} are not"
        )
        assert squeeze(controls) not in squeezed, (
            f"an explorer prints no controls; the PDF shows those of {name} ({page}): {controls}"
        )
        count += 1
    assert count > 0, "the book shows explorers, so the PDF prints some"


#: What the web pages show only on screen, to be pressed: nothing to press on paper.
SCREEN_ONLY = ("Show code cell source", "Hide code cell source", "Show code cell output")


def test_no_button_labels_are_printed(squeezed):
    printed = [label for label in SCREEN_ONLY if squeeze(label) in squeezed]
    assert printed == [], f"the PDF prints no labels of buttons and toggles; it prints {printed}"


def test_maths_is_typeset(squeezed):
    raw = [delimiter for delimiter in (r"\(", r"\)", r"\[", r"\]", "$$") if delimiter in squeezed]
    assert raw == [], (
        f"every formula is typeset in the PDF, none left as TeX; it shows the delimiters {raw}"
    )


def test_shown_code_is_printed_whole(squeezed):
    cut = []
    for name in toc_files():
        path = ROOT / f"{name}.ipynb"
        if not path.exists():
            continue
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or HIDDEN_SOURCE & set(cell.metadata.get("tags", [])):
                continue
            lines = [squeeze(line) for line in cell.source.splitlines()]
            cut += [f"{name}: {line}" for line in lines if line and line not in squeezed]
    assert cut == [], (
        f"every line of every code cell the pages show is in the PDF, whole; {len(cut)} are "
        f"not, such as {cut[:5]}"
    )
