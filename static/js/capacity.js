// Capacity charts: self-assessment against partners' view per domain (one chart per
// organisation) and actions per organisation. Data comes from json_script elements, so the
// pages need no inline script.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  const colours = ["#0d6efd", "#fd7e14", "#6c757d", "#198754", "#6f42c1"];
  const rtl = document.documentElement.dir === "rtl";
  const read = (id) => {
    const source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  };
  // Long domain names wrap onto several lines instead of being cut on a phone.
  const wrap = (text) => String(text).split(" ").reduce((lines, word) => {
    const last = lines[lines.length - 1];
    if (last && (last + " " + word).length <= 22) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
    return lines;
  }, []);
  const draw = (canvas, data, max) => {
    // One band per label, tall enough for its bars and its wrapped name on a phone.
    const perLabel = 18 * data.datasets.length + 20;
    canvas.parentElement.style.height = `${Math.max(200, data.labels.length * perLabel + 80)}px`;
    return chart(canvas, data, max);
  };
  const chart = (canvas, data, max) => new Chart(canvas, {
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
      scales: {
        x: { min: 0, max: max, reverse: rtl, ticks: { stepSize: 1 } },
        y: { position: rtl ? "right" : "left", ticks: { autoSkip: false } },
      },
      plugins: { legend: { position: "bottom", rtl: rtl } },
    },
  });

  const gaps = read("capacity-gap-data");
  if (gaps) {
    document.querySelectorAll("canvas.capacity-gap-chart").forEach((canvas) => {
      const data = gaps[Number(canvas.dataset.index)];
      if (data) draw(canvas, data, 4);
    });
  }
  const symmetry = read("capacity-symmetry-data");
  const canvas = document.getElementById("capacity-symmetry-chart");
  if (symmetry && canvas) draw(canvas, symmetry, undefined);
});
