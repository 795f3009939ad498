(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var stories = Array.prototype.slice.call(document.querySelectorAll(".story"));
  var severityChips = Array.prototype.slice.call(document.querySelectorAll(".chip[data-severity]"));
  var checkSelect = document.getElementById("filter-check");
  var langSelect = document.getElementById("filter-lang");
  var storySelect = document.getElementById("filter-story");
  var search = document.getElementById("filter-search");
  var suppressedToggle = document.getElementById("filter-suppressed");
  var showing = document.getElementById("showing");
  var none = document.getElementById("no-match");

  // Search runs over each finding's visible text, folded once on load.
  var haystacks = findings.map(function (el) { return el.textContent.replace(/\s+/g, " ").toLowerCase(); });
  var docs = {};
  Array.prototype.slice.call(document.querySelectorAll("template.check-doc")).forEach(function (t) {
    docs[t.dataset.check] = t.content.textContent;
  });
  Array.prototype.slice.call(document.querySelectorAll("details.doc[data-check]")).forEach(function (details) {
    details.addEventListener("toggle", function () {
      var text = docs[details.dataset.check];
      var target = details.querySelector(".text");
      if (details.open && text && target && !target.dataset.filled) {
        target.textContent = text;
        target.dataset.filled = "true";
      }
    });
  });

  function enabledSeverities() {
    var on = {};
    severityChips.forEach(function (chip) {
      if (chip.getAttribute("aria-pressed") === "true") { on[chip.dataset.severity] = true; }
    });
    return on;
  }

  function apply() {
    var severities = enabledSeverities();
    var check = checkSelect ? checkSelect.value : "";
    var lang = langSelect ? langSelect.value : "";
    var story = storySelect ? storySelect.value : "";
    var query = search ? search.value.trim().toLowerCase() : "";
    var withSuppressed = suppressedToggle ? suppressedToggle.checked : false;
    var visible = 0;
    findings.forEach(function (el, index) {
      var d = el.dataset;
      var langs = (d.langs || "").split(" ");
      var show = Boolean(severities[d.severity]) &&
        (!check || d.check === check) &&
        (!lang || langs.indexOf(lang) >= 0) &&
        (!story || d.story === story) &&
        (!query || haystacks[index].indexOf(query) >= 0) &&
        (withSuppressed || d.suppressed !== "true");
      el.hidden = !show;
      if (show) { visible += 1; }
    });
    stories.forEach(function (el) {
      var langs = (el.dataset.langs || "").split(" ");
      el.hidden = Boolean((story && el.dataset.story !== story) || (lang && langs.indexOf(lang) < 0));
    });
    if (showing) { showing.textContent = "Showing " + visible + " of " + findings.length + " findings"; }
    if (none) { none.hidden = visible !== 0 || findings.length === 0; }
  }

  severityChips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  Array.prototype.slice.call(document.querySelectorAll("button.stat[data-only]")).forEach(function (card) {
    card.addEventListener("click", function () {
      var only = card.dataset.only;
      severityChips.forEach(function (chip) {
        chip.setAttribute("aria-pressed", chip.dataset.severity === only ? "true" : "false");
      });
      apply();
      var list = document.getElementById("findings");
      if (list && list.scrollIntoView) { list.scrollIntoView({ behavior: "smooth", block: "start" }); }
    });
  });
  [checkSelect, langSelect, storySelect, suppressedToggle].forEach(function (el) {
    if (el) { el.addEventListener("change", apply); }
  });
  if (search) { search.addEventListener("input", apply); }
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      severityChips.forEach(function (chip) { chip.setAttribute("aria-pressed", "true"); });
      [checkSelect, langSelect, storySelect].forEach(function (el) { if (el) { el.value = ""; } });
      if (search) { search.value = ""; }
      if (suppressedToggle) { suppressedToggle.checked = false; }
      apply();
    });
  }
  document.documentElement.classList.add("js");
  apply();
})();
