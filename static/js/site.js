// Large-text switch: remembered in localStorage, applied by textsize-init.js on every page.
(function () {
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-textsize-toggle]");
  function sync() {
    var large = root.classList.contains("text-large");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", large ? "true" : "false");
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var large = !root.classList.contains("text-large");
      root.classList.toggle("text-large", large);
      try {
        window.localStorage.setItem("jinshi-text-size", large ? "large" : "normal");
      } catch (e) {
        /* cannot remember: the switch still works for this page */
      }
      sync();
    });
  });
  sync();

  // Forms marked data-once send once: a second tap while the first is on its way is ignored.
  // Buttons are not disabled, because a disabled submitter drops its name=value from the form data
  // (a "save draft" and a "submit" button must still tell the server which one was pressed).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending === "1") {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "1";
      form.setAttribute("aria-busy", "true");
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.classList.add("is-sending");
      });
    });
  });
  // Coming back with the browser's back button shows the page from cache: let the form send again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.dataset.sending = "";
      form.removeAttribute("aria-busy");
    });
  });
})();
