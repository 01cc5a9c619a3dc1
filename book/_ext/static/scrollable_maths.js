// A display formula wider than the text column scrolls sideways (the theme gives it overflow:
// auto). A keyboard reader can scroll it only if it takes focus (WCAG 2.1.1), so each formula
// that overflows gets tabindex="0", and loses it again when the window grows wide enough for it.
// The widths are read in a ResizeObserver, which the browser calls after it has laid the page
// out anyway (and again whenever a formula's size changes): reading them at load instead made
// the browser lay the whole page out once more, a long task on a phone.
"use strict";
(() => {
  if (!window.ResizeObserver) return;
  const mark = (entries) => {
    const wide = entries.map(({ target }) => target.scrollWidth > target.clientWidth);
    entries.forEach(({ target }, i) => {
      if (wide[i]) target.setAttribute("tabindex", "0");
      else target.removeAttribute("tabindex");
    });
  };
  const observer = new ResizeObserver(mark);
  const watch = () => {
    document.querySelectorAll('mjx-container[display="true"]').forEach((formula) =>
      observer.observe(formula));
  };
  // Where MathJax typesets in the browser (a build without Node), its formulas come later.
  window.addEventListener("load", () =>
    (window.MathJax?.startup?.promise ?? Promise.resolve()).then(watch));
})();
