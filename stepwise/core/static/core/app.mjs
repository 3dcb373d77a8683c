// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

const status = document.getElementById("sw-status");

function say(message) {
  if (status) {
    status.textContent = message;
    status.classList.toggle("sw-connection-banner--visible", Boolean(message));
  }
}

// htmx leaves the page alone on a 4xx/5xx it cannot swap; tell the person plainly instead.
document.body.addEventListener("htmx:responseError", (event) => {
  const code = event.detail.xhr.status;
  say(code >= 500
    ? "Something went wrong on our side. Nothing you typed has been lost; please try again."
    : "That did not work. Please check and try again.");
});
document.body.addEventListener("htmx:sendError", () => {
  say("You seem to be offline. What you type is kept on this device until it is saved.");
});
document.body.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful) {
    say("");
  }
});

// Drafts kept in this browser are cleared when the person signs out (shared council devices).
for (const form of document.querySelectorAll("form[data-clears-drafts]")) {
  form.addEventListener("submit", () => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith("stepwise:draft:")) {
        localStorage.removeItem(key);
      }
    }
  });
}
