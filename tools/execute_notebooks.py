"""Re-run every chapter notebook in place so that its committed outputs are current.

Used by ``make execute``. Notebooks run in live mode (explorers as ipywidgets), with no timing
metadata and no saved widget state, so that re-running an unchanged notebook changes nothing
and the committed files stay small.

Usage: python tools/execute_notebooks.py book [NAME ...]  (or: make execute NB="NAME ...")
NAME is a notebook's file name, with or without .ipynb; without names every notebook runs.
"""

import os
import sys
import time
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    client = NotebookClient(
        notebook,
        timeout=60,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    start = time.perf_counter()
    client.execute()
    _stable_widget_ids(notebook, path.stem)
    notebook.metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    nbformat.write(notebook, path)
    return time.perf_counter() - start


def _stable_widget_ids(notebook, name: str) -> None:
    """Replace the random ids of live widgets (whose state is not saved) by stable ones."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view is not None:
                view["model_id"] = uuid.uuid5(uuid.NAMESPACE_URL, f"{name}/{index}").hex


def main(folder: str, *names: str) -> None:
    os.environ.pop("CALCOPT_EXPLORERS", None)  # committed outputs show the live explorers
    paths = sorted(Path(folder).glob("*.ipynb"))
    if names:
        by_name = {key: path for path in paths for key in (path.stem, path.name)}
        unknown = [name for name in names if name not in by_name]
        if unknown:
            sys.exit(f"no notebook {', '.join(unknown)} in {folder}/ (give file names)")
        paths = sorted({by_name[name] for name in names})
    for path in paths:
        seconds = execute(path)
        print(f"{path}: {seconds:5.1f} s, {path.stat().st_size / 1024:6.0f} KB")


if __name__ == "__main__":
    main(*sys.argv[1:])
