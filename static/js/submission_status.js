// Polls a submission's status endpoint; shows each step of the lifecycle and reloads the
// page once the submission is done, so that the report or the scores appear.
(function () {
  "use strict";
  var box = document.getElementById("submission");
  if (!box || box.dataset.done === "1") { return; }
  var url = box.dataset.statusUrl;
  var label = document.getElementById("submission-status");
  var delay = 700;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (s) {
        label.textContent = s.status_label;
        label.className = "status status-" + s.status;
        if (s.done) { window.location.reload(); return; }
        delay = Math.min(delay * 1.3, 5000);
        setTimeout(poll, delay);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, delay);
})();
