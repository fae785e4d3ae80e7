// Polls a release export's status endpoint and updates the page until the export ends.
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || box.dataset.done === "1") { return; }
  var url = box.dataset.statusUrl;

  function render(job) {
    document.getElementById("export-status").textContent = job.status_label;
    document.getElementById("export-progress").value = job.percent;
    document.getElementById("export-percent").textContent = job.percent + "%";
    document.getElementById("export-rows").textContent = job.rows_done;
    var failure = document.getElementById("export-failure");
    failure.textContent = job.failure;
    failure.hidden = !job.failure;
    if (job.status === "finished") {
      document.getElementById("export-reload").hidden = false;
    }
    return job.status === "finished" || job.status === "failed";
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) { if (!render(job)) { setTimeout(poll, 1000); } })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
