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
  // A stacked table (table.table-stack) shows each cell's column name on a phone: copy it from the header
  // when the template did not write data-label itself.
  document.querySelectorAll("table.table-stack").forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.getAttribute("data-label") || th.textContent.replace(/\s+/g, " ").trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        var label = heads[column];
        if (label && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) cell.setAttribute("data-label", label);
        column += parseInt(cell.getAttribute("colspan") || "1", 10);
      });
    });
  });

  // A table wider than its box scrolls sideways; keyboard users must be able to reach that scroll too.
  document.querySelectorAll(".table-responsive").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      box.setAttribute("aria-label", caption ? caption.textContent.trim() : "جدول");
    }
  });

  // Digits typed into number, mobile, national-ID and date boxes show as Persian digits whatever the keyboard.
  // The server accepts every kind of digit, so this is for the reader only; the caret stays where it was.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-persian-digits]") || box.matches("input[data-jdp]:focus")) return;
    var shown = box.value.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; })
      .replace(/[٠-٩]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d.charCodeAt(0) - 0x0660]; });
    if (shown === box.value) return;
    var caret = box.selectionStart;
    box.value = shown;
    try { box.setSelectionRange(caret, caret); } catch (e) { /* not a text box */ }
  });

  // A submit button (or form) with data-confirm asks first, in an accessible dialog, before what cannot be
  // undone. The server does not rely on it: every such action is also refused or harmless on its own.
  var dialog = null;
  function confirmDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    dialog.innerHTML = '<form method="dialog"><p id="confirm-dialog-text" class="mb-3"></p>' +
      '<div class="d-flex gap-2 justify-content-end">' +
      '<button value="cancel" class="btn btn-outline-secondary" type="submit">انصراف</button>' +
      '<button value="ok" class="btn btn-danger" type="submit" data-testid="confirm-ok">بله، انجام شود</button>' +
      "</div></form>";
    document.body.appendChild(dialog);
    return dialog;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    var holder = submitter && submitter.hasAttribute("data-confirm") ? submitter : form;
    var question = holder.getAttribute && holder.getAttribute("data-confirm");
    if (!question || form.dataset.confirmed === "1") return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var box = confirmDialog();
    box.querySelector("#confirm-dialog-text").textContent = question;
    box.returnValue = "";
    box.onclose = function () {
      if (box.returnValue !== "ok") { if (submitter) submitter.focus(); return; }
      form.dataset.confirmed = "1";
      if (form.requestSubmit) form.requestSubmit(submitter || undefined); else form.submit();
      // The submit above ran synchronously; if a page script held it back, the next try asks again.
      delete form.dataset.confirmed;
    };
    if (box.showModal) box.showModal(); else if (window.confirm(question)) { form.dataset.confirmed = "1"; form.submit(); }
  }, true);

  // A select marked data-autosubmit sends its form as soon as it changes (a filter), with no inline script.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      if (field.form.requestSubmit) field.form.requestSubmit(); else field.form.submit();
    }
  });

  // A form sent back with errors: the summary at its top takes the focus, so a screen reader reads it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // data-history-back goes back when there is somewhere to go back to (an inline handler would break the CSP).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-history-back]");
    if (link && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });

  // Forms marked data-once are sent once: a double click does not submit twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    // A disabled button is left out of the form's data, so the clicked button's name=value (approve or reject,
    // agree or disagree) travels in a hidden copy.
    var submitter = event.submitter;
    if (submitter && submitter.name) {
      var copy = document.createElement("input");
      copy.type = "hidden";
      copy.name = submitter.name;
      copy.value = submitter.value;
      form.appendChild(copy);
    }
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });
})();
