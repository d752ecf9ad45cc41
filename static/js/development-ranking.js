// The development ranking: one horizontal bar per county (Morris index), the most deprived at the top, coloured
// by class. Data comes from the json_script block "development-data"; no inline script (CSP).
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("development-data");
  var canvas = document.getElementById("development-chart");
  if (!node || !canvas || !window.Chart || !window.HamafzaCharts) return;
  var H = window.HamafzaCharts;
  var data = JSON.parse(node.textContent);
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  var colours = ["#dc2626", "#d97706", "#0284c7", "#059669"];
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  H.sizeBox(canvas, data.labels.length, 28, 220);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: H.shorten(data.labels, H.phone() ? 12 : 24, true),
      datasets: [{
        label: "شاخص موریس",
        data: data.values,
        // The most deprived county scores 0 by definition: a sliver keeps its bar visible.
        minBarLength: 4,
        backgroundColor: data.classes.map(function (c) { return colours[c] || colours[0]; }),
      }],
    },
    options: {
      indexAxis: "y",
      locale: "fa-IR",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          rtl: true,
          textDirection: "rtl",
          callbacks: {
            title: function (items) { return items.length ? data.labels[items[0].dataIndex] : ""; },
            label: function (c) { return "شاخص موریس: " + H.fa(c.parsed.x) + " — " + data.class_labels[data.classes[c.dataIndex]]; },
          },
        },
      },
      scales: {
        x: { reverse: true, min: 0, max: 100, ticks: { callback: H.fa } },
        y: { position: "right", ticks: { autoSkip: false } },
      },
    },
  });
});
