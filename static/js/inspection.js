// Field inspection on a phone: every change is saved as it is made, and kept on the device until the server
// has confirmed it.
//
// Why it is built this way: an inspector spends days in offices and basements with a weak signal.
// * The queue lives in localStorage (one key per person and unit) and is written BEFORE anything is sent, so a
//   lost connection, a closed tab or a flat battery loses nothing; it is emptied only by the server's answer.
// * Every edit gets its own client_token; a resend of the same queued edit reuses it, so when a reply is lost
//   the server recognises the second copy and changes nothing.
// * Each edit carries the version it was based on; the server refuses a stale one (409) and the inspector
//   decides which value stays.
(function () {
  "use strict";
  var root = document.getElementById("inspection");
  if (!root) return;

  var STORAGE_KEY = root.dataset.storageKey;
  var ANSWER_URL = root.dataset.answerUrl;
  var EVIDENCE_URL = root.dataset.evidenceUrl;
  var CSRF = root.dataset.csrf;
  var EDITABLE = root.dataset.editable === "1";
  var TYPING_DELAY = 700;
  var RETRY_EVERY = 20000;
  var TEXT = {
    stored: "ذخیره در دستگاه — ارسال پس از اتصال",
    allSent: "همه پاسخ‌ها ارسال شد",
    noneYet: "هنوز پاسخی داده نشده است",
    someSent: " پاسخ ارسال شد؛ پرسش‌های مانده: ",
    sending: "در حال ارسال…",
    conflict: "تعارض: ",
    error: "خطا: ",
    session: "نشست شما پایان یافته است؛ دوباره وارد شوید.",
    reload: "صفحه را دوباره باز کنید تا ارسال ادامه یابد.",
    server: "سرور پاسخ نداد؛ دوباره تلاش می‌شود.",
    keepMine: "پاسخ من بماند",
    takeTheirs: "پاسخ ثبت‌شده را بپذیر",
    uploadOffline: "بارگذاری مستند به اتصال اینترنت نیاز دارد؛ پس از اتصال دوباره انتخاب کنید.",
    answerFirst: "ابتدا پاسخ این پرسش باید به سرور برسد؛ پس از ارسال آن، مستند را دوباره انتخاب کنید.",
    uploading: "در حال بارگذاری مستند…",
    uploaded: "مستند ثبت شد.",
    uploadFailed: "بارگذاری مستند انجام نشد؛ دوباره تلاش کنید.",
    submitBlocked: "پیش از ارسال نهایی، همه پاسخ‌ها باید به سرور رسیده باشند.",
  };

  var cards = {};
  root.querySelectorAll("[data-item]").forEach(function (card) { cards[card.dataset.item] = card; });
  var saved = {};          // item → the state the server holds, to skip sending what did not change
  var typing = {};         // item → timer of an edit still being typed
  var queue = loadQueue(); // item → the newest unconfirmed edit
  var running = null;      // the flush under way, if any
  var flushAgain = false;
  var failure = "";        // why the last attempt did not reach the server ("" when it did)
  var NETWORK = "network"; // the failure of a fetch that never reached the server

  // ---- small helpers -------------------------------------------------------------------------------------
  function fa(value) { return String(value).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); }
  function toLatin(text) {
    return text.replace(/[۰-۹]/g, function (d) { return String(d.charCodeAt(0) - 0x06f0); })
      .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); });
  }
  function newToken() {
    // randomUUID exists only in secure contexts; a phone on the office LAN over plain http has no such thing.
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      try { return window.crypto.randomUUID(); } catch (e) { /* fall through */ }
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }
  function loadQueue() {
    try {
      var parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) { return {}; }
  }
  function saveQueue() {
    try {
      if (Object.keys(queue).length) localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
      else localStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* private mode or a full disk: the queue still lives in memory while the page is open */ }
  }
  function count(predicate) { return Object.keys(queue).filter(function (id) { return predicate(queue[id]); }).length; }

  // ---- reading and painting one item ---------------------------------------------------------------------
  function field(card, name) { return card.querySelector('[data-field="' + name + '"]'); }
  function stateOf(card) {
    var value = field(card, "value");
    var na = field(card, "na");
    var note = field(card, "note");
    return { value: value ? value.value : card.dataset.value || "", na: !!(na && na.checked), note: note ? note.value : "" };
  }
  // Two states are the same answer when they differ only in digits or separators (۱۲ and 12, ۱٬۰۰۰ and 1000).
  function key(state) {
    var value = state.na ? "" : toLatin(String(state.value || "")).replace(/[٬,]/g, "").replace(/٫/g, ".").trim();
    return JSON.stringify([value, !!state.na, String(state.note || "").trim()]);
  }
  function paint(card, state) {
    var value = field(card, "value");
    if (value) value.value = state.value;
    card.dataset.value = state.value;
    card.querySelectorAll("[data-choice]").forEach(function (button) {
      var on = button.dataset.choice === state.value;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.classList.toggle("btn-primary", on);
      button.classList.toggle("btn-outline-primary", !on);
    });
    var na = field(card, "na");
    if (na) na.checked = !!state.na;
    card.dataset.na = state.na ? "1" : "0";
    var note = field(card, "note");
    if (note) {
      note.value = state.note || "";
      if (state.note) note.closest("details").open = true;
    }
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text; // never innerHTML: values and notes are typed by people
    return node;
  }
  function message(card, kind, text, actions) {
    var box = card.querySelector(".item-message");
    box.textContent = "";
    if (!text) return;
    var alert = box.appendChild(element("div", "alert alert-" + kind + " py-2 px-2 mb-0"));
    alert.appendChild(element("div", "", text));
    var row = actions ? alert.appendChild(element("div", "d-flex gap-2 mt-2")) : null;
    (actions || []).forEach(function (action) {
      var button = row.appendChild(element("button", "btn choice flex-fill " + action.cls, action.label));
      button.type = "button";
      button.dataset.resolve = action.resolve;
    });
  }

  // ---- relevance and progress, decided from what is on the screen ----------------------------------------
  function canonical(card) {
    var state = stateOf(card);
    var raw = state.value.trim();
    if (state.na || raw === "") return null;
    var type = card.dataset.itemType;
    if (type === "text" || type === "file") return raw;
    var latin = toLatin(raw).replace(/[٬,]/g, "").replace(/٫/g, ".").replace(/[%٪]$/, "").trim();
    if (type === "yes_no") {
      if (["1", "yes", "true", "بله", "آری", "دارد"].indexOf(latin.toLowerCase()) !== -1) return "1";
      if (["0", "no", "false", "خیر", "ندارد"].indexOf(latin.toLowerCase()) !== -1) return "0";
    }
    var number = Number(latin);
    return latin !== "" && isFinite(number) ? String(number) : raw;
  }
  function applyRelevance() {
    // Conditions may chain (C shows when B does, B when A does): repeat until nothing changes.
    for (var round = 0, changed = true; changed && round < 20; round++) {
      changed = false;
      Object.keys(cards).forEach(function (id) {
        var card = cards[id];
        if (!card.dataset.relevantItem) return;
        var controller = cards[card.dataset.relevantItem];
        var show = !!controller && !controller.hidden && canonical(controller) === card.dataset.relevantValue;
        if (card.hidden === show) { card.hidden = !show; changed = true; }
      });
    }
  }
  // What the badge says is computed from the answers themselves: "all sent" only when all are answered and sent.
  var progress = { required: 0, answered: 0 };
  function showProgress() {
    var required = 0, answered = 0;
    Object.keys(cards).forEach(function (id) {
      var card = cards[id];
      if (card.hidden || card.dataset.required !== "1") return;
      var state = stateOf(card);
      required += 1;
      if (state.na || state.value.trim() !== "") answered += 1;
    });
    progress = { required: required, answered: answered };
    document.getElementById("progress-text").textContent = fa(answered) + " از " + fa(required) + " پرسش الزامی";
    var bar = document.getElementById("progress");
    bar.setAttribute("aria-valuenow", answered);
    bar.setAttribute("aria-valuemax", required);
    bar.firstElementChild.style.width = (required ? Math.round((100 * answered) / required) : 100) + "%";
  }
  function showStatus() {
    var conflicts = count(function (e) { return e.conflict; });
    var errors = Object.keys(queue).map(function (id) { return queue[id].error; }).filter(Boolean);
    var waiting = count(function (e) { return !e.conflict && !e.error; });
    var badge = document.getElementById("sync-status");
    var text, style;
    if (conflicts) { text = TEXT.conflict + fa(conflicts) + " پاسخ نیاز به تصمیم شما دارد"; style = "danger"; }
    else if (errors.length) { text = TEXT.error + errors[0]; style = "danger"; }
    else if (waiting && (navigator.onLine === false || failure)) {
      text = TEXT.stored + " (" + fa(waiting) + ")" + (failure && failure !== NETWORK ? " — " + failure : "");
      style = "warning";
    }
    else if (waiting || Object.keys(typing).length) { text = TEXT.sending; style = "info"; }
    else if (progress.answered === 0) { text = TEXT.noneYet; style = "secondary"; }
    else if (progress.answered < progress.required) {
      text = fa(progress.answered) + TEXT.someSent + fa(progress.required - progress.answered);
      style = "light";
    }
    else { text = TEXT.allSent; style = "success"; }
    badge.textContent = text;
    badge.className = "badge rounded-pill text-wrap text-start ms-auto text-bg-" + style;
    badge.dataset.state = style;
    var submit = document.querySelector("#inspection-submit button[type=submit]");
    // Sending stays possible once nothing waits in the queue; the server names any required answer missing.
    if (submit) submit.disabled = ["success", "secondary", "light"].indexOf(style) < 0;
  }
  function refresh() { applyRelevance(); showProgress(); showStatus(); }

  // ---- queuing and sending -------------------------------------------------------------------------------
  function commit(card) {
    var id = card.dataset.item;
    clearTimeout(typing[id]);
    delete typing[id];
    var state = stateOf(card);
    var previous = queue[id];
    // Nothing new: the server already has it, or the queued edit will deliver it.
    if (key(state) === (previous ? key(previous) : saved[id])) { refresh(); return; }
    queue[id] = {
      item: Number(id),
      value: state.na ? "" : state.value,
      na: state.na,
      note: state.note,
      client_token: newToken(),
      // An edit on top of an unsent one keeps that one's base: both stand on the same server version.
      base_version: previous ? previous.base_version : Number(card.dataset.version || 0),
      supersedes: previous ? previous.supersedes.concat([previous.client_token]).slice(-20) : [],
      queued_at: Date.now(),
    };
    saveQueue(); // on the device first, then on the wire
    message(card, "", "");
    refresh();
    flush();
  }
  function commitTyping() { Object.keys(typing).forEach(function (id) { commit(cards[id]); }); }

  function flush() {
    if (running) { flushAgain = true; return running; }
    var done = function () {
      running = null;
      refresh();
      if (flushAgain) { flushAgain = false; setTimeout(flush, 0); }
    };
    running = drain().then(done, done);
    return running;
  }
  async function drain() {
    if (navigator.onLine === false) return;
    var ids = Object.keys(queue).sort(function (a, b) { return queue[a].queued_at - queue[b].queued_at; });
    showStatus();
    for (var i = 0; i < ids.length; i++) {
      var entry = queue[ids[i]];
      if (!entry || entry.conflict || entry.error) continue;
      if (!(await send(entry))) return; // the connection is the trouble: the rest would fail the same way
    }
  }
  async function send(entry) {
    var response, data = null;
    try {
      response = await fetch(ANSWER_URL, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": CSRF },
        body: JSON.stringify({
          item: entry.item, value: entry.value, na: entry.na, note: entry.note,
          base_version: entry.base_version, client_token: entry.client_token,
        }),
      });
    } catch (e) { failure = NETWORK; return false; }
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.ok && data && typeof data.version === "number") { confirmed(entry, data.version); failure = ""; return true; }
    if (response.status === 409 && data && data.current) { conflicted(entry, data.current); failure = ""; return true; }
    if (data && data.detail && response.status >= 400 && response.status < 500 && response.status !== 401) {
      rejected(entry, data.detail); failure = ""; return true;
    }
    // An expired session, a CSRF refusal, a proxy's 502: the answer itself is fine, so it waits and is resent.
    failure = response.status === 401 ? TEXT.session : response.status === 403 ? TEXT.reload : TEXT.server;
    return false;
  }
  function confirmed(entry, version) {
    var id = String(entry.item);
    var card = cards[id];
    if (card) card.dataset.version = version;
    var newest = queue[id];
    if (newest && newest.client_token === entry.client_token) {
      delete queue[id];
      saved[id] = key(entry);
    } else if (newest) {
      newest.base_version = version; // the newer edit was made on top of this one
    }
    saveQueue();
  }
  function conflicted(entry, current) {
    var id = String(entry.item);
    var card = cards[id];
    if (!queue[id] || queue[id].client_token !== entry.client_token) return; // a newer edit will speak for itself
    if (current.client_token && entry.supersedes.indexOf(current.client_token) !== -1) {
      // The server holds our own earlier edit whose reply was lost: build on it rather than call it a conflict.
      entry.base_version = current.version;
      saveQueue();
      flushAgain = true;
      return;
    }
    if (key(current) === key(entry)) { confirmed(entry, current.version); return; } // both sides agree
    entry.conflict = current;
    saveQueue();
    if (card) {
      message(card, "warning", TEXT.conflict + "این پاسخ از صفحه یا دستگاه دیگری ثبت شده است: «" + current.display +
        "»" + (current.note ? " (یادداشت: " + current.note + ")" : "") + ". کدام بماند؟", [
        { resolve: "mine", label: TEXT.keepMine, cls: "btn-warning" },
        { resolve: "theirs", label: TEXT.takeTheirs, cls: "btn-outline-secondary" },
      ]);
    }
  }
  function rejected(entry, detail) {
    var id = String(entry.item);
    if (!queue[id] || queue[id].client_token !== entry.client_token) return;
    entry.error = detail;
    saveQueue();
    if (cards[id]) message(cards[id], "danger", detail);
  }
  function resolve(card, choice) {
    var id = card.dataset.item;
    var entry = queue[id];
    if (!entry || !entry.conflict) return;
    var current = entry.conflict;
    card.dataset.version = current.version;
    message(card, "", "");
    if (choice === "mine") {
      // A new decision, so a new token; the old one is remembered in case the server already has it.
      entry.supersedes = entry.supersedes.concat([entry.client_token]).slice(-20);
      entry.client_token = newToken();
      entry.base_version = current.version;
      delete entry.conflict;
      saveQueue();
      flush();
    } else {
      delete queue[id];
      saveQueue();
      paint(card, current);
      saved[id] = key(current);
    }
    refresh();
  }

  // ---- evidence: photos and PDFs go straight up; they are too big to queue on the device -----------------
  async function upload(card, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var id = card.dataset.item;
    try {
      if (navigator.onLine === false) { message(card, "warning", TEXT.uploadOffline); return; }
      if (typing[id]) commit(card);
      // The file hangs on the answer, so an answer still waiting in the queue goes first.
      var waiting = function () { return queue[id] && !queue[id].conflict && !queue[id].error && !failure; };
      for (var tries = 0; tries < 5 && navigator.onLine !== false && (running || waiting()); tries++) await flush();
      if (queue[id] || (card.dataset.version === "0" && card.dataset.itemType !== "file")) {
        message(card, "warning", TEXT.answerFirst);
        return;
      }
      message(card, "info", TEXT.uploading);
      var form = new FormData();
      form.append("file", file);
      form.append("item", id);
      var response, data = null;
      try {
        response = await fetch(EVIDENCE_URL, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": CSRF }, body: form });
      } catch (e) { message(card, "warning", TEXT.uploadOffline); return; }
      try { data = await response.json(); } catch (e) { data = null; }
      if (response.status !== 201 || !data) { message(card, "danger", (data && data.detail) || TEXT.uploadFailed); return; }
      if (!queue[id]) card.dataset.version = data.version;
      var li = card.querySelector(".evidence-list").appendChild(element("li", ""));
      li.appendChild(element("i", "bi bi-paperclip")).setAttribute("aria-hidden", "true");
      li.appendChild(document.createTextNode(" " + data.name + " — " + data.size));
      message(card, "success", TEXT.uploaded);
    } finally {
      input.value = ""; // the same photo may be chosen again after a failure
    }
  }

  // ---- wiring --------------------------------------------------------------------------------------------
  function cardOf(element) { return element.closest("[data-item]"); }
  if (EDITABLE) {
    root.addEventListener("click", function (event) {
      var resolveButton = event.target.closest("[data-resolve]");
      if (resolveButton) { resolve(cardOf(resolveButton), resolveButton.dataset.resolve); return; }
      var choice = event.target.closest("[data-choice]");
      if (!choice) return;
      var card = cardOf(choice);
      var state = stateOf(card);
      // Picking an answer means the item does apply after all.
      paint(card, { value: choice.dataset.choice, na: false, note: state.note });
      commit(card);
    });
    root.addEventListener("input", function (event) {
      var name = event.target.dataset.field;
      if (name !== "value" && name !== "note") return;
      var card = cardOf(event.target);
      clearTimeout(typing[card.dataset.item]);
      typing[card.dataset.item] = setTimeout(function () { commit(card); }, TYPING_DELAY);
      refresh();
    });
    root.addEventListener("change", function (event) {
      var name = event.target.dataset.field;
      var card = name && cardOf(event.target);
      if (!card) return;
      if (name === "file") { upload(card, event.target); return; }
      if (name === "na") card.dataset.na = event.target.checked ? "1" : "0";
      commit(card);
    });
    var submitForm = document.getElementById("inspection-submit");
    if (submitForm) {
      submitForm.addEventListener("submit", function (event) {
        commitTyping();
        if (Object.keys(queue).length) {
          // Stop here, before the shared data-once handler marks the form as sent and disables it.
          event.preventDefault();
          event.stopPropagation();
          document.getElementById("submit-hint").textContent = TEXT.submitBlocked;
          flush();
        }
      });
    }
  }
  // The badge names a conflict or a refusal; a tap on it brings the first such item into view.
  document.getElementById("sync-status").addEventListener("click", function () {
    var id = Object.keys(queue).filter(function (i) { return queue[i].conflict || queue[i].error; })[0];
    if (id && cards[id]) cards[id].scrollIntoView({ behavior: "smooth", block: "center" });
  });
  window.addEventListener("online", function () { failure = ""; flush(); });
  window.addEventListener("offline", showStatus);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) flush(); });
  window.addEventListener("pagehide", commitTyping); // what is being typed is stored before the tab goes
  setInterval(function () { if (Object.keys(queue).length) flush(); }, RETRY_EVERY);

  // On load: what the server holds, then this device's unsent edits on top; conflicts and refusals are asked
  // again, since the server may have changed its mind (a new version, a reopened round) since they were stored.
  Object.keys(cards).forEach(function (id) { saved[id] = key(stateOf(cards[id])); });
  Object.keys(queue).forEach(function (id) {
    var entry = queue[id];
    if (!cards[id] || !entry || typeof entry.client_token !== "string") { delete queue[id]; return; }
    delete entry.conflict;
    delete entry.error;
    if (!Array.isArray(entry.supersedes)) entry.supersedes = [];
    paint(cards[id], entry);
  });
  saveQueue();
  refresh();
  flush();
})();
