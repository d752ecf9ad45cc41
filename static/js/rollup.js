// The roll-up chart: weaknesses per theme across rounds (stacked bars), right-to-left and in Persian digits.
// Round names are shortened on the axis (the full name is in the tooltip) and every round is labelled.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("rollup-data");
  var canvas = document.getElementById("rollup-chart");
  if (!node || !canvas || !window.Chart || !window.HamafzaCharts) return;
  var H = window.HamafzaCharts;
  var data = JSON.parse(node.textContent);
  var small = H.phone();
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  var palette = ["#0f766e", "#d97706", "#6366f1", "#dc2626", "#059669", "#8b5cf6", "#0284c7", "#ea580c", "#65a30d", "#db2777"];
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: H.shorten(data.labels, small ? 12 : 20),
      datasets: data.series.map(function (s, i) {
        return { label: H.clip(s.label, small ? 14 : 24), fullLabel: s.label, data: s.data, backgroundColor: palette[i % palette.length] };
      }),
    },
    options: {
      locale: "fa-IR",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { rtl: true, textDirection: "rtl", position: "bottom" },
        tooltip: {
          rtl: true,
          textDirection: "rtl",
          callbacks: {
            title: function (items) { return items.length ? data.labels[items[0].dataIndex] : ""; },
            label: function (c) { return (c.dataset.fullLabel || c.dataset.label) + ": " + H.fa(c.parsed.y); },
          },
        },
      },
      scales: {
        x: { stacked: true, reverse: true, ticks: { autoSkip: false, maxRotation: small ? 45 : 0 } },
        y: { stacked: true, ticks: { callback: H.fa, precision: 0 } },
      },
    },
  });
});
