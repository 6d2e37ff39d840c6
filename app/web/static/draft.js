/* vanban: the drafting form (templates/draft.html). Without this script the form still works: lists
   come with empty rows, every field of every shape is shown, and «Lưu» saves. With it: rows are
   added, moved and removed in place (field names follow the data's path, "noi_dung.2.tieu_de", so
   they are renamed after each move), only the chosen shape of a mixed field is shown, căn cứ lines
   are suggested from the library, and the draft is saved while you type. */
"use strict";

const SAVE_AFTER_MS = 1200;
const SUGGEST_AFTER_MS = 250;
const RENAMED = ["name", "id", "for", "aria-describedby", "data-path"];

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/* Every attribute naming a path under `from` now names the same place under `to`. */
function retarget(root, from, to) {
  const pattern = new RegExp("(^|[fi]-|\\s)" + escapeRegExp(from) + "(?=$|[.\\-\\s])", "g");
  for (const element of [root, ...root.querySelectorAll("*")]) {
    for (const attribute of RENAMED) {
      const value = element.getAttribute(attribute);
      if (value !== null && value.includes(from)) element.setAttribute(attribute, value.replace(pattern, "$1" + to));
    }
  }
}

function listPath(list) {
  return list.id.slice(2);
}

function itemsOf(list) {
  return [...list.querySelector(":scope > ol.items").children];
}

/* After an add, move or remove: each item's path is its position again, and its label says so. */
function renumber(list) {
  const base = listPath(list);
  itemsOf(list).forEach((item, index) => {
    const path = base + "." + index;
    if (item.dataset.path !== path) retarget(item, item.dataset.path, path);
    const label = item.querySelector(".num");
    if (label && list.dataset.itemLabel) {
      const required = label.querySelector(".required");
      label.textContent = list.dataset.itemLabel + " " + (index + 1);
      if (required) label.append(" ", required);
    }
  });
}

function showChosen(choice) {
  const select = choice.querySelector(":scope > .choice-head select");
  for (const alternative of choice.querySelectorAll(":scope > .alternative")) {
    alternative.hidden = alternative.dataset.alt !== select.value;
  }
}

function enhance(root) {
  for (const element of root.querySelectorAll(".item-tools, .adders")) element.hidden = false;
  for (const choice of root.querySelectorAll(".choice")) showChosen(choice);
}

function addItem(list, button) {
  const template = document.getElementById("mau-" + button.dataset.template);
  const item = template.content.firstElementChild.cloneNode(true);
  delete item.dataset.spare;
  const items = list.querySelector(":scope > ol.items");
  items.append(item);
  retarget(item, "__P__", listPath(list) + "." + (items.children.length - 1));
  if (button.dataset.alt !== "-1") {
    const select = item.querySelector(".choice-select");
    if (select) select.value = button.dataset.alt;
  }
  enhance(item);
  renumber(list);
  const first = item.querySelector(".alternative:not([hidden]) input, .alternative:not([hidden]) textarea, input, textarea");
  if (first) first.focus();
}

function moveItem(item, step) {
  const list = item.closest("fieldset.list");
  const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling) return;
  if (step < 0) sibling.before(item); else sibling.after(item);
  renumber(list);
  item.querySelector(step < 0 ? ".move-up" : ".move-down").focus();
}

function removeItem(item) {
  const list = item.closest("fieldset.list");
  const next = item.nextElementSibling || item.previousElementSibling;
  item.remove();
  renumber(list);
  const focus = next ? next.querySelector("input, textarea, select") : list.querySelector(".add");
  if (focus) focus.focus();
}

/* Spare empty rows are for typing without a script; with it, one empty row in an empty list is enough. */
function dropSpareRows(form) {
  for (const list of form.querySelectorAll("fieldset.list")) {
    const items = itemsOf(list);
    const spare = items.filter((item) => item.dataset.spare);
    const typed = spare.length && !spare[0].firstElementChild.matches("fieldset.group");
    const keep = typed && spare.length === items.length && !list.closest(".item[data-spare]") ? 1 : 0;
    spare.slice(keep).forEach((item) => item.remove());
    renumber(list);
  }
}

/* ---- saving while typing */

