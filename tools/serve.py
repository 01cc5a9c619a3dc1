"""Preview the built book over HTTP (``make serve``), as GitHub Pages will serve it.

Serves a folder (the built book, _build/html) on 127.0.0.1 only, and compresses text files
(HTML, CSS, JavaScript, JSON, SVG) with gzip for a browser that accepts it, as GitHub Pages
does, so page weights and load times measured here are those of the published site.

Usage: python tools/serve.py [FOLDER] [--port PORT]   (or: make serve PORT=8080)
"""

import argparse
import gzip
import http.server
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".ipynb", ".map"}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the folder; text files gzip-compressed when the browser accepts that."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0 picks a free port), not yet started."""
    handler = partial(Handler, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=ROOT / "_build" / "html", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.folder / "index.html").exists():
        sys.exit(f"{args.folder} holds no built book: run make book (make serve does)")
    try:
        server = serve(args.folder, args.port)
    except OSError as error:
        sys.exit(f"cannot serve on port {args.port} ({error}): try make serve PORT=8080")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"Serving {args.folder} at {url} (Ctrl+C stops)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()


if __name__ == "__main__":
    main()
