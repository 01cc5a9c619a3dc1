"""Lighthouse scores of the built book on a phone (``make bench-lighthouse``); asserts nothing.

Serves ``_build/html`` on a local port with gzip, as GitHub Pages does (a tiny ``http.server``
that compresses text responses), and runs the pinned Lighthouse of ``tools/lighthouse`` (its
default mobile preset: a mid-range phone, simulated slow 4G and a 4x CPU slowdown) in the same
Debian Chromium the browser tests use, on the root page and every chapter of ``_toc.yml``. Prints
one row per page: performance, accessibility, best practices and SEO (0-100), and the main
metrics behind performance (FCP, LCP, TBT, CLS).

Every page is measured in one Chromium, started by this script and kept running (Lighthouse
connects to it with ``--port`` and opens a fresh tab, with the page's cache and storage cleared,
for each page). Launched anew for every page, as Lighthouse does by default, headless Chromium
on a small machine often drops its first frames for a second or two while it starts (the
trace shows ``DroppedFrame`` until the first paint at about 1.24 s, on a 6 KB page as on a
chapter): Lighthouse's simulation then counts every task of that time before the first paint,
and one page scored 72 or 87 by chance (five runs of chapter 4 in fresh Chromiums: first
paint at 0.3, 1.3, 2.2, 0.3, 1.2 s; in one Chromium, six runs: 0.29-0.44 s).

Install Lighthouse once with ``npm ci --prefix tools/lighthouse``.

    python tools/bench_lighthouse.py [PAGE ...]     # pages as in _toc.yml, e.g. book/intro
    python tools/bench_lighthouse.py --plain        # serve without compression
    python tools/bench_lighthouse.py --json DIR     # also keep every report
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CALCOPT_CHROMIUM", "/usr/bin/chromium")
#: The browser tests' flags, and those Lighthouse's own launcher adds to keep a tab in the
#: background from being slowed down.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-renderer-backgrounding "
    "--disable-backgrounding-occluded-windows --disable-background-timer-throttling"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": ("FCP", 1000, "s"),
    "largest-contentful-paint": ("LCP", 1000, "s"),
    "total-blocking-time": ("TBT", 1, "ms"),
    "cumulative-layout-shift": ("CLS", 1, ""),
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".woff")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (text types only)."""

    compress = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, compress: bool) -> http.server.ThreadingHTTPServer:
    handler = type("Served", (Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    sections = toc.get("parts", [toc])
    return [toc["root"]] + [entry["file"] for part in sections for entry in part["chapters"]]


@contextlib.contextmanager
def chromium():
    """A headless Chromium with its DevTools port open; yields the port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as profile:
        command = [CHROMIUM, *CHROME_FLAGS.split(), f"--remote-debugging-port={port}"]
        command += [f"--user-data-dir={profile}", "about:blank"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError(f"Chromium did not open its DevTools port {port}")
            yield port
        finally:
            process.terminate()
            process.wait()


def lighthouse(url: str, port: int) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--port={port}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def row(page: str, report: dict) -> str:
    scores = [report["categories"][c]["score"] for c in CATEGORIES]
    cells = ["  -" if s is None else f"{round(100 * s):3d}" for s in scores]
    metrics = []
    for audit, (name, divisor, unit) in METRICS.items():
        value = report["audits"].get(audit, {}).get("numericValue")
        if value is None:
            metrics.append(f"{name} -")
        elif unit == "s":
            metrics.append(f"{name} {value / divisor:.1f} s")
        elif unit == "ms":
            metrics.append(f"{name} {value:.0f} ms")
        else:
            metrics.append(f"{name} {value:.3f}")
    return f"{page:34s} {cells[0]:>5s} {cells[1]:>5s} {cells[2]:>5s} {cells[3]:>5s}   " + ", ".join(
        metrics
    )


def failing(report: dict) -> list[str]:
    """The audits that cost points outside performance, by id (to see what to fix)."""
    ids = set()
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                ids.add(ref["id"])
    return sorted(ids)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages as _toc.yml names them (default: all)")
    parser.add_argument("--plain", action="store_true", help="serve without compression")
    parser.add_argument("--json", type=Path, help="folder to keep every JSON report in")
    parser.add_argument("--html", type=Path, default=HTML, help="the built book (_build/html)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: npm ci --prefix tools/lighthouse", file=sys.stderr)
        return 1
    if not (args.html / "index.html").exists():
        print(f"No built book at {args.html}: make book", file=sys.stderr)
        return 1
    server = serve(args.html, compress=not args.plain)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    served = "without compression" if args.plain else "gzip-compressed"
    print(f"Lighthouse 12, mobile preset, pages served {served} from {args.html}")
    print(f"{'page':34s} {'perf':>5s} {'a11y':>5s} {'best':>5s} {'seo':>5s}")
    try:
        with chromium() as port:
            for page in args.pages or toc_pages():
                report = lighthouse(f"{base}/{page}.html", port)
                print(row(page, report), flush=True)
                problems = failing(report)
                if problems:
                    print(f"{'':34s} short of 100: {', '.join(problems)}", flush=True)
                if args.json:
                    args.json.mkdir(parents=True, exist_ok=True)
                    name = page.replace("/", "_") + ".json"
                    (args.json / name).write_text(json.dumps(report))
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
