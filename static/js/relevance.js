// Items that depend on another item's answer (relevance conditions) show only when that answer matches.
// The server ignores hidden items when it checks completeness, so hiding here never blocks a submission.
(function () {
  var yes = ["1", "بله", "آری", "دارد", "yes", "true"];
  var no = ["0", "خیر", "ندارد", "no", "false"];
  function canon(text) {
    var t = String(text || "").trim().replace(/[۰-۹]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩".indexOf(d); }).toLowerCase();
    if (yes.indexOf(t) >= 0) return "1";
    if (no.indexOf(t) >= 0) return "0";
    return t;
  }
  function refresh() {
    document.querySelectorAll("[data-relevant-item]").forEach(function (card) {
      var source = document.getElementById("item-" + card.getAttribute("data-relevant-item"));
      if (!source) return;
      card.hidden = canon(source.value) !== canon(card.getAttribute("data-relevant-value"));
    });
  }
  document.addEventListener("change", refresh);
  document.addEventListener("input", refresh);
  window.addEventListener("DOMContentLoaded", refresh);
})();
