// "Add a row" on the change request form, in place. Without this file the same button
// submits the form and the page comes back with one more row.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("add-move");
  const template = document.getElementById("move-template");
  const rows = document.getElementById("move-rows");
  const total = document.getElementById("id_moves-TOTAL_FORMS");
  if (!button || !template || !rows || !total) return;
  const max = parseInt(button.dataset.max, 10);
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const index = parseInt(total.value, 10);
    if (index >= max) return;
    const html = template.innerHTML
      .replaceAll("__prefix__", String(index))
      .replaceAll("__number__", String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = rows.lastElementChild.querySelector("select, input");
    if (added) added.focus();
    if (index + 1 >= max) button.hidden = true;
  });
});
