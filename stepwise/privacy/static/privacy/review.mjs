// Select words in the note's text, then "Hide everywhere": the phrase joins the list of
// words to hide and the redacted version is refreshed. Typing in the list does the same
// without a pointer.
const form = document.getElementById("share-review");

function selectedText() {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode) return "";
  const element = selection.anchorNode.nodeType === Node.ELEMENT_NODE
    ? selection.anchorNode : selection.anchorNode.parentElement;
  if (!element || !element.closest(".sw-review-text") || !form.contains(element)) return "";
  return selection.toString().replace(/\s+/g, " ").trim().slice(0, 120);
}

if (form) {
  document.addEventListener("selectionchange", () => {
    const bar = form.querySelector("[data-hide-selection]");
    if (!bar) return;
    const text = selectedText();
    if (text) {
      bar.querySelector("[data-selected-text]").textContent = text;
      bar.hidden = false;
    }
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-hide-selection] button");
    if (!button) return;
    const bar = button.closest("[data-hide-selection]");
    const text = bar.querySelector("[data-selected-text]").textContent;
    const phrases = form.querySelector("#id_phrases");
    const lines = phrases.value.split("\n").map((l) => l.trim()).filter(Boolean);
    if (text && !lines.some((l) => l.toLowerCase() === text.toLowerCase())) lines.push(text);
    phrases.value = lines.join("\n");
    window.getSelection().removeAllRanges();
    bar.hidden = true;
    form.dispatchEvent(new Event("sw-preview"));
  });
}
