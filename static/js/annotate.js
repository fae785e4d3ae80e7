// The annotate page: one item per screen, keyboard first, through the annotation JSON API.
// Item data only ever reaches the page through textContent (never innerHTML), so a product
// title or a script step cannot inject markup.
(function () {
  "use strict";
  var root = document.getElementById("annotate");
  if (!root) { return; }
  var conf = root.dataset;
  var REQUEST_TIMEOUT_MS = 15000;
  var LABEL_NAMES = { 1: "Yes", 0: "No" };

  var el = {
    body: document.getElementById("item-body"),
    item: document.getElementById("annotate-item"),
    doneToday: document.getElementById("done-today"),
    doneCampaign: document.getElementById("done-campaign"),
    banner: document.getElementById("qualification-banner"),
    bannerN: document.getElementById("qualification-n"),
    message: document.getElementById("annotate-message"),
    error: document.getElementById("annotate-error"),
    errorText: document.getElementById("annotate-error-text"),
    retry: document.getElementById("annotate-retry"),
    guideline: document.getElementById("guideline"),
    buttons: root.querySelectorAll(".annotate-actions button[data-action]")
  };

  var state = {
    item: null,        // the assignment on screen (the API's item view)
    busy: false,       // a request is in flight: keys and buttons do nothing
    pending: null,     // the action that failed to reach the server, kept for "press again"
    lastAnswered: null, // {assignment, label}: what "u" takes back
    progress: null,
    wasQualifying: conf.qualifying === "1"
  };

  // --- time per item: from render to answer, paused while the tab is hidden ------------------
  var clock = { total: 0, since: null };
  function clockStart() { clock.total = 0; clock.since = document.hidden ? null : Date.now(); }
  function clockSeconds() {
    var ms = clock.total + (clock.since === null ? 0 : Date.now() - clock.since);
    return Math.round(ms / 100) / 10;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (clock.since !== null) { clock.total += Date.now() - clock.since; clock.since = null; }
    } else if (clock.since === null && state.item) {
      clock.since = Date.now();
    }
  });

  // --- requests: session cookie + CSRF token; one retry on a network failure or a 5xx --------
  function once(method, url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/json", "X-CSRFToken": conf.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (timer) { clearTimeout(timer); }
      if (response.status >= 500) { throw new Error("server error " + response.status); }
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }, function (error) {
      if (timer) { clearTimeout(timer); }
      throw error;
    });
  }
  function call(method, url, body) {
    // Every endpoint is safe to repeat (submit returns the stored judgement, next the held item).
    return once(method, url, body).catch(function () { return once(method, url, body); });
  }
  function assignmentUrl(pattern, id) { return pattern.replace("{id}", String(id)); }

  // --- rendering -----------------------------------------------------------------------------
  function part(node, name) { return node.querySelector('[data-field="' + name + '"]'); }
  function put(node, name, text) {
    var target = part(node, name);
    if (target) { target.textContent = text === null || text === undefined ? "" : String(text); }
    return target;
  }
  function priceText(price) {
    if (price === null || price === undefined || price === "") { return "not given"; }
    return /^\d+(\.\d+)?$/.test(String(price)) ? "$" + Number(price).toFixed(2) : String(price);
  }
  function productCard(product) {
    var tpl = document.getElementById("tpl-product");
    var node = tpl.content.cloneNode(true);
    put(node, "title", product.title);
    put(node, "category", product.category || "—");
    put(node, "price", priceText(product.price));
    put(node, "store", product.store || "—");
    var list = part(node, "features");
    (product.features || []).forEach(function (feature) {
      var li = document.createElement("li");
      li.textContent = feature;
      list.appendChild(li);
    });
    if (!list.children.length) { list.remove(); }
    return node;
  }
  function stepRow(step, payload) {
    var node = document.getElementById("tpl-step").content.cloneNode(true);
    var li = node.querySelector("li");
    li.value = step.order;
    put(node, "text", step.text);
    if (payload.step_order !== undefined && step.order === payload.step_order) {
      li.classList.add("annotate-step-asked");
      li.setAttribute("aria-current", "step");
    }
    var products = part(node, "products");
    if (products) {
      if (step.products && step.products.length) {
        step.products.forEach(function (p) { products.appendChild(productCard(p)); });
      } else {
        var none = document.createElement("p");
        none.className = "muted annotate-no-product";
        none.textContent = "No product for this step.";
        products.appendChild(none);
      }
    }
    return node;
  }
  function renderItem(item) {
    var payload = item.payload || {};
    var node = document.getElementById("tpl-item").content.cloneNode(true);
    put(node, "objective", payload.objective);
    put(node, "category", payload.category ? "(" + payload.category + ")" : "");
    put(node, "step_order", payload.step_order);
    put(node, "step", payload.step);
    var steps = part(node, "steps");
    (payload.steps || []).forEach(function (step) { steps.appendChild(stepRow(step, payload)); });
    var product = part(node, "product");
    if (product && payload.product) { product.appendChild(productCard(payload.product)); }
    el.body.replaceChildren(node);
    el.item.hidden = false;
    state.item = item;
    root.dataset.assignment = String(item.assignment);
    clockStart();
    buttonsUpdate();
  }
  function renderNothing(text) {
    state.item = null;
    delete root.dataset.assignment;
    el.item.hidden = true;
    el.body.replaceChildren();
    showMessage(text);
    buttonsUpdate();
  }
  function renderProgress(progress) {
    if (!progress) { return; }
    state.progress = progress;
    el.doneToday.textContent = progress.done_today;
    el.doneCampaign.textContent = progress.done_in_campaign;
    el.bannerN.textContent = progress.qualification_items;
    el.banner.hidden = !progress.qualifying;
    root.dataset.qualifying = progress.qualifying ? "1" : "0";
    if (state.wasQualifying && !progress.qualifying && progress.qualification === "passed") {
      showMessage("You passed the qualification. The campaign's items start now.");
    }
    state.wasQualifying = progress.qualifying;
  }
  function showMessage(text) {
    el.message.textContent = text || "";
    el.message.hidden = !text;
  }
  function showError(text, retryable) {
    el.errorText.textContent = text || "";
    el.error.hidden = !text;
    el.retry.hidden = !retryable;
  }
  function setBusy(busy) {
    state.busy = busy;
    root.dataset.busy = busy ? "1" : "0";
    buttonsUpdate();
  }
  function buttonsUpdate() {
    Array.prototype.forEach.call(el.buttons, function (button) {
      var action = button.dataset.action;
      var needsItem = action === "yes" || action === "no" || action === "skip";
      button.disabled = action !== "guideline" && (state.busy || (needsItem && !state.item && !state.pending));
    });
  }

  // --- actions -------------------------------------------------------------------------------
  function detail(response, fallback) {
    return (response.data && (response.data.detail || response.data.message)) || fallback;
  }
  function perform(action) {
    if (state.busy) { return; }
    setBusy(true);
    showError("");
    var request;
    if (action.kind === "next") {
      request = call("POST", conf.nextUrl);
    } else if (action.kind === "submit") {
      // "next": the answer comes back with the next item, one request per item.
      request = call("POST", assignmentUrl(conf.submitUrl, action.assignment),
        { label: action.label, seconds: action.seconds, next: true });
    } else if (action.kind === "skip") {
      request = call("POST", assignmentUrl(conf.skipUrl, action.assignment), { next: true });
    } else {
      request = call("POST", assignmentUrl(conf.undoUrl, action.assignment));
    }
    request.then(function (response) {
      state.pending = null;
      setBusy(false);
      done(action, response);
    }, function () {
      // Both tries failed: keep the answer (with the time it took) and let the user press again.
      state.pending = action;
      setBusy(false);
      var what = action.kind === "submit" ? "Your answer (" + LABEL_NAMES[action.label] + ") is kept but not saved yet"
        : action.kind === "next" ? "The next item could not be loaded"
        : "The " + action.kind + " did not reach the server";
      showError(what + ": the server did not answer. Press the key again, or r, to try again.", true);
    });
  }
  function showNext(data) {
    renderProgress(data.progress);
    if (data.item) {
      renderItem(data.item);
    } else {
      renderNothing(data.message || "Nothing left for you in this campaign.");
    }
  }
  function done(action, response) {
    if (action.kind === "next") {
      if (!response.ok) {
        state.pending = action;
        renderNothing("");
        showError(detail(response, "Could not load an item.") + " Press r to try again.", true);
        return;
      }
      showNext(response.data);
      return;
    }
    if (!response.ok) {
      // The API refused (undo window over, item already answered, ...): say why, stay put.
      showError(detail(response, "The server refused this."), false);
      if (response.status === 404 && action.kind !== "undo") { perform({ kind: "next" }); }
      return;
    }
    if (action.kind === "submit" || action.kind === "skip") {
      if (action.kind === "submit") {
        state.lastAnswered = { assignment: action.assignment, label: action.label };
      }
      showMessage("");
      state.item = null;
      if (response.data.next) {
        showNext(response.data.next);
      } else {
        perform({ kind: "next" });
      }
    } else {
      var earlier = state.lastAnswered && state.lastAnswered.assignment === action.assignment
        ? " (you had answered " + LABEL_NAMES[state.lastAnswered.label] + ")" : "";
      state.lastAnswered = null;
      renderItem(response.data);
      showMessage("Answer taken back" + earlier + ". Answer this item again.");
      progressRefresh();
    }
  }
  function progressRefresh() {
    call("GET", conf.progressUrl).then(function (response) {
      if (response.ok) { renderProgress(response.data); }
    }, function () { /* the counters catch up with the next answer */ });
  }

  function answer(label) {
    if (state.busy) { return; }
    if (state.pending && state.pending.kind !== "submit") { perform(state.pending); return; }
    var pending = state.pending;
    if (!state.item) { return; }
    // A retry keeps the time measured for the first press.
    var seconds = pending && pending.assignment === state.item.assignment ? pending.seconds : clockSeconds();
    perform({ kind: "submit", assignment: state.item.assignment, label: label, seconds: seconds });
  }
  function skip() {
    if (state.busy) { return; }
    if (state.pending && state.pending.kind === "next") { perform(state.pending); return; }
    if (!state.item) { return; }
    perform({ kind: "skip", assignment: state.item.assignment });
  }
  function undo() {
    if (state.busy) { return; }
    var id = state.lastAnswered ? state.lastAnswered.assignment
      : state.progress && state.progress.last_assignment;
    if (!id) { showError("There is no answer of yours to undo.", false); return; }
    perform({ kind: "undo", assignment: id });
  }
  function retry() {
    if (!state.busy && state.pending) { perform(state.pending); }
  }
  function guidelineToggle(open) {
    el.guideline.hidden = open === undefined ? !el.guideline.hidden : !open;
    root.classList.toggle("guideline-open", !el.guideline.hidden);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var key = event.key;
    var handlers = {
      "1": function () { answer(1); }, "y": function () { answer(1); },
      "0": function () { answer(0); }, "n": function () { answer(0); },
      "s": skip, "u": undo, "r": retry, "?": function () { guidelineToggle(); },
      "Escape": function () { guidelineToggle(false); }
    };
    var handler = handlers[key.length === 1 ? key.toLowerCase() : key];
    if (!handler) { return; }
    event.preventDefault();
    if (event.repeat) { return; } // a held key is one press
    handler();
  });
  Array.prototype.forEach.call(el.buttons, function (button) {
    button.addEventListener("click", function () {
      var action = button.dataset.action;
      if (action === "yes") { answer(1); }
      else if (action === "no") { answer(0); }
      else if (action === "skip") { skip(); }
      else if (action === "undo") { undo(); }
      else { guidelineToggle(); }
      button.blur();
    });
  });
  el.retry.addEventListener("click", retry);

  perform({ kind: "next" });
})();
