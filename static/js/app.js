// Progressive enhancement only: every form works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", () => select.form.submit());
    const button = select.form.querySelector("button");
    if (button) button.classList.add("d-none");
  }
  // A table wider than the phone scrolls in its own box; keyboard users must reach that box
  // to scroll it (WCAG 2.1.1), so it becomes a focusable, named region.
  document.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const table = box.querySelector("table");
      const heading = table && (table.caption || box.closest("section")?.querySelector("h2, h3"));
      box.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
    }
  });
});

// What people type takes its direction from its first letters, like the text shown back.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea:not([dir]), input[type=text]:not([dir]), input:not([type]):not([dir])")
    .forEach((field) => field.setAttribute("dir", "auto"));
});
