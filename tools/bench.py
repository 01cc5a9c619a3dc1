"""Benchmarks of the explorers (``make bench``): prints figures, asserts nothing.

For each explorer in ``calcopt.explore.CATALOGUE``:

- live update latency: a control change until the new figure PNG is ready, median and p95 over
  40 updates, beside a naive baseline measured in the same run that re-creates the whole figure
  on each change (as ``ipywidgets.interact`` does);
- static payload: bytes of the explorer's self-contained HTML;
- frame switch in the browser: time of the page's render function per control change.

Then the total weight of each chapter page of the built book (every byte the browser loads,
cold cache) and the part that belongs to the page alone (its HTML and images).

Then the time of a 200 x 200 grid of runs for the basins of attraction
(``calcopt.optimize.basins``).

Targets (issue 3): live median <= 35 ms and faster than naive; payload <= 400 KB; page
<= 2.5 MB; frame switch <= 16 ms. Issue 6: a 200 x 200 basins grid in under 2 s.
"""

import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from calcopt import basins
from calcopt.explore import CATALOGUE, Choice
from calcopt.explore.draw import make_artist, update_artist
from calcopt.explore.live import LiveExplorer
from calcopt.explore.static import StaticExplorer

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
UPDATES = 40


def changes(explorer, rng) -> list[dict]:
    """A seeded sequence of control changes over the live sliders' full ranges."""
    sequence = []
    for _ in range(UPDATES):
        values = {}
        for control in explorer.controls:
            if isinstance(control, Choice):
                values[control.name] = str(rng.choice(list(control.options)))
            elif control.log:
                values[control.name] = float(
                    np.exp(rng.uniform(np.log(control.low), np.log(control.high)))
                )
            else:
                values[control.name] = control.cast(rng.uniform(control.low, control.high))
        sequence.append(values)
    return sequence


def naive(explorer, values: dict) -> bytes:
    """Re-create the whole figure for one change and encode it, as ipywidgets.interact would."""
    scene_values = {
        c.name: c.options[values[c.name]] if isinstance(c, Choice) else values[c.name]
        for c in explorer.controls
    }
    key = tuple(
        c.index_of(values[c.name])
        for c in explorer.controls
        if isinstance(c, Choice) and c.backdrop
    )
    fig = plt.figure(figsize=explorer.figsize, dpi=100)
    axes = [panel.draw(fig) for panel in explorer.panels_for(key)]
    scene = explorer.frame(**scene_values)
    for layer in explorer.layers:
        artist = make_artist(axes[layer.axes], layer)
        artist.set_animated(False)
        update_artist(artist, layer, *scene.layers[layer.name])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def timings(function, sequence) -> list[float]:
    result = []
    for values in sequence:
        start = time.perf_counter()
        function(values)
        result.append((time.perf_counter() - start) * 1e3)
    return result


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} / {np.percentile(values, 95):.1f}"


def table(header: list[str], rows: list[list[str]]) -> None:
    """Print rows as aligned columns."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for line in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))


def live_and_static() -> None:
    rows = []
    for name, factory in CATALOGUE.items():
        explorer = factory()
        sequence = changes(explorer, np.random.default_rng(7))
        live = LiveExplorer(explorer)
        fast = timings(lambda values, live=live: live.set(**values), sequence)
        slow = timings(lambda values, explorer=explorer: naive(explorer, values), sequence)
        payload = StaticExplorer(explorer).nbytes
        rows.append([name, summary(fast), summary(slow), f"{payload / 1e3:.1f}"])
    header = ["explorer", "live ms (median / p95)", "naive ms (median / p95)", "static KB"]
    table(header, rows)


def basins_grid() -> None:
    """Best of three timings of each method over a 200 x 200 grid of starts on Himmelblau."""
    from calcopt.functions import himmelblau

    rows = []
    for method, options in (("gd", {"lr": 0.01}), ("newton", {})):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            basins(himmelblau, method, num=200, **options)
            times.append(time.perf_counter() - start)
        rows.append([f"basins {method}, Himmelblau, 200 x 200", f"{min(times):.2f}"])
    print()
    table(["grid run", "seconds (best of 3; target < 2)"], rows)


def pages() -> None:
    if not (HTML / "index.html").exists():
        print("\n(building the book for the page measurements)")
        subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", "--all", str(ROOT)],
            check=True,
            env={**os.environ, "CALCOPT_EXPLORERS": "static"},
            stdout=subprocess.DEVNULL,
        )
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import CHROMIUM, FLAGS

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        for page_file in sorted((HTML / "book").glob("*.html")):
            page = browser.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda r, sizes=sizes: sizes.__setitem__(r.url, len(r.body())))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("networkidle")
            images = sum(size for url, size in sizes.items() if "/_images/" in url)
            switches = page.evaluate(FRAME_SWITCH)
            timing = f"{statistics.median(switches):.2f} / {max(switches):.2f}" if switches else "-"
            rows.append(
                [
                    page_file.name,
                    f"{sum(sizes.values()) / 1e6:.2f}",
                    f"{(page_file.stat().st_size + images) / 1e3:.0f}",
                    str(page.locator(".calcopt-explorer").count()),
                    timing,
                ]
            )
            page.close()
        browser.close()
    print()
    header = ["page", "total MB", "own KB", "explorers", "frame switch ms (median / max)"]
    table(header, rows)


# Moves every range input of every explorer through all its positions and times the render.
FRAME_SWITCH = """
async () => {
  const times = [];
  for (const root of document.querySelectorAll('.calcopt-explorer')) {
    while (!root.hasAttribute('data-ready')) { await new Promise(r => setTimeout(r, 20)); }
    for (const input of root.querySelectorAll('input[type=range]')) {
      for (let v = 0; v <= Number(input.max); v++) {
        input.value = String(v);
        const start = performance.now();
        input.dispatchEvent(new Event('input'));
        times.push(performance.now() - start);
      }
    }
  }
  return times;
}
"""


if __name__ == "__main__":
    live_and_static()
    basins_grid()
    pages()
