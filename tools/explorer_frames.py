"""Snapshot every static explorer's frames, and compare two snapshots (refactors prove no change).

A snapshot holds, for each explorer of ``calcopt.explore.CATALOGUE``, its control labels and,
for every frame, each layer's pixel codes (base64 int16 pairs, as the page draws them) and the
readout texts, plus a hash of each backdrop image. Two snapshots agree when every frame draws
the same pixels and shows the same text; a changed backdrop image is reported beside.

Usage:
    python tools/explorer_frames.py snapshot FILE.json.gz
    python tools/explorer_frames.py compare BEFORE.json.gz AFTER.json.gz
"""

import base64
import gzip
import hashlib
import json
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np

from calcopt.explore import CATALOGUE
from calcopt.explore.static import StaticExplorer


def resolved_frames(payload: dict) -> list:
    """Every frame as ([layer codes as base64], [readout texts]), prefixes expanded."""
    strings, frames = payload["strings"], payload["frames"]
    block = len(payload["controls"][-1]["labels"])
    resolved = []
    for index, (layers, readouts) in enumerate(frames):
        last = frames[index - index % block + block - 1]
        row = []
        for i, code in enumerate(layers):
            if code < 0:
                raw = base64.b64decode(strings[last[0][i]])[: 4 * (-1 - code)]
                row.append(base64.b64encode(raw).decode())
            else:
                row.append(strings[code])
        resolved.append([row, [strings[c] for c in readouts]])
    return resolved


def snapshot(path: str) -> None:
    out = {}
    for name, factory in CATALOGUE.items():
        static = StaticExplorer(factory())
        payload = static.payload
        out[name] = {
            "controls": [c["labels"] for c in payload["controls"]],
            "layers": payload["layers"],
            "readouts": payload["readouts"],
            "frames": resolved_frames(payload),
            "backdrops": [hashlib.sha256(b.encode()).hexdigest() for b in payload["backdrops"]],
            "nbytes": static.nbytes,
        }
        print(f"{name}: {len(out[name]['frames'])} frames, {static.nbytes / 1e3:.1f} KB")
    with gzip.open(path, "wt") as handle:
        json.dump(out, handle)


def _pixels(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<i2").reshape(-1, 2)


def compare(before_path: str, after_path: str) -> int:
    with gzip.open(before_path, "rt") as handle:
        before = json.load(handle)
    with gzip.open(after_path, "rt") as handle:
        after = json.load(handle)
    failures = 0
    for name in sorted(set(before) | set(after)):
        if name not in before or name not in after:
            print(f"{name}: only in {'after' if name in after else 'before'}")
            failures += 1
            continue
        a, b = before[name], after[name]
        shape = [key for key in ("controls", "layers", "readouts") if a[key] != b[key]]
        if shape or len(a["frames"]) != len(b["frames"]):
            print(f"{name}: different {', '.join(shape) or 'frame count'}")
            failures += 1
            continue
        differing, worst, texts = 0, 0.0, []
        for (layers_a, readouts_a), (layers_b, readouts_b) in zip(
            a["frames"], b["frames"], strict=True
        ):
            same = readouts_a == readouts_b
            if not same and len(texts) < 3:
                texts.append((readouts_a, readouts_b))
            for code_a, code_b in zip(layers_a, layers_b, strict=True):
                if code_a != code_b:
                    same = False
                    pa, pb = _pixels(code_a), _pixels(code_b)
                    deviation = (
                        np.abs(pa.astype(int) - pb).max() / 2 if pa.shape == pb.shape else np.inf
                    )
                    worst = max(worst, float(deviation))
            differing += not same
        size = f"{a['nbytes'] / 1e3:.1f} -> {b['nbytes'] / 1e3:.1f} KB"
        if "backdrops" in a and "backdrops" in b and a["backdrops"] != b["backdrops"]:
            size += " (backdrop image changed)"
        if differing:
            failures += 1
            print(
                f"{name}: {differing} of {len(a['frames'])} frames differ "
                f"(largest pixel shift {worst:g} px); {size}"
            )
            for old, new in texts:
                print(f"    readouts {old}\n          -> {new}")
        else:
            print(f"{name}: all {len(a['frames'])} frames identical; {size}")
    return failures


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    if command == "snapshot":
        snapshot(*paths)
    else:
        sys.exit(1 if compare(*paths) else 0)
