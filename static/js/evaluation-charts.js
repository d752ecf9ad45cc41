// Charts of the results pages: totals per unit, per-axis scores, and the trend over rounds.
// Data comes from a json_script block; labels and ticks are in Persian digits, legends right to left.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("results-data");
  if (!node || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var fa = function (n) {
    if (n === null || n === undefined) return "";
    return String(Math.round(n * 10) / 10).replace(/\./g, "٫").replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; });
  };
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  var palette = ["#0f766e", "#f59e0b", "#6366f1", "#ef4444", "#10b981", "#8b5cf6", "#0ea5e9", "#f97316", "#84cc16", "#ec4899"];
  var common = {
    locale: "fa-IR",
    animation: false,
    plugins: {
      legend: { rtl: true, textDirection: "rtl", position: "bottom" },
      tooltip: { rtl: true, textDirection: "rtl", callbacks: { label: function (c) { return (c.dataset.label ? c.dataset.label + ": " : "") + fa(c.parsed.y !== undefined ? c.parsed.y : c.parsed.x); } } },
    },
  };
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  if (data.bar) {
    draw("bar-chart", {
      type: "bar",
      data: { labels: data.bar.labels, datasets: [{ label: "امتیاز کل", data: data.bar.data, backgroundColor: "#0f766e" }] },
      options: Object.assign({}, common, { indexAxis: "y", plugins: Object.assign({}, common.plugins, { legend: { display: false } }),
        scales: { x: { reverse: true, ticks: { callback: fa } }, y: { position: "right" } } }),
    });
  }
  if (data.axes) {
    draw("axes-chart", {
      type: "bar",
      data: { labels: data.axes.labels, datasets: [{ label: "درصد", data: data.axes.data, backgroundColor: "#14b8a6" }] },
      options: Object.assign({}, common, { plugins: Object.assign({}, common.plugins, { legend: { display: false } }),
        scales: { x: { reverse: true }, y: { min: 0, max: 100, ticks: { callback: fa } } } }),
    });
  }
  if (data.trend) {
    draw("trend-chart", {
      type: "line",
      data: {
        labels: data.trend.labels,
        datasets: data.trend.series.map(function (s, i) {
          return { label: s.label, data: s.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], tension: 0.2, spanGaps: true };
        }),
      },
      options: Object.assign({}, common, { scales: { x: { reverse: true }, y: { ticks: { callback: fa } } } }),
    });
  }
});
