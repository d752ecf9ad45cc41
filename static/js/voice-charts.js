// Transparency charts: comments received / held / answered per agency, and why comments were held.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("voice-chart-data");
  if (!node || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  var fa = function (v) { return String(v).replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); };
  var phone = window.matchMedia("(max-width: 576px)").matches;
  var short = data.labels.map(function (l) { return phone && l.length > 14 ? l.slice(0, 13) + "…" : l; });
  var common = {
    locale: "fa-IR", animation: false, responsive: true, maintainAspectRatio: false,
    plugins: { legend: { rtl: true, textDirection: "rtl", position: "bottom" },
      tooltip: { rtl: true, textDirection: "rtl", callbacks: {
        title: function (items) { return items.length ? (data.labels[items[0].dataIndex] || items[0].label) : ""; },
        label: function (c) { return c.dataset.label + ": " + fa(c.formattedValue); } } } }
  };
  var volume = document.getElementById("voice-volume-chart");
  if (volume) {
    new Chart(volume, {
      type: "bar",
      data: { labels: short, datasets: [
        { label: "دریافتی", data: data.received, backgroundColor: "#0f766e" },
        { label: "نگه‌داشته برای بررسی", data: data.held, backgroundColor: "#d97706" },
        { label: "پاسخ داده‌شده", data: data.answered, backgroundColor: "#6366f1" },
        { label: "پاسخ به‌موقع", data: data.on_time, backgroundColor: "#059669" } ] },
      options: Object.assign({}, common, { indexAxis: phone ? "y" : "x",
        scales: { x: { ticks: { callback: function (v, i) { return phone ? fa(v) : this.getLabelForValue(v); } } },
                  y: { ticks: { callback: function (v) { return phone ? this.getLabelForValue(v) : fa(v); } } } } })
    });
  }
  var rules = document.getElementById("voice-rules-chart");
  if (rules) {
    new Chart(rules, {
      type: "doughnut",
      data: { labels: data.rules.labels, datasets: [{ label: "نظر", data: data.rules.data,
        backgroundColor: ["#dc2626", "#6366f1", "#d97706", "#6b7280"] }] },
      options: common
    });
  }
});
