/* vanban: what the yearly wizards add to a plain page. Without it every step still works (file
   inputs, a «Lưu và cập nhật xem nhanh» button, checkboxes); with it:
   - a drop zone: workbooks dragged onto it become the file input's files;
   - a task row dropped from the plan is greyed out as soon as its "Giữ" box is cleared;
   - an error the page came back with is scrolled into view and focused. */
"use strict";

function describeFiles(input, output) {
  const names = Array.from(input.files, (file) => file.name);
  output.textContent = names.length ? `Đã chọn ${names.length} tệp: ${names.join(", ")}` : "";
}

function dropZone(zone) {
  const input = document.getElementById(zone.dataset.dropFor);
  const output = zone.querySelector(".drop-chosen");
  const hint = zone.querySelector(".drop-hint");
  if (!input) return;
  if (hint) hint.hidden = false;
  zone.classList.add("drop-ready");
  input.addEventListener("change", () => describeFiles(input, output));
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add("drop-over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    zone.addEventListener(type, () => zone.classList.remove("drop-over"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    describeFiles(input, output);
  });
}

function keptRows(table) {
  for (const box of table.querySelectorAll("input[type=checkbox][name^=giu-]")) {
    box.addEventListener("change", () => box.closest("tr").classList.toggle("dropped", !box.checked));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const error = document.querySelector("[data-scroll-here]");
  if (error) { error.scrollIntoView({ block: "center" }); error.focus({ preventScroll: true }); }
  for (const zone of document.querySelectorAll(".drop-zone[data-drop-for]")) dropZone(zone);
  for (const table of document.querySelectorAll("table.task-edit")) keptRows(table);
});
