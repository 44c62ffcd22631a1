// Progressive enhancement for every page; each works fully without this file.
(function () {
  "use strict";
  // "/" jumps to the search box, as on many sites, unless the reader is typing already.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) {
      return;
    }
    var box = document.getElementById("q") || document.getElementById("home-q") ||
      document.getElementById("header-q");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  });

  // A statement page: a phrase the reader selects in the text fills the "over time" box.
  var hint = document.querySelector("[data-selection-hint]");
  var text = document.querySelector(".statement .text");
  var box = document.getElementById("trends-box-q");
  if (hint && text && box) {
    hint.hidden = false;
    var take = function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !text.contains(selection.anchorNode)) return;
      var phrase = selection.toString().replace(/["“”«»„]/g, " ").replace(/\s+/g, " ").trim();
      var words = phrase ? phrase.split(" ").length : 0;
      if (words < 1 || words > 12 || phrase.length > 120) return;
      box.value = words > 1 ? '"' + phrase + '"' : phrase;
      hint.textContent = "Ready: " + box.value + " — choose “See over time”.";
    };
    text.addEventListener("mouseup", take);
    text.addEventListener("keyup", take);
  }
})();
