// The prose editor's editable area (role=textbox) gets the accessible name of its field's label:
// screen readers otherwise announce an unnamed text box (axe: aria-input-field-name).
(function () {
  "use strict";
  function name() {
    document.querySelectorAll(".ProseMirror[contenteditable]:not([aria-label]):not([aria-labelledby])").forEach(function (editor) {
      var box = editor.parentElement;
      var field = null;
      while (box && !field) {
        field = box.querySelector("textarea[id]");
        box = box.parentElement;
      }
      var label = field ? document.querySelector('label[for="' + field.id + '"]') : null;
      editor.setAttribute("aria-label", label ? label.textContent.replace(/\*/g, "").trim() : "正文");
      editor.setAttribute("aria-multiline", "true");
    });
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", name);
})();
