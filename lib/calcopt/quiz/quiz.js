// calcopt self-check questions: checks an answer in the page exactly as calcopt.quiz checks it
// in Python (Number.check, Choice.check). Every text, the pattern of a number, each target and
// tolerance come from the markup; this script only compares and writes the verdict.
(function () {
  "use strict";
  function setup(root) {
    var texts = JSON.parse(root.getAttribute("data-texts"));
    var whole = new RegExp("^" + texts.number + "$");
    var fraction = new RegExp("^" + texts.fraction + "$");
    function parse(text) {
      var t = text.trim().split(texts.minus).join("-"), value = NaN, parts;
      if (whole.test(t)) {
        value = Number(t);
      } else if ((parts = fraction.exec(t))) {
        value = Number(parts[2]) === 0 ? NaN : Number(parts[1]) / Number(parts[2]);
      }
      return isFinite(value) ? value : NaN;
    }
    function checkNumber(form) {
      var text = form.querySelector("input[name=answer]").value;
      if (!text.trim()) { return ["unanswered", texts.emptyNumber]; }
      var value = parse(text), tolerance = Number(form.getAttribute("data-tolerance"));
      if (isNaN(value)) {
        return ["invalid", texts.unreadable.replace("{answer}", "\u201c" + text.trim() + "\u201d")];
      }
      if (Math.abs(value - Number(form.getAttribute("data-target"))) <= tolerance) {
        return ["correct", form.getAttribute("data-why")];
      }
      var mistakes = JSON.parse(form.getAttribute("data-mistakes"));
      for (var i = 0; i < mistakes.length; i += 1) {
        if (Math.abs(value - mistakes[i][0]) <= tolerance) { return ["incorrect", mistakes[i][1]]; }
      }
      return ["incorrect", form.getAttribute("data-hint")];
    }
    function checkChoice(form) {
      var picked = form.querySelector("input[name=answer]:checked");
      if (!picked) { return ["unanswered", texts.emptyChoice]; }
      var right = picked.value === form.getAttribute("data-answer");
      return [right ? "correct" : "incorrect", picked.getAttribute("data-why")];
    }
    Array.prototype.forEach.call(root.querySelectorAll("form"), function (form) {
      var status = form.querySelector(".calcopt-feedback");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var kind = form.getAttribute("data-kind");
        var result = kind === "number" ? checkNumber(form) : checkChoice(form);
        var label = document.createElement("strong");
        label.textContent = texts.labels[result[0]];
        status.replaceChildren(label, " " + result[1]);
        form.setAttribute("data-verdict", result[0]);
      });
      form.addEventListener("input", function () {
        status.replaceChildren();
        form.removeAttribute("data-verdict");
      });
      form.querySelector("button[type=submit]").hidden = false;
    });
    root.setAttribute("data-ready", "1");
  }
  Array.prototype.forEach.call(
    document.querySelectorAll(".calcopt-quiz:not([data-ready])"), setup
  );
})();
