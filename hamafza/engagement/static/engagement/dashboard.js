// One bar chart per dashboard: data from a json_script block, every bar labelled, full names in the tooltip.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("engagement-chart-data");
  var canvas = document.getElementById("engagement-chart");
  if (!node || !canvas || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var fa = function (n) { return String(n).replace(/\d/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); };
  var small = window.matchMedia("(max-width: 575.98px)").matches;
  var shortLabels = data.labels.map(function (l) { return small && l.length > 14 ? l.slice(0, 13) + "…" : l; });
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  new Chart(canvas, {
    type: "bar",
    data: { labels: shortLabels, datasets: [{ label: data.title, data: data.values, backgroundColor: "#0f766e" }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: data.labels.length > 6 ? "y" : "x",
      plugins: {
        legend: { display: false },
        tooltip: {
          rtl: true,
          textDirection: "rtl",
          callbacks: {
            title: function (items) { return items.length ? data.labels[items[0].dataIndex] : ""; },
            label: function (c) { return fa(c.raw); },
          },
        },
      },
      scales: {
        x: { ticks: { callback: function (v, i) { return this.chart.options.indexAxis === "y" ? fa(v) : shortLabels[i]; } } },
        y: { reverse: false, ticks: { callback: function (v, i) { return this.chart.options.indexAxis === "y" ? shortLabels[i] : fa(v); } } },
      },
    },
    plugins: [{
      // Every bar carries its value, so a phone needs no tooltip to read the chart.
      id: "values",
      afterDatasetsDraw: function (chart) {
        var ctx = chart.ctx;
        ctx.save();
        ctx.fillStyle = Chart.defaults.color;
        ctx.textAlign = "center";
        chart.getDatasetMeta(0).data.forEach(function (bar, i) {
          var pos = bar.tooltipPosition();
          var horizontal = chart.options.indexAxis === "y";
          ctx.fillText(fa(data.values[i]), pos.x + (horizontal ? 12 : 0), pos.y + (horizontal ? 4 : -6));
        });
        ctx.restore();
      },
    }],
  });
});
