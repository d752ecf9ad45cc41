// Shared by the results charts: short axis labels (the full name stays in the tooltip), Persian digits, and a
// box whose height fits the number of bars, so every unit is labelled instead of every other one.
(function () {
  "use strict";
  var FA = "۰۱۲۳۴۵۶۷۸۹";
  function fa(n) {
    if (n === null || n === undefined || n === "") return "";
    var text = typeof n === "number" ? String(Math.round(n * 10) / 10) : String(n);
    return text.replace(/\./g, "٫").replace(/\d/g, function (d) { return FA[d]; });
  }
  function phone() { return window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches; }
  function clip(text, max) {
    text = String(text || "").trim();
    return text.length > max ? text.slice(0, max - 1).trim() + "…" : text;
  }
  // "ارزیابی … مناطق — نیمه نخست ۱۴۰۳" and "ارزیابی … مناطق — نیمه دوم ۱۴۰۳": the words every label shares
  // say nothing on an axis, so they go; what is left is clipped to fit.
  // The same for words every label ends with ("منطقه ۱۲ شهرداری تهران" → "منطقه ۱۲").
  // keepHead: unit names keep their first words ("منطقه ۱۸"), rounds lose them ("نیمه نخست ۱۴۰۳").
  function shorten(labels, max, keepHead) {
    var words = labels.map(function (l) { return String(l || "").split(/\s+/); });
    var head = 0, tail = 0;
    if (labels.length > 1) {
      while (!keepHead && words.every(function (w) { return w.length > head + 1 && w[head] === words[0][head]; })) head++;
      var last = function (w, i) { return w[w.length - 1 - i]; };
      while (words.every(function (w) { return w.length > head + tail + 1 && last(w, tail) === last(words[0], tail); })) tail++;
    }
    var dash = /^[—–\-:،,]+$/;
    return words.map(function (w) {
      var rest = w.slice(head, w.length - tail);
      while (rest.length > 1 && dash.test(rest[0])) rest.shift();
      while (rest.length > 1 && dash.test(rest[rest.length - 1])) rest.pop();
      return clip(rest.join(" "), max);
    });
  }
  // The canvas's box gets a height (a number of bars × a row, never below a readable minimum).
  function sizeBox(canvas, rows, perRow, minimum) {
    var box = canvas.parentElement;
    if (!box) return;
    box.style.height = Math.max(minimum, rows * perRow + 60) + "px";
  }
  // One round has no trend: a small table says the same thing better than a lone dot.
  function tableInstead(canvas, caption, headers, rows) {
    var table = document.createElement("table");
    table.className = "table table-sm table-stack mb-0";
    var cap = document.createElement("caption");
    cap.className = "visually-hidden";
    cap.textContent = caption;
    table.appendChild(cap);
    var head = table.createTHead().insertRow();
    headers.forEach(function (h) { var th = document.createElement("th"); th.scope = "col"; th.textContent = h; head.appendChild(th); });
    var body = table.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      r.forEach(function (value, i) { var td = tr.insertCell(); td.textContent = value; td.setAttribute("data-label", headers[i]); });
    });
    var box = canvas.parentElement;
    box.classList.remove("chart-box");
    box.style.height = "";
    box.replaceChild(table, canvas);
  }
  window.HamafzaCharts = { fa: fa, phone: phone, clip: clip, shorten: shorten, sizeBox: sizeBox, tableInstead: tableInstead };
})();
