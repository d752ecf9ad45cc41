// The Jalali calendar on every date field (inputs marked data-jdp by hamafza.core.widgets.JalaliDateInput).
// The vendored picker reads and writes Latin digits, while the page shows Persian ones: the value is made Latin
// just before the picker reads it (focus, capture phase, so before the picker's own listener) and Persian again
// once a day is chosen or the field is left. The server accepts either.
(function () {
  "use strict";
  if (!window.jalaliDatepicker || !document.querySelector("input[data-jdp]")) return;
  function toLatin(text) {
    return text.replace(/[۰-۹]/g, function (d) { return String(d.charCodeAt(0) - 0x06f0); })
      .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); });
  }
  function toPersian(text) { return text.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); }
  function isDate(node) { return node && node.matches && node.matches("input[data-jdp]"); }
  document.addEventListener("focusin", function (event) {
    if (isDate(event.target)) event.target.value = toLatin(event.target.value);
  }, true);
  ["focusout", "change"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (isDate(event.target)) event.target.value = toPersian(event.target.value);
    }, true);
  });
  window.jalaliDatepicker.startWatch({
    persianDigits: true,
    // People may type the date as well as pick it; a read-only box on phones would forbid that.
    autoReadOnlyInput: false,
    showCloseBtn: true,
    showTodayBtn: true,
    showEmptyBtn: true,
    zIndex: 1080,
  });
})();
