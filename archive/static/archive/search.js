// Progressive enhancement for the search page; it works fully without this file.
(function () {
  "use strict";
  var FOCUS_KEY = "archive:search-focus";
  var DATE = /^(\d{4}(-\d{2}(-\d{2})?)?)?$/;

  // The control that changed the search gets the focus back on the new page.
  function remember(control) {
    try { sessionStorage.setItem(FOCUS_KEY, control.id); } catch (e) { /* storage off */ }
  }
  function restoreFocus() {
    var id = null;
    try {
      id = sessionStorage.getItem(FOCUS_KEY);
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (e) { return; }
    var control = id && document.getElementById(id);
    if (!control) return;
    for (var d = control.closest("details"); d; d = d.parentElement.closest("details")) {
      d.open = true;
    }
    control.focus();
  }

  // On a narrow screen the filters fold into a "Filters" disclosure above the results;
  // without this script it stays open.
  var panel = document.querySelector(".filters-panel");
  if (panel) {
    var narrow = window.matchMedia("(max-width: 48rem)");
    var fit = function () { panel.open = !narrow.matches; };
    fit();
    narrow.addEventListener("change", fit);
    document.querySelectorAll('a[href="#filters"]').forEach(function (link) {
      link.addEventListener("click", function () { panel.open = true; });
    });
  }

  // Sort order and dates apply as soon as they change; the Search button still works.
  var search = document.querySelector(".search-form");
  if (search) {
    search.addEventListener("change", function (event) {
      var control = event.target;
      var isDate = control.id === "from" || control.id === "to";
      if (control.id === "sort" || (isDate && DATE.test(control.value.trim()))) {
        remember(control);
        search.submit();
      }
    });
  }

  var form = document.querySelector(".facet-form");
  if (form) {
    // Apply a facet as soon as it is ticked.
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") {
        remember(event.target);
        form.submit();
      }
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

  // The year chart is one stop of the Tab order; the arrow keys, Home and End move
  // between its bars (a roving tabindex).
  var chart = document.querySelector(".histogram svg");
  if (chart) {
    chart.addEventListener("keydown", function (event) {
      var bars = Array.prototype.slice.call(chart.querySelectorAll("a"));
      var at = bars.indexOf(document.activeElement);
      if (at < 0) return;
      var to = {ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
                Home: 0, End: bars.length - 1}[event.key];
      if (to === undefined) return;
      event.preventDefault();
      to = Math.max(0, Math.min(bars.length - 1, to));
      bars[at].setAttribute("tabindex", "-1");
      bars[to].setAttribute("tabindex", "0");
      bars[to].focus();
    });
  }

  restoreFocus();
})();
