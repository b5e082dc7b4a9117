// Material's content script (partials/javascripts/content.html) as a file: when the
// address points at a content tab, select that tab.
// theme-original: partials/javascripts/content.html sha256:3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
