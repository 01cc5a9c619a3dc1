// A display formula wider than the text column scrolls sideways (the theme gives it overflow:
// auto). A keyboard reader can scroll it only if it takes focus (WCAG 2.1.1), so each formula
// that overflows gets tabindex="0", and loses it again when the window grows wide enough for it.
"use strict";
(() => {
  const mark = () => {
    const formulas = [...document.querySelectorAll('mjx-container[display="true"]')];
    // All widths are read before any attribute is written: one layout, not one per formula.
    const wide = formulas.map((formula) => formula.scrollWidth > formula.clientWidth);
    formulas.forEach((formula, i) => {
      if (wide[i]) formula.setAttribute("tabindex", "0");
      else formula.removeAttribute("tabindex");
    });
  };
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
  // Where MathJax typesets in the browser (a build without Node), its formulas come later.
  window.addEventListener("load", () =>
    (window.MathJax?.startup?.promise ?? Promise.resolve()).then(mark));
})();
