/* vanban: the only script. It adds what a plain page cannot do: copying a section's citation to
   the clipboard, and saying "working…" while a long form (the checker renders pages with
   LibreOffice) is being sent. Without it every page still works; the buttons stay hidden and the
   page simply loads when the server is done. */
"use strict";

function copyCitation(button) {
  const text = button.dataset.cite;
  const done = () => {
    const label = button.textContent;
    button.textContent = "Đã sao chép";
    button.classList.add("copied");
    setTimeout(() => { button.textContent = label; button.classList.remove("copied"); }, 1800);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
  } else {
    fallbackCopy(text, done);
  }
}

/* Plain http on a LAN address is not a "secure context": copy through a hidden text field. */
function fallbackCopy(text, done) {
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "offscreen";
  document.body.appendChild(field);
  field.select();
  try { document.execCommand("copy"); done(); } finally { field.remove(); }
}

/* A form with data-progress="ID" shows that status element and disables its button once sent. */
function showProgress(form) {
  form.addEventListener("submit", () => {
    const status = document.getElementById(form.dataset.progress);
    if (status) status.hidden = false;
    for (const button of form.querySelectorAll("button[type=submit]")) button.disabled = true;
  });
}

/* A document page opened at a section (#II.4, from a search hit): the Đề mục box marks that
   section and scrolls itself, not the page, so the reader sees where they are in the outline. */
function markOutline() {
  const nav = document.querySelector("nav.outline");
  if (!nav) return;
  let current = null;
  for (const link of nav.querySelectorAll("a[href^='#']")) {
    const here = location.hash !== "" && link.hash === location.hash;
    if (here) { link.setAttribute("aria-current", "location"); current = link; }
    else link.removeAttribute("aria-current");
  }
  if (!current) return;
  for (let box = current.closest("details"); box; box = box.parentElement.closest("details")) box.open = true;
  const shift = current.getBoundingClientRect().top - nav.getBoundingClientRect().top - nav.clientHeight / 3;
  nav.scrollTop += shift;
}

document.addEventListener("DOMContentLoaded", () => {
  markOutline();
  window.addEventListener("hashchange", markOutline);
  for (const button of document.querySelectorAll("button.cite")) {
    button.hidden = false;
    button.addEventListener("click", () => copyCitation(button));
  }
  for (const form of document.querySelectorAll("form[data-progress]")) showProgress(form);
});
