// Small behaviours shared by every page: the dark-mode toggle and the service worker.
(function () {
  var toggle = document.getElementById("theme-toggle");
  function paintIcon() {
    if (!toggle) return;
    var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
    toggle.innerHTML = dark ? '<i class="bi bi-sun" aria-hidden="true"></i>' : '<i class="bi bi-moon-stars" aria-hidden="true"></i>';
    toggle.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = document.documentElement.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
      document.documentElement.setAttribute("data-bs-theme", next);
      try { localStorage.setItem("hamafza-theme", next); } catch (e) { /* private mode */ }
      paintIcon();
    });
    paintIcon();
  }
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* optional */ });
  }
  // A province select refills its county select from the public places API.
  document.querySelectorAll("select[data-counties-into]").forEach(function (province) {
    province.addEventListener("change", function () {
      var county = document.getElementById(province.getAttribute("data-counties-into"));
      if (!county) return;
      var first = county.options[0] ? county.options[0].cloneNode(true) : null;
      county.innerHTML = "";
      if (first) county.appendChild(first);
      if (!province.value) return;
      fetch("/api/v1/places/provinces/" + province.value + "/counties", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (counties) {
          counties.forEach(function (c) { county.appendChild(new Option(c.name, c.id)); });
        });
    });
  });
  // Forms marked data-once are sent once: a double click does not submit twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });
})();
