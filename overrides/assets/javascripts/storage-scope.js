// Material's storage helpers (partials/javascripts/base.html), loaded as a file so that
// the Content-Security-Policy needs no inline script. The scope comes from data-scope.
// theme-original: partials/javascripts/base.html sha256:d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6
var __md_scope = new URL(document.currentScript.getAttribute("data-scope"), location);
var __md_hash = function (text) {
  return Array.prototype.reduce.call(text, function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
};
var __md_get = function (key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
};
var __md_set = function (key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: Material works without it.
  }
};
