// Lets a printed page show the full address of each link in the text: the
// stylesheet prints data-print-address after the link, and the address in
// the page's HTML is relative ("../richtlijnen/"), which means nothing on
// paper. Links within the page (#...) get none. Without JavaScript only
// links to other sites show their address.
(function () {
  "use strict";

  function mark() {
    var links = document.querySelectorAll(".md-content__inner a[href]:not(.headerlink)");
    Array.prototype.forEach.call(links, function (link) {
      if (link.getAttribute("href").charAt(0) === "#") return;
      link.setAttribute("data-print-address", link.href);
    });
  }

  if (window.document$) {
    window.document$.subscribe(mark);
  } else {
    mark();
  }
})();
