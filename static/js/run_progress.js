// Polls a pipeline run's status endpoint and updates the stage bars until the run ends.
(function () {
  "use strict";
  var box = document.getElementById("run");
  if (!box || box.dataset.done === "1") { return; }
  var url = box.dataset.statusUrl;

  function cell(row, key) { return row.querySelector('[data-k="' + key + '"]'); }

  function render(run) {
    document.getElementById("run-status").textContent = run.status_label;
    document.getElementById("run-tokens-in").textContent = run.tokens_in;
    document.getElementById("run-tokens-out").textContent = run.tokens_out;
    var failure = document.getElementById("run-failure");
    failure.textContent = run.failure;
    failure.hidden = !run.failure;
    run.stages.forEach(function (s) {
      var row = document.querySelector('#run-stages tr[data-stage="' + s.stage + '"]');
      if (!row) { return; }
      row.querySelector("progress").value = s.percent;
      cell(row, "done").textContent = s.done + "/" + s.total;
      cell(row, "rejected").textContent = s.rejected;
      cell(row, "calls").textContent = s.calls + " (" + s.cached_calls + ")";
      cell(row, "rate").textContent = s.units_per_minute == null ? "—" : s.units_per_minute;
      cell(row, "left").textContent = s.seconds_left == null ? "—" : s.seconds_left + " s";
    });
    var list = document.getElementById("run-rejects");
    if (run.recent_rejects.length) {
      list.replaceChildren.apply(list, run.recent_rejects.map(function (r) {
        var li = document.createElement("li");
        var code = document.createElement("code");
        code.textContent = r.stage + " · " + r.subject + " · attempt " + r.attempt + " · " +
          r.reason + (r.final ? " (given up)" : "") + ": " + r.detail;
        li.appendChild(code);
        return li;
      }));
    }
    var ended = ["finished", "failed", "cancelled"].indexOf(run.status) >= 0;
    if (ended) {
      var cancel = document.getElementById("run-cancel");
      if (cancel) { cancel.remove(); }
    }
    return ended;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (run) { if (!render(run)) { setTimeout(poll, 1500); } })
      .catch(function () { setTimeout(poll, 4000); });
  }
  poll();
})();
