// Voice: the comment form's live counter (Persian digits), reply buttons, and the moderation queue's checkboxes.
// The counter counts roughly as the server does after normalization: runs of spaces are one, ends trimmed.
(function () {
  "use strict";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  function fa(n) { return String(n).replace(/\d/g, function (d) { return PERSIAN[d]; }); }
  function normalizedLength(text) {
    return text.replace(/[\u200b\u200d\ufeff\u200e\u200f\u064b-\u065f\u0670\u0640]/g, "")
      .replace(/[ \t\u00a0]+/g, " ").replace(/ *\n */g, "\n").replace(/\n{3,}/g, "\n\n").trim().length;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("comment-text");
    var counter = document.getElementById("comment-counter");
    if (text && counter) {
      var limit = parseInt(text.getAttribute("data-limit"), 10) || 500;
      var update = function () {
        var left = limit - normalizedLength(text.value);
        counter.textContent = left >= 0 ? fa(left) + " نویسه باقی مانده" : fa(-left) + " نویسه بیش از حد مجاز";
        counter.classList.toggle("text-danger", left < 0);
      };
      text.addEventListener("input", update);
      update();
    }
    var parent = document.getElementById("comment-parent");
    var note = document.getElementById("reply-note");
    document.querySelectorAll(".voice-reply-button").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!parent || !text) return;
        parent.value = button.getAttribute("data-parent");
        if (note) note.classList.remove("d-none");
        text.focus();
        text.scrollIntoView({ block: "center" });
      });
    });
    var cancel = document.getElementById("reply-cancel");
    if (cancel) cancel.addEventListener("click", function () { parent.value = ""; note.classList.add("d-none"); });
    var all = document.getElementById("select-all");
    if (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll("input[name=comments]").forEach(function (box) { box.checked = all.checked; });
      });
    }
  });
})();
