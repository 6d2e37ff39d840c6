/* vanban: what the yearly wizards add to a plain page. Without it every step still works (file
   inputs, a «Lưu và cập nhật xem nhanh» button, checkboxes); with it:
   - a drop zone: workbooks dragged onto it become the file input's files;
   - the handout editor's live preview: fetched from the server (which renders the Markdown with raw
     HTML off and resolves the quotations) when typing pauses, with the form's CSRF token;
   - a task row dropped from the plan is greyed out as soon as its "Giữ" box is cleared;
   - an error the page came back with is scrolled into view and focused. */
"use strict";

const PREVIEW_PAUSE_MS = 600;

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

function livePreview(textarea) {
  const target = document.getElementById(textarea.dataset.previewTarget);
  const token = textarea.form.querySelector("input[name=csrf_token]").value;
  let timer = null;
  let sent = 0;
  const refresh = async () => {
    const mine = ++sent;
    const body = new FormData();
    body.append("csrf_token", token);
    body.append("noi-dung", textarea.value);
    target.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(textarea.dataset.previewUrl, { method: "POST", body, credentials: "same-origin" });
      if (mine !== sent) return; // a later keystroke's answer will arrive
      if (!response.ok) {
        target.textContent = `Không cập nhật được phần xem nhanh (mã ${response.status}). Hãy tải lại trang; nội dung đã gõ vẫn còn trong ô soạn thảo.`;
        target.classList.add("preview-failed");
        return;
      }
      target.classList.remove("preview-failed");
      target.innerHTML = await response.text(); // rendered by the server from escaped text only
    } catch (error) {
      if (mine === sent) target.textContent = "Mất kết nối tới máy chủ: chưa cập nhật được phần xem nhanh.";
    } finally {
      if (mine === sent) target.removeAttribute("aria-busy");
    }
  };
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_PAUSE_MS);
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
  for (const textarea of document.querySelectorAll("textarea[data-preview-url]")) livePreview(textarea);
  for (const table of document.querySelectorAll("table.task-edit")) keptRows(table);
});
