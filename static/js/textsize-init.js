// Runs in <head> before the first paint, so a reader who chose large text never sees it jump.
(function () {
  try {
    if (window.localStorage.getItem("jinshi-text-size") === "large") {
      document.documentElement.classList.add("text-large");
    }
  } catch (e) {
    /* storage blocked (private mode in some WeChat versions): keep the default size */
  }
})();
