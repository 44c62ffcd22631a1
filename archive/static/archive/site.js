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
})();
