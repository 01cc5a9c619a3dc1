"""The theme's icon font cut down to the icons the book shows (used by ``fast_pages.py``).

pydata-sphinx-theme draws its icons (menu, search, light and dark mode, download, the arrows)
with Font Awesome Free's web fonts: 156 KB for the solid style alone, almost 2,000 icons, of
which the book shows about twenty. A phone fetches that font while it lays out the first
screen (its ``font-display: block`` hides the icons until it comes). The web build keeps, in
each of the three font files, only the glyphs of

- the icons the pages and scripts name by class (``fa-bars``, ``fa-sun``: every ``fa-*`` word
  in the built pages and in ``_static``'s scripts), through the theme stylesheet's
  ``.fa-NAME:before { content: "\\f0c9" }`` rules (aliases included);
- every character a rule of the stylesheet other than those draws itself (such as the arrow
  after "On this page").

The subsets go to ``_static/fonts/<name>-<hash>.woff2`` (named by their content) and the
stylesheet bundles point to them instead of the originals, without the rules of the icons cut
out. Font Awesome Free's fonts are under
the SIL Open Font License 1.1, which allows subsetting; the font names are unchanged, as the
stylesheets ask for them by name.
"""

import hashlib
import io
import os
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

#: A class name of an icon or of a style, as pages and scripts write it.
CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
RULE = re.compile(r"(?P<selectors>[^{}]*)\{(?P<body>[^{}]*)\}")
ICON_SELECTOR = re.compile(r"\.(?P<name>fa-[a-z0-9-]+)::?before")
CHARACTER = re.compile(r'"\\(?P<hex>[0-9a-fA-F]{4,6})"')
FONT_URL = re.compile(r'url\("(?P<url>[^"]*/(?P<stem>fa-[a-z]+-[0-9]+)\.woff2)"\)')


def class_names(texts) -> set[str]:
    """Every ``fa-*`` word in the given texts."""
    return {name for text in texts for name in CLASS.findall(text)}


def unnamed_icon(rule: re.Match, names: set[str]) -> bool:
    """Whether ``rule`` only draws icons (``.fa-NAME:before``) none of whose names is in
    ``names``."""
    if not CHARACTER.search(rule.group("body")):
        return False
    icons = [ICON_SELECTOR.fullmatch(s.strip()) for s in rule.group("selectors").split(",")]
    return all(icons) and not any(icon.group("name") in names for icon in icons)


def characters(css: str, names: set[str]) -> set[int]:
    """The icon font's characters that ``css`` draws for pages using the classes ``names``."""
    return {
        int(m.group("hex"), 16)
        for rule in RULE.finditer(css)
        if not unnamed_icon(rule, names)
        for m in CHARACTER.finditer(rule.group("body"))
    }


def without_unnamed_icons(css: str, names: set[str]) -> str:
    """``css`` without its rules for the icons no page or script names: their glyphs are not in
    the cut fonts, and they were some 1,900 rules, a fifth of a compressed bundle."""
    return RULE.sub(lambda rule: "" if unnamed_icon(rule, names) else rule.group(0), css)


def subset_font(source: Path, wanted: set[int]) -> bytes:
    """``source`` (a WOFF2 file) with only the glyphs of the characters ``wanted``, as WOFF2."""
    font = TTFont(source)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted & set(font.getBestCmap())))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def cut_icon_fonts(bundles: list[Path], texts) -> None:
    """Point each stylesheet bundle's Font Awesome fonts to subsets holding the book's icons,
    and drop its rules for the others."""
    names = class_names(texts)
    written: dict[tuple[Path, frozenset], Path] = {}
    for bundle in bundles:
        css = bundle.read_text(encoding="utf-8")
        wanted = characters(css, names)

        def cut(match: re.Match, bundle=bundle, wanted=wanted) -> str:
            source = (bundle.parent / match.group("url")).resolve()
            if not source.is_file():
                return match.group(0)
            if (source, frozenset(wanted)) not in written:
                content = subset_font(source, wanted)
                key = hashlib.sha256(content).hexdigest()[:12]
                target = bundle.parent / "fonts" / f"{match.group('stem')}-{key}.woff2"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                written[source, frozenset(wanted)] = target
            target = written[source, frozenset(wanted)]
            relative = os.path.relpath(target, bundle.parent).replace(os.sep, "/")
            return f'url("{relative}")'

        new = FONT_URL.sub(cut, without_unnamed_icons(css, names))
        if new != css:
            bundle.write_text(new, encoding="utf-8")
