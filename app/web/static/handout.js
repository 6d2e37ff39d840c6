/* vanban: the handout editor (templates/handout.html). Without this script the page still works:
   the cover fields and the editor are a plain form, «Lưu và cập nhật xem nhanh» saves and shows
   the preview, and «Cách viết» says how to write each part. With it:
   - the preview is fetched from the server (which renders the Markdown with raw HTML off and
     resolves the quotations) when typing pauses, in the editor or in a cover field, and a cover
     field's problem is also shown under that field;
   - the «Cách viết» buttons insert a heading, a bullet or a table where the cursor is;
   - «Chèn trích dẫn» finds a document of the library, lists its Điều/mục, and inserts the chosen
     one's `{{trich …}}` line where the cursor is. Every fragment comes from the server, rendered
     by Jinja2 with autoescape. */
"use strict";

const PREVIEW_PAUSE_MS = 600;
const SEARCH_PAUSE_MS = 250;

/* Insert `text` where the cursor is, never over what is typed: on an empty line, there; otherwise
   on new lines after the cursor's line (so a line is never split and a selection is never
   replaced). "block": with a blank line around it (a heading, a table, a quotation); "line": on a
   line of its own (a bullet). `select`: the part of `text` left selected, so that typing replaces
   it ("Tên phần"). */
function insertAt(textarea, text, mode, select) {
  const value = textarea.value;
  const caret = textarea.selectionEnd;
  const lineStart = value.lastIndexOf("\n", caret - 1) + 1;
  let at = value.indexOf("\n", caret);
  if (at < 0) at = value.length;
  if (value.slice(lineStart, at).trim() === "") at = lineStart;
  const before = value.slice(0, at);
  const after = value.slice(at);
  let lead = before === "" || before.endsWith("\n") ? "" : "\n";
  let tail = "";
  if (mode === "block") {
    lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  }
  textarea.setRangeText(lead + text + tail, at, at, "end");
  const from = select ? at + lead.length + text.indexOf(select) : at + lead.length + text.length;
  const to = select ? from + select.length : from;
  textarea.focus();
  textarea.setSelectionRange(from, to);
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

function toolbar(help, textarea) {
  for (const button of help.querySelectorAll("button[data-insert-block], button[data-insert-line]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      if (button.dataset.insertLine !== undefined) {
        insertAt(textarea, button.dataset.insertLine, "line");
        return;
      }
      const text = button.dataset.insertBlock;
      const placeholder = text.startsWith("|") ? "Cột 1" : text.replace(/^#+ /, "");
      insertAt(textarea, text, "block", placeholder);
    });
  }
}

/* A cover field's problem, as the preview reported it, shown under the field (or cleared). */
function showFieldErrors(form, target) {
  for (const input of form.querySelectorAll(".cover-fields input[id]")) {
    const item = target.querySelector(`li[data-field="${input.id}"]`);
    const field = input.closest(".field");
    let shown = document.getElementById(`${input.id}-loi`);
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== `${input.id}-loi`);
    if (!item) {
      if (shown) shown.remove();
      field.classList.remove("has-error");
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", described.join(" "));
      continue;
    }
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "field-error";
      shown.id = `${input.id}-loi`;
      field.append(shown);
    }
    shown.textContent = item.textContent;
    field.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [...described, shown.id].join(" "));
  }
}

function livePreview(form, textarea) {
  const target = document.getElementById(textarea.dataset.previewTarget);
  let timer = null;
  let sent = 0;
  const refresh = async () => {
    const mine = ++sent;
    target.setAttribute("aria-busy", "true");
    try {
      const body = new FormData(form); // the CSRF token, the cover fields, the body
      const response = await fetch(textarea.dataset.previewUrl, { method: "POST", body, credentials: "same-origin" });
      if (mine !== sent) return; // a later keystroke's answer will arrive
      if (!response.ok) {
        target.textContent = `Không cập nhật được phần xem nhanh (mã ${response.status}). Hãy tải lại trang; nội dung đã gõ vẫn còn trong ô soạn thảo.`;
        target.classList.add("preview-failed");
        return;
      }
      target.classList.remove("preview-failed");
      target.innerHTML = await response.text(); // rendered by the server from escaped text only
      showFieldErrors(form, target);
    } catch (error) {
      if (mine === sent) target.textContent = "Mất kết nối tới máy chủ: chưa cập nhật được phần xem nhanh.";
    } finally {
      if (mine === sent) target.removeAttribute("aria-busy");
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_PAUSE_MS);
  };
  textarea.addEventListener("input", later);
  for (const input of form.querySelectorAll(".cover-fields input")) input.addEventListener("input", later);
}

function quotePicker(picker, textarea) {
  const input = picker.querySelector("input[type=search]");
  const results = picker.querySelector(".quote-results");
  let chosen = "";
  let timer = null;
  let sent = 0;
  const load = async () => {
    const mine = ++sent;
    const params = new URLSearchParams({ q: input.value });
    if (chosen) params.set("van-ban", chosen);
    try {
      const response = await fetch(`${picker.dataset.url}?${params}`, { credentials: "same-origin" });
      if (mine !== sent) return;
      results.innerHTML = response.ok ? await response.text() : ""; // escaped by the server's templates
      if (!response.ok) results.textContent = `Không tìm được (mã ${response.status}). Hãy tải lại trang.`;
    } catch (error) {
      if (mine === sent) results.textContent = "Mất kết nối tới máy chủ: chưa tìm được.";
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(load, SEARCH_PAUSE_MS);
  });
  input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  results.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.document !== undefined) {
      chosen = button.dataset.document;
      input.value = "";
      input.placeholder = "lọc các mục: gõ số mục hoặc vài chữ";
      load().then(() => input.focus());
    } else if (button.dataset.back !== undefined) {
      chosen = "";
      input.value = "";
      input.placeholder = "ví dụ 484 hoặc sản xuất sạch hơn";
      load().then(() => input.focus());
    } else if (button.dataset.quotation) {
      insertAt(textarea, button.dataset.quotation, "block");
    }
  });
  picker.hidden = false;
  for (const typed of document.querySelectorAll(".quote-typed")) typed.hidden = true;
  load();
}

document.addEventListener("DOMContentLoaded", () => {
  const textarea = document.querySelector("textarea#nguon[data-preview-url]");
  if (!textarea) return;
  livePreview(textarea.form, textarea);
  const help = document.getElementById("cach-viet");
  if (help) toolbar(help, textarea);
  const picker = document.querySelector(".quote-picker[data-url]");
  if (picker) quotePicker(picker, textarea);
});
