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

  // Forms: disable the submit button after the first click so a double tap sends once.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.disabled = true;
      });
    });
  });
})();
