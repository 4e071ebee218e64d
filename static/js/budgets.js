// Draws the indicator chart from the JSON the page embeds; the numbers are also in the page.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("indicator-chart");
  const source = document.getElementById("indicator-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const rtl = document.documentElement.dir === "rtl";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.valueLabel, data: data.values, backgroundColor: "#0d6efd" },
        { label: data.benchmarkLabel, data: data.benchmarks, backgroundColor: "#adb5bd" },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      locale: document.documentElement.lang,
      scales: {
        x: { min: 0, max: 100, reverse: rtl },
        y: { position: rtl ? "right" : "left", ticks: { autoSkip: false } },
      },
      plugins: { legend: { rtl, position: "bottom" } },
    },
  });
});
