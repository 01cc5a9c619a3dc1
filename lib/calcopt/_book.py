"""Whether code runs while the static book is being built.

The book build (``make book``) sets the environment variable ``CALCOPT_EXPLORERS=static``.
Explorers then render as kernel-free HTML, and exercise feedback that needs the learner's own
answer invites the reader to run the notebook instead.
"""

import os

#: The environment variable the book build sets, and its value there.
MODE_VARIABLE, STATIC = "CALCOPT_EXPLORERS", "static"


def static_book() -> bool:
    """True while the static book is built (``CALCOPT_EXPLORERS=static``)."""
    return os.environ.get(MODE_VARIABLE) == STATIC
