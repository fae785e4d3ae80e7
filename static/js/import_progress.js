// Polls the import job's status endpoint and updates the page until the job ends.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box || box.dataset.done === "1") { return; }
  var url = box.dataset.statusUrl;

  function pick(obj, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? o : o[k]; }, obj);
  }

  function render(job) {
    document.getElementById("job-status").textContent = job.status_label;
    document.getElementById("job-progress").value = job.percent;
    document.getElementById("job-percent").textContent = job.percent + "%";
    document.getElementById("job-lines").textContent = job.lines_done;
    document.getElementById("job-error-count").textContent = job.error_count;
    var failure = document.getElementById("job-failure");
    failure.textContent = job.failure;
    failure.hidden = !job.failure;
    var list = document.getElementById("job-errors");
    list.replaceChildren.apply(list, job.errors.map(function (e) {
      var li = document.createElement("li");
      var code = document.createElement("code");
      code.textContent = e;
      li.appendChild(code);
      return li;
    }));
    if (job.status === "finished") {
      var summary = document.getElementById("job-summary");
      summary.querySelectorAll("[data-k]").forEach(function (el) {
        var v = pick(job.summary, el.dataset.k);
        el.textContent = v == null ? 0 : v;
      });
      summary.hidden = false;
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
