// Keeps a page's review warning right when the site has not been rebuilt:
// compares today (in the handbook's time zone) with the due date the build
// wrote into the page, and shows the due-soon or overdue notice the build
// already rendered. It only moves a page forward (current -> due-soon ->
// overdue), never back, so a preview built for a later date keeps its state.
(function () {
  "use strict";
  var ORDER = ["current", "due-soon", "overdue"];

  function todayIn(timeZone) {
    // en-CA formats dates as YYYY-MM-DD, comparable as text with ISO dates.
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(new Date());
  }

  function recheck() {
    var statuses = document.querySelectorAll(".review-status[data-review-due]");
    Array.prototype.forEach.call(statuses, function (status) {
      var due = status.getAttribute("data-review-due");
      var soon = status.getAttribute("data-review-soon");
      if (!due) return;
      var today = todayIn(status.getAttribute("data-review-timezone") || "Europe/Amsterdam");
      var live = today > due ? "overdue" : today >= soon ? "due-soon" : "current";
      var built = status.getAttribute("data-review-state");
      if (ORDER.indexOf(live) <= ORDER.indexOf(built)) return;
      status.setAttribute("data-review-state", live);
      Array.prototype.forEach.call(status.querySelectorAll("[data-review-notice]"), function (notice) {
        notice.hidden = notice.getAttribute("data-review-notice") !== live;
      });
    });
  }

  // Material emits document$ on the first load and after every instant page change.
  if (window.document$) {
    window.document$.subscribe(recheck);
  } else {
    recheck();
  }
})();
