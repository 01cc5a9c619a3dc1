// A box that scrolls sideways (a display formula or a code block wider than the text column, a
// wide output or table) can be scrolled from the keyboard only if it takes focus (WCAG 2.1.1,
// axe's scrollable-region-focusable): each one that overflows gets tabindex="0", and loses it
// again when the window grows wide enough for it. This takes over the theme's own tab stops
// (pydata-sphinx-theme's addTabStopsToScrollableElements, switched off in the web pages by
// fast_pages.py), which read every box's width as the page loads and so made the browser lay
// out the whole page at once, sections it had not drawn yet included. Here the widths are read
// in a ResizeObserver, which the browser calls once it has laid a box out anyway: when the
// page loads for what is on screen, later for a section as it is scrolled to. A box in a
// section not drawn yet (content-visibility: auto, fast.css) is left alone, since reading its
// width would lay that section out; it keeps the tab stop the build gives it (fast_pages.py),
// so the keyboard never skips one, and is measured when its section is drawn.
"use strict";
(() => {
  if (!window.ResizeObserver) return;
  const SCROLLING = [
    'mjx-container[display="true"]',
    "pre",
    ".nboutput > .output_area",
    ".cell_output > .output",
    ".jp-RenderedHTMLCommon",
    ".pst-scrollable-table-container",
  ].join(", ");
  const drawn = (box) => box.checkVisibility?.({ contentVisibilityAuto: true }) ?? true;
  const mark = (entries) => {
    const boxes = entries.map(({ target }) => target).filter(drawn);
    const wide = boxes.map((box) => box.scrollWidth > box.clientWidth);
    boxes.forEach((box, i) => {
      if (wide[i]) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  };
  const observer = new ResizeObserver(mark);
  const watch = (root = document) => {
    root.querySelectorAll(SCROLLING).forEach((box) => {
      observer.unobserve(box); // observed again: the observer reports it once more
      observer.observe(box);
    });
  };
  // A lazy section that is drawn: measure its boxes now.
  document.addEventListener("contentvisibilityautostatechange", (event) => {
    if (!event.skipped) watch(event.target);
  }, true);
  // Where MathJax typesets in the browser (a build without Node), its formulas come later.
  window.addEventListener("load", () =>
    (window.MathJax?.startup?.promise ?? Promise.resolve()).then(() => watch()));
})();
