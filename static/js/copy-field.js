/* A read-only field that holds something to copy (issue 16.7). Without JavaScript the
   person selects the text and copies it; with it, focus selects the whole text and a
   "Copy" button puts it on the clipboard and says so. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-copy]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
    field.addEventListener("click", function () { field.select(); });
    if (document.activeElement === field) { field.select(); }  // focused before this ran
    if (!navigator.clipboard) { return; }
    var status = document.getElementById(field.dataset.copyStatus);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary";
    button.textContent = field.dataset.copyLabel;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = field.dataset.copyDone; }
      });
    });
    field.insertAdjacentElement("afterend", button);
  });
})();
