// The roll-up chart: weaknesses per theme across rounds (stacked bars), right-to-left and in Persian digits.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("rollup-data");
  var canvas = document.getElementById("rollup-chart");
  if (!node || !canvas || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var fa = function (n) { return String(n).replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); };
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: data.series.map(function (s) { return { label: s.label, data: s.data }; }) },
    options: {
      locale: "fa-IR",
      plugins: { legend: { rtl: true, position: "bottom" }, tooltip: { rtl: true } },
      scales: { x: { stacked: true, reverse: true }, y: { stacked: true, ticks: { callback: fa, precision: 0 } } },
    },
  });
});
