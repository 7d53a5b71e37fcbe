// Draws every <canvas data-chart-json="ID"> from a {{ data|json_script:"ID" }} block:
// {"type": "bar", "labels": [...], "datasets": [{"label": "...", "data": [...]}], "stacked": false}
// No inline script, so the Content Security Policy stays strict. Needs vendor/chartjs/chart.umd.min.js.
(function () {
  if (typeof window.Chart === "undefined") return;
  var palette = ["#9f1a1f", "#1f5fa8", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"];
  document.querySelectorAll("canvas[data-chart-json]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart-json"));
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var datasets = (spec.datasets || []).map(function (ds, i) {
      return Object.assign({ backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length] }, ds);
    });
    var stacked = !!spec.stacked;
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels || [], datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        plugins: { legend: { labels: { font: { size: 16 } } } },
        scales: {
          x: { stacked: stacked, ticks: { font: { size: 15 } } },
          y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0, font: { size: 15 } } },
        },
      },
    });
  });
})();
