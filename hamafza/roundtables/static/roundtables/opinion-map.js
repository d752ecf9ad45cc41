// The opinion map of a problem: one point per participant (no names), coloured by opinion group.
window.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("opinion-data");
  var canvas = document.getElementById("opinion-chart");
  if (!node || !canvas || !window.Chart) return;
  var data = JSON.parse(node.textContent);
  var fa = window.HamafzaCharts ? window.HamafzaCharts.fa : function (v) { return String(v); };
  var dark = document.documentElement.getAttribute("data-bs-theme") === "dark";
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  Chart.defaults.color = dark ? "#e5e7eb" : "#374151";
  var colours = ["#0f766e", "#d97706", "#6366f1", "#dc2626", "#059669"];
  var datasets = [];
  for (var g = 1; g <= data.k; g++) {
    datasets.push({
      label: "گروه " + fa(g),
      data: data.points.filter(function (p) { return p.group === g; }).map(function (p) { return { x: p.x, y: p.y }; }),
      backgroundColor: colours[(g - 1) % colours.length],
      pointRadius: 6
    });
  }
  canvas.parentElement.style.height = "360px";
  new Chart(canvas, {
    type: "scatter",
    data: { datasets: datasets },
    options: {
      locale: "fa-IR", animation: false, responsive: true, maintainAspectRatio: false,
      plugins: {
        legend: { rtl: true, textDirection: "rtl", position: "bottom" },
        tooltip: { rtl: true, textDirection: "rtl", callbacks: { label: function (c) { return c.dataset.label; } } }
      },
      scales: {
        x: { title: { display: true, text: "مؤلفه نخست" }, ticks: { callback: function (v) { return fa(v); } } },
        y: { title: { display: true, text: "مؤلفه دوم" }, ticks: { callback: function (v) { return fa(v); } } }
      }
    }
  });
});
