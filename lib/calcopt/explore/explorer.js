// calcopt static explorer: switches between precomputed frames when a control moves.
// Frames are indexed in row-major order over the controls' positions (last control fastest).
// Every layer and readout is an index into a table of distinct strings; a layer's string is
// base64 int16 pixel pairs. A negative layer code -1 - n means "the first n points of this
// layer in the last frame of the same block" (a reveal slider's prefix).
// The frames and backdrops are in the explorer's two data scripts, or, in the web book, in the
// script file its data-payload names (book/_ext/fast_pages.py), loaded once the page has loaded
// and painted.
(function () {
  "use strict";
  function pathData(bytes, gap, scale) {
    var path = "", pen = "M";
    for (var i = 0; i + 3 < bytes.length; i += 4) {
      var x = (bytes.charCodeAt(i) | (bytes.charCodeAt(i + 1) << 8)) << 16 >> 16;
      var y = (bytes.charCodeAt(i + 2) | (bytes.charCodeAt(i + 3) << 8)) << 16 >> 16;
      if (x === gap) { pen = "M"; continue; }
      path += pen + x / scale + " " + y / scale;
      pen = "L";
    }
    return path;
  }
  function inflate(text) {
    var bytes = Uint8Array.from(atob(text.trim()), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).json();
  }
  function payload(root) {
    var src = root.getAttribute("data-payload");
    if (!src) {
      return Promise.resolve({
        backdrops: JSON.parse(root.querySelector("script.calcopt-backdrops").textContent),
        frames: root.querySelector("script.calcopt-frames").textContent,
      });
    }
    var key = src.split("/").pop().replace(/\.js$/, "");
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window.calcoptPayloads[key]); };
      script.onerror = function () { reject(new Error("calcopt: cannot load " + src)); };
      document.head.appendChild(script);
    });
  }
  function setup(root, data, backdrops) {
    var image = root.querySelector("img.calcopt-backdrop");
    data.backdrops = backdrops.map(function (source) { return source || image.getAttribute("src"); });
    var inputs = data.controls.map(function (c) {
      return root.querySelector('[data-control="' + c.name + '"]');
    });
    var paths = data.layers.map(function (name) {
      return root.querySelector('path[data-layer="' + name + '"]');
    });
    var readouts = data.readouts.map(function (name) {
      return root.querySelector('[data-readout="' + name + '"]');
    });
    var block = data.controls[data.controls.length - 1].labels.length;
    function render() {
      var start = performance.now(), frame = 0, backdrop = 0;
      data.controls.forEach(function (control, i) {
        var position = Number(inputs[i].value), count = control.labels.length;
        frame = frame * count + position;
        if (control.backdrop) { backdrop = backdrop * count + position; }
        var output = inputs[i].parentNode.querySelector("output");
        if (output) {
          output.textContent = control.labels[position];
          inputs[i].setAttribute("aria-valuetext", control.labels[position]);
        }
      });
      var entry = data.frames[frame], last = data.frames[frame - (frame % block) + block - 1];
      entry[0].forEach(function (layer, i) {
        var bytes = layer < 0
          ? atob(data.strings[last[0][i]]).slice(0, 4 * (-1 - layer))
          : atob(data.strings[layer]);
        var d = pathData(bytes, data.gap, data.scale);
        paths[i].setAttribute("d", d && paths[i].hasAttribute("data-closed") ? d + "Z" : d);
      });
      entry[1].forEach(function (code, i) { readouts[i].textContent = data.strings[code]; });
      var source = data.backdrops[backdrop];
      if (image.getAttribute("src") !== source) { image.setAttribute("src", source); }
      root.setAttribute("data-frame", frame);
      root.setAttribute("data-render-ms", (performance.now() - start).toFixed(3));
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", render);
      input.addEventListener("change", render);
    });
    render();
    // On a narrow screen the figure scrolls sideways: then keyboard users can focus and scroll it.
    // (Read after each layout by a ResizeObserver, so loading forces no layout of the page.)
    var scroller = root.querySelector(".calcopt-scroll");
    if (scroller && window.ResizeObserver) {
      new ResizeObserver(function () {
        if (scroller.scrollWidth > scroller.clientWidth + 1) {
          scroller.setAttribute("tabindex", "0");
        } else {
          scroller.removeAttribute("tabindex");
        }
      }).observe(scroller);
    }
    root.setAttribute("data-ready", "1");
  }
  function start(root) {
    payload(root).then(function (stored) {
      return inflate(stored.frames).then(function (data) { setup(root, data, stored.backdrops); });
    });
  }
  // A payload file (tens to hundreds of KB) is fetched once the page has loaded and the frame
  // after that has been painted, so it never competes with the text for a slow connection
  // before the reader sees the page (the default frame is drawn in the page meanwhile).
  function afterPaint(then) {
    requestAnimationFrame(function () { setTimeout(then, 0); });
  }
  var roots = document.querySelectorAll(".calcopt-explorer:not([data-loading])");
  Array.prototype.forEach.call(roots, function (root) {
    root.setAttribute("data-loading", "1");
    if (!root.hasAttribute("data-payload")) {
      start(root);
    } else if (document.readyState === "complete") {
      afterPaint(function () { start(root); });
    } else {
      window.addEventListener("load", function () { afterPaint(function () { start(root); }); });
    }
  });
})();
