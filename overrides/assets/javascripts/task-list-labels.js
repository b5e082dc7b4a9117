// Gives each checkbox of a task list (pymdownx.tasklist) its item's text as
// its accessible name. The extension wraps the checkbox in an empty <label>
// and puts the text after it, so screen readers announce "checkbox, not
// checked" without saying which item (axe: label). Without JavaScript the
// text is still read, right after the checkbox.
(function () {
  "use strict";

  function itemText(item) {
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("ul, ol, .task-list-control"), function (nested) {
      nested.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function label() {
    var boxes = document.querySelectorAll(".task-list-item .task-list-control > input[type=checkbox]");
    Array.prototype.forEach.call(boxes, function (box) {
      var text = itemText(box.closest(".task-list-item"));
      if (text && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", text);
    });
  }

  // Material emits document$ on the first load and after every instant page change.
  if (window.document$) {
    window.document$.subscribe(label);
  } else {
    label();
  }
})();
