// Runs in <head> before the first paint: applies the remembered theme, or the system's preference.
(function () {
  var stored = null;
  try { stored = localStorage.getItem("hamafza-theme"); } catch (e) { /* private mode */ }
  var dark = stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
})();
