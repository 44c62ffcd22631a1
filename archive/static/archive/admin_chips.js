/* A country chosen in a multiple autocomplete is removed by its ×, never by a click on its name.
 *
 * Select2 opens its list on any click in the box, the chosen names included, and a
 * second click there on a chosen country removes it. Clicks on a name stop here,
 * before Select2 sees them; the × and the rest of the box work as before. */
"use strict";
(function () {
  function onChosenName(event) {
    const target = event.target;
    if (!(target instanceof Element)) return false;
    return (
      target.closest(".select2-selection__choice") !== null &&
      target.closest(".select2-selection__choice__remove") === null
    );
  }
  for (const type of ["mousedown", "mouseup", "click"]) {
    document.addEventListener(
      type,
      function (event) {
        if (onChosenName(event)) {
          event.stopPropagation();
          event.preventDefault();
        }
      },
      true
    );
  }
})();
