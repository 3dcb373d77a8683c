// Nothing typed is lost: every change is kept in this browser until the server confirms it
// has the same text, then the browser's copy is removed (shared council devices).
const form = document.querySelector("form[data-draft-key]");
const SKIP = new Set(["csrfmiddlewaretoken", "note", "version"]);

function snapshot() {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || SKIP.has(element.name) || element.disabled) continue;
    values[element.name] ??= [];
    if (element.type === "checkbox" || element.type === "radio") {
      if (element.checked) values[element.name].push(element.value);
    } else {
      values[element.name].push(element.value);
    }
  }
  return JSON.stringify(values);
}

function restore(serialised) {
  const values = JSON.parse(serialised);
  for (const element of form.elements) {
    if (!element.name || !(element.name in values)) continue;
    const wanted = values[element.name];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = wanted.includes(element.value);
    } else {
      element.value = wanted[0] ?? "";
    }
  }
}

function statusText(message) {
  const text = form.querySelector(".sw-draft-status__text");
  if (text) text.textContent = message;
}

if (form) {
  let key = form.dataset.draftKey;
  let sent = null;

  const kept = localStorage.getItem(key);
  if (kept && kept !== snapshot()) {
    restore(kept);
    statusText("We brought back text you typed that had not been saved yet. Saving it now…");
    if (window.htmx && form.hasAttribute("hx-post")) {
      // htmx wires the form up on DOMContentLoaded; save once it has.
      const save = () => setTimeout(() => window.htmx.trigger(form, "change"), 0);
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", save);
      } else {
        save();
      }
    }
  }

  form.addEventListener("input", () => localStorage.setItem(key, snapshot()));
  form.addEventListener("change", () => localStorage.setItem(key, snapshot()));

  // Once the person shares the note, no autosave may follow it (it would make a new draft).
  let sharing = false;
  form.addEventListener("submit", () => {
    sharing = true;
    if (window.htmx) window.htmx.trigger(form, "htmx:abort");
  });
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt !== form) return;
    if (sharing) {
      event.preventDefault();
      return;
    }
    sent = snapshot();
  });
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const status = document.getElementById("draft-status");
    if (!status || !status.contains(event.detail.elt) && event.detail.elt !== status) return;
    const newKey = status.dataset.draftKey;
    if (newKey && newKey !== key) {
      // The first save gave the draft an address; keep the browser's copy under it.
      const current = localStorage.getItem(key);
      localStorage.removeItem(key);
      if (current) localStorage.setItem(newKey, current);
      key = newKey;
      form.dataset.draftKey = newKey;
    }
    if (status.dataset.saved === "true" && sent !== null && sent === snapshot()) {
      localStorage.removeItem(key);
    }
  });
  document.body.addEventListener("htmx:sendError", (event) => {
    if (event.detail.elt === form) {
      statusText("Not saved: you seem to be offline. Your text is kept on this device.");
    }
  });
}
