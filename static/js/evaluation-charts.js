// Charts of the results pages: totals per unit, per-axis scores, and the trend over rounds.
// Data comes from a json_script block; labels and ticks are in Persian digits, legends right to left.
// On a phone: short labels (full names in the tooltip), every bar labelled, and a table when there is one round.
// The ranking page fetches its chart data from a compact JSON endpoint (data-results-chart), so a national round's
// page does not carry every unit twice.
(function () {
window.addEventListener("DOMContentLoaded", function () {
  if (!window.Chart || !window.HamafzaCharts) return;
  var node = document.getElementById("results-data");
  if (node) { draw(JSON.parse(node.textContent)); return; }
  var remote = document.querySelector("[data-results-chart]");
  if (!remote) return;
  fetch(remote.getAttribute("data-results-chart"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) draw(data); });
});

function draw(data) {
  var H = window.HamafzaCharts;
  var small = H.phone();
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  var grid = dark ? "rgba(255,255,255,.12)" : "rgba(0,0,0,.08)";
  var palette = ["#0f766e", "#d97706", "#6366f1", "#dc2626", "#059669", "#8b5cf6", "#0284c7", "#ea580c", "#65a30d", "#db2777"];
  function options(fullLabels, extra) {
    var base = {
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
            title: function (items) { return items.length ? fullLabels[items[0].dataIndex] : ""; },
            label: function (c) {
              var name = c.dataset.fullLabel || c.dataset.label;
              var value = c.parsed.y !== undefined && c.chart.options.indexAxis !== "y" ? c.parsed.y : c.parsed.x;
              return (name ? name + ": " : "") + H.fa(value);
            },
          },
        },
      },
    };
    return Object.assign(base, extra);
  }
  function canvas(id) { return document.getElementById(id); }

  if (data.bar && canvas("bar-chart")) {
    var bar = canvas("bar-chart");
    var barLabels = H.shorten(data.bar.labels, small ? 16 : 28, true);
    // Every unit gets its own row and its own label: 22 districts make a taller chart, not a thinned axis.
    H.sizeBox(bar, data.bar.labels.length, small ? 24 : 22, 260);
    new Chart(bar, {
      type: "bar",
      data: { labels: barLabels, datasets: [{ label: "امتیاز کل", data: data.bar.data, backgroundColor: "#0f766e" }] },
      options: options(data.bar.labels, {
        indexAxis: "y",
        plugins: Object.assign({}, options(data.bar.labels).plugins, { legend: { display: false } }),
        scales: {
          x: { reverse: true, grid: { color: grid }, ticks: { callback: H.fa } },
          y: { position: "right", grid: { display: false }, ticks: { autoSkip: false, font: { size: small ? 11 : 12 } } },
        },
      }),
    });
  }

  if (data.axes && canvas("axes-chart")) {
    var axesLabels = H.shorten(data.axes.labels, small ? 12 : 22);
    new Chart(canvas("axes-chart"), {
      type: "bar",
      data: { labels: axesLabels, datasets: [{ label: "درصد", data: data.axes.data, backgroundColor: "#0d9488" }] },
      options: options(data.axes.labels, {
        plugins: Object.assign({}, options(data.axes.labels).plugins, { legend: { display: false } }),
        scales: {
          x: { reverse: true, grid: { display: false }, ticks: { autoSkip: false, maxRotation: small ? 60 : 30, font: { size: small ? 10 : 12 } } },
          y: { min: 0, max: 100, grid: { color: grid }, ticks: { callback: H.fa } },
        },
      }),
    });
  }

  if (data.trend && canvas("trend-chart")) {
    var trend = canvas("trend-chart");
    if (data.trend.labels.length < 2) {
      var round = data.trend.labels[0] || "";
      H.tableInstead(trend, "امتیاز در " + round, ["واحد", "امتیاز در " + H.clip(round, 40)],
        data.trend.series.map(function (s) { return [s.label, H.fa(s.data[0])]; }));
    } else {
      var roundLabels = H.shorten(data.trend.labels, small ? 12 : 20);
      var legend = H.shorten(data.trend.series.map(function (s) { return s.label; }), small ? 14 : 24, true);
      new Chart(trend, {
        type: "line",
        data: {
          labels: roundLabels,
          datasets: data.trend.series.map(function (s, i) {
            var color = palette[i % palette.length];
            return { label: legend[i], fullLabel: s.label, data: s.data, borderColor: color, backgroundColor: color, tension: 0.2, spanGaps: true };
          }),
        },
        options: options(data.trend.labels, {
          scales: {
            // offset: the first and last rounds' names sit inside the chart, not cut at its edges.
            x: { reverse: true, offset: true, grid: { color: grid }, ticks: { autoSkip: false, maxRotation: small ? 45 : 0, font: { size: small ? 10 : 12 } } },
            y: { grid: { color: grid }, ticks: { callback: H.fa } },
          },
        }),
      });
    }
  }
}
})();
