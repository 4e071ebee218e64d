// Draws the power-reflection chart: the average score per dimension for each organisation.
// The data comes from a json_script element, so the page needs no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("reflection-chart");
  const source = document.getElementById("reflection-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colours = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384"];
  const rtl = document.documentElement.dir === "rtl";
  // Long dimension names wrap onto several lines instead of being cut on a phone.
  const wrap = (text) => text.split(" ").reduce((lines, word) => {
    const last = lines[lines.length - 1];
    if (last && (last + " " + word).length <= 22) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
    return lines;
  }, []);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels.map(wrap),
      datasets: data.datasets.map((set, i) => ({
        label: set.label, data: set.data, backgroundColor: colours[i % colours.length],
      })),
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: { x: { min: 0, max: 5, reverse: rtl, ticks: { stepSize: 1 } } },
      plugins: { legend: { position: "bottom", rtl: rtl } },
    },
  });
});
