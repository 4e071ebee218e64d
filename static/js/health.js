// Draws one bar chart per dimension of the health page: each indicator on a 0-100 scale,
// coloured by its status. The data comes from a json_script element (no inline script).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("health-chart-data");
  if (!source || typeof Chart === "undefined") return;
  const colours = { on_track: "#198754", attention: "#fd7e14", no_data: "#6c757d" };
  const rtl = document.documentElement.dir === "rtl";
  const wrap = (text) => text.split(" ").reduce((lines, word) => {
    const last = lines[lines.length - 1];
    if (last && (last + " " + word).length <= 24) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
    return lines;
  }, []);
  JSON.parse(source.textContent).forEach((chart) => {
    const canvas = document.getElementById(chart.id);
    if (!canvas) return;
    if (!chart.values.length) {
      canvas.parentElement.hidden = true;
      return;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels.map(wrap),
        datasets: [{
          data: chart.values,
          backgroundColor: chart.statuses.map((status) => colours[status] || colours.no_data),
        }],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        scales: { x: { min: 0, max: 100, reverse: rtl } },
        plugins: { legend: { display: false } },
      },
    });
  });
});
