// Material's content script (partials/javascripts/content.html) as a file: when the
// address points at a content tab, select that tab.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
