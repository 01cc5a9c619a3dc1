// Typesets TeX at build time with the MathJax 3 the book ships: a displayed formula as CommonHTML
// (as in the browser), an inline one as MathML, which the browser draws itself (fast_pages.py).
// Reads JSON {"mathjax": dir, "config": {...}, "formulas": [[tex, display], ...]} on stdin;
// writes JSON {"html": [...], "errors": [...], "css": "..."} on stdout. A formula MathJax
// cannot parse comes back as null with its message in "errors".
"use strict";
const fs = require("fs");
// The browser's MathJax measures the page's font and scales its own to the same x-height: 119.5 %
// in the book's theme (an ex of 0.528 em against MathJax's 0.442). Node has no fonts to measure,
// so the same metrics are given here.
const EM = 16, EX = 8.45, SCALE = EX / EM / 0.442;
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const config = input.config || {};
global.MathJax = {
  ...config,
  loader: {
    ...(config.loader || {}),
    paths: { mathjax: input.mathjax },
    load: ["adaptors/liteDOM", ...((config.loader || {}).load || [])],
    require: require,
  },
  tex: { ...(config.tex || {}), formatError: (jax, error) => { throw error; } },
  chtml: { ...(config.chtml || {}), fontURL: input.fontURL || "" },
  startup: { typeset: false },
};
require(input.mathjax + "/startup.js");
MathJax.startup.promise.then(() => {
  const adaptor = MathJax.startup.adaptor;
  const html = [], errors = [];
  for (const [tex, display] of input.formulas) {
    try {
      MathJax.texReset();
      const options = { display: display, em: EM, ex: EX, containerWidth: 80 * EM, scale: SCALE };
      html.push(display ? adaptor.outerHTML(MathJax.tex2chtml(tex, options))
                        : MathJax.tex2mml(tex, options));
      errors.push(null);
    } catch (error) {
      html.push(null);
      errors.push(String(error && error.message ? error.message : error));
    }
  }
  const css = adaptor.textContent(MathJax.chtmlStylesheet());
  process.stdout.write(JSON.stringify({ html, errors, css }));
}).catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
