/* The projector's live count (issue 17.5): every few seconds the page is fetched again and
   only its #live region is replaced, so the screen does not flash. Without JavaScript a
   <noscript> meta refresh reloads the whole page instead. "Pause updates" stops it
   (WCAG 2.2.2). No websocket: the page asks, the server answers. */
(function () {
  "use strict";
  var live = document.getElementById("live");
  var button = document.getElementById("live-pause");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  var interval = parseInt(live.dataset.liveInterval, 10) || 3000;
  var paused = false;
  var timer = null;

  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        if (fresh && fresh.innerHTML !== live.innerHTML) { live.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* the next round tries again */ })
      .then(schedule);
  }

  function schedule() {
    if (!paused) { timer = window.setTimeout(refresh, interval); }
  }

  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      paused = !paused;
      button.textContent = paused ? button.dataset.resume : button.dataset.pause;
      button.setAttribute("aria-pressed", paused ? "true" : "false");
      if (paused) { window.clearTimeout(timer); } else { refresh(); }
    });
    button.setAttribute("aria-pressed", "false");
  }
  schedule();
})();
