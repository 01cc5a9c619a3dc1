"""Showing an explorer: live widgets in a kernel, static HTML while the book is built.

The renderer is chosen here, outside the declaration (:mod:`.core` knows no renderer).
"""

from __future__ import annotations

from .._book import static_book
from .core import Explorer
from .live import LiveExplorer
from .static import StaticExplorer


def show(explorer: Explorer) -> LiveExplorer | StaticExplorer:
    """The explorer for display: live ipywidgets, or self-contained HTML in the built book.

    The book build sets ``CALCOPT_EXPLORERS=static``; anywhere else (JupyterLab, a script) the
    explorer is live. Make it the last expression of a cell to display it.

    Examples
    --------
    >>> from calcopt.explore import secant_explorer
    >>> type(show(secant_explorer())).__name__
    'LiveExplorer'
    """
    if static_book():
        return StaticExplorer(explorer)
    return LiveExplorer(explorer)
