// Progressive enhancement for the search page; it works fully without this file.
(function () {
  "use strict";
  var form = document.querySelector(".facet-form");
  if (form) {
    // Apply a facet as soon as it is ticked.
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") form.submit();
    });
    // Offer a filter box on long facets.
    form.querySelectorAll("[data-facet-filter]").forEach(function (input) {
      var fieldset = input.closest("fieldset");
      input.closest("label").hidden = false;
      input.addEventListener("input", function () {
        var needle = input.value.toLowerCase();
        fieldset.querySelectorAll("li").forEach(function (item) {
          item.hidden = needle && item.textContent.toLowerCase().indexOf(needle) === -1;
        });
        if (needle) fieldset.querySelectorAll("details").forEach(function (d) { d.open = true; });
      });
    });
  }
  // "/" jumps to the search box, as on many sites.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var typing = /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName);
    if (event.key === "/" && box && !typing) {
      event.preventDefault();
      box.focus();
    }
  });
})();