function autosave(form) {
  const status = document.getElementById("trang-thai-luu");
  let timer = null, saving = false, again = false, dirty = false;

  function body() {
    return new URLSearchParams(new FormData(form));
  }

  async function save() {
    if (saving) { again = true; return; }
    saving = true; dirty = false;
    try {
      const response = await fetch(form.action, { method: "POST", body: body(), headers: { "X-Autosave": "1" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(response.status === 403 ? "phiên làm việc đã hết hạn, hãy tải lại trang" : "máy chủ trả lời " + response.status);
      const saved = await response.json();
      if (saved.empty) {  /* nothing typed yet: the server keeps no draft */
        status.textContent = "Chưa lưu: dự thảo còn trống.";
        return;
      }
      if (!form.action.endsWith(saved.url)) {
        form.action = saved.url;
        history.replaceState(null, "", saved.url);
      }
      const at = new Date(saved.saved).toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false });
      status.textContent = "Đã lưu lúc " + at;
      status.classList.remove("save-failed");
    } catch (error) {
      dirty = true;
      status.textContent = "Chưa lưu được (" + error.message + "); nội dung vẫn còn trên trang.";
      status.classList.add("save-failed");
    } finally {
      saving = false;
      if (again) { again = false; save(); }
    }
  }

  function changed() {
    dirty = true;
    status.textContent = "Đang soạn…";
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("vanban:structure", changed);
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    /* The page disables its buttons while the server works; the chosen one's value must still be sent. */
    const chosen = event.submitter;
    if (chosen && chosen.name) {
      let field = form.querySelector("input[type=hidden][name='" + chosen.name + "']");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = chosen.name;
        form.append(field);
      }
      field.value = chosen.value;
    }
  });
  /* Closing the tab within the pause still saves: a keepalive request outlives the page. */
  window.addEventListener("pagehide", () => {
    if (!dirty) return;
    clearTimeout(timer);
    fetch(form.action, { method: "POST", body: body(), headers: { "X-Autosave": "1" }, credentials: "same-origin", keepalive: true });
  });
}

/* ---- căn cứ suggestions from the library */

function suggestions(form) {
  let timer = null;

  function close(input) {
    const box = input.parentElement.querySelector(".suggestions");
    if (box) box.remove();
    input.removeAttribute("aria-expanded");
  }

  async function ask(input) {
    const query = input.value.trim();
    if (query.length < 2) { close(input); return; }
    const response = await fetch(input.dataset.suggest + "?q=" + encodeURIComponent(query), { credentials: "same-origin" });
    if (!response.ok) return;
    const found = await response.json();
    close(input);
    if (!found.length || input.value.trim() !== query) return;
    const box = document.createElement("ul");
    box.className = "suggestions";
    box.setAttribute("aria-label", "Văn bản trong thư viện");
    for (const hit of found) {
      const option = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = hit.text;
      button.addEventListener("click", () => {
        input.value = hit.line || hit.text;  /* the whole line: "Căn cứ Quyết định số …;" */
        close(input);
        input.focus();
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      option.append(button);
      box.append(option);
    }
    input.after(box);
    input.setAttribute("aria-expanded", "true");
  }

  form.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches("[data-suggest]")) return;
    clearTimeout(timer);
    timer = setTimeout(() => ask(input), SUGGEST_AFTER_MS);
  });
  form.addEventListener("keydown", (event) => {
    const input = event.target;
    if (input.matches("[data-suggest]") && event.key === "ArrowDown") {
      const first = input.parentElement.querySelector(".suggestions button");
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape" && input.closest(".field")) {
      const field = input.closest(".field").querySelector("[data-suggest]");
      if (field) { close(field); field.focus(); }
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("du-thao");
  if (!form) return;
  const editable = form.dataset.autosave === "1";
  if (editable) dropSpareRows(form);
  enhance(form);
  if (!editable) {
    for (const element of form.querySelectorAll(".item-tools, .adders")) element.hidden = true;
    return;
  }
  form.addEventListener("change", (event) => {
    if (event.target.classList.contains("choice-select")) showChosen(event.target.closest(".choice"));
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[type=button]");
    if (!button || !form.contains(button)) return;
    const item = button.closest("li.item");
    if (button.classList.contains("add")) addItem(button.closest("fieldset.list"), button);
    else if (button.classList.contains("move-up")) moveItem(item, -1);
    else if (button.classList.contains("move-down")) moveItem(item, 1);
    else if (button.classList.contains("remove")) removeItem(item);
    else return;
    form.dispatchEvent(new Event("vanban:structure"));
  });
  autosave(form);
  suggestions(form);
});
