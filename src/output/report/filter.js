// The report's filters (see report.rs). The page's Content-Security-Policy allows this script
// by the SHA-256 of its bytes: after any change, put the new hash in CONTENT_SECURITY_POLICY
// (the report test the_only_script_is_the_one_its_hash_allows prints it).
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var speaker = document.getElementById("f-speaker");
  var outlet = document.getElementById("f-outlet");
  var search = document.getElementById("f-q");
  var kinds = bar.querySelectorAll("input[name=kind]");
  var count = document.getElementById("f-count");
  var rows = document.querySelectorAll("table.rows tbody tr[data-kind]");
  var sections = document.querySelectorAll("section.article");
  var KEYS = ["speaker", "outlet", "kind", "q"];

  // Case and accents do not count: letters are decomposed (NFD) and their marks dropped.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Each statement's full text, from its highlights (fragments of one paragraph joined as
  // they are, paragraphs with a space); the table shows only a snippet.
  var quotes = {};
  var last = {};
  document.querySelectorAll(".text p:not(.unplaced) mark[data-statement]").forEach(function (m) {
    var id = m.getAttribute("data-statement");
    var p = m.closest("p");
    quotes[id] = (quotes[id] || "") + (last[id] && last[id] !== p ? " " : "") + m.textContent;
    last[id] = p;
  });

  // What each row is found by: its speaker (as listed and as written), title, cue,
  // outlets and quote.
  var found = [];
  var outlets = [];
  rows.forEach(function (row, i) {
    var list = [];
    try { list = JSON.parse(row.getAttribute("data-outlets") || "[]"); } catch (e) { list = []; }
    outlets[i] = list;
    var cells = row.cells;
    var parts = [row.getAttribute("data-speaker") || "", list.join("\n")];
    for (var c = 2; c < 6 && c < cells.length; c++) { parts.push(cells[c].textContent); }
    var id = (row.id || "").replace(/-r(\d+)$/, "-s$1");
    parts.push(quotes[id] || (cells.length > 6 ? cells[6].textContent : ""));
    found[i] = fold(parts.join("\n"));
  });

  // The state the controls show: only what narrows the view.
  function read() {
    var state = {};
    if (speaker.selectedIndex > 0) { state.speaker = speaker.value; }
    if (outlet.selectedIndex > 0) { state.outlet = outlet.value; }
    var chosen = [];
    kinds.forEach(function (box) { if (box.checked) { chosen.push(box.value); } });
    if (chosen.length < kinds.length) { state.kind = chosen.join(","); }
    if (search.value.trim() !== "") { state.q = search.value; }
    return state;
  }

  // Selects `value` in `select`; a value the report does not list is added, with no rows.
  function choose(select, value, none) {
    select.selectedIndex = 0;
    if (value === undefined) { return; }
    for (var i = 1; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
    select.add(new Option((value || none) + " (0)", value));
    select.selectedIndex = select.options.length - 1;
  }

  // Sets the controls to `state`.
  function show(state) {
    choose(speaker, state.speaker, "(no speaker found)");
    choose(outlet, state.outlet, "(none)");
    var wanted = state.kind === undefined ? null : state.kind.split(",");
    kinds.forEach(function (box) { box.checked = !wanted || wanted.indexOf(box.value) >= 0; });
    search.value = state.q === undefined ? "" : state.q;
  }

  // Hides the rows `state` leaves out, and the articles left with none.
  function apply(state) {
    var terms = state.q === undefined ? [] : fold(state.q).split(/\s+/).filter(Boolean);
    var wanted = state.kind === undefined ? null : state.kind.split(",");
    var narrowed = state.speaker !== undefined || state.outlet !== undefined || wanted !== null ||
      terms.length > 0;
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = (state.speaker === undefined || row.getAttribute("data-speaker") === state.speaker) &&
        (state.outlet === undefined || outlets[i].indexOf(state.outlet) >= 0) &&
        (wanted === null || wanted.indexOf(row.getAttribute("data-kind")) >= 0) &&
        terms.every(function (t) { return found[i].indexOf(t) >= 0; });
      row.hidden = !keep;
      if (keep) { shown++; }
    });
    sections.forEach(function (section) {
      section.hidden = narrowed && !section.querySelector("tbody tr[data-kind]:not([hidden])");
    });
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " statement" : " statements");
  }

  // A fragment that holds a filter (`#speaker=...&kind=direct`), not a link to an element.
  function isState(hash) {
    return hash === "" || hash === "#" || hash.indexOf("=") >= 0;
  }

  // The state a fragment holds; URLSearchParams decodes %20 and + alike.
  function parse(hash) {
    var params = new URLSearchParams(hash.replace(/^#/, ""));
    var state = {};
    KEYS.forEach(function (key) { if (params.has(key)) { state[key] = params.get(key); } });
    return state;
  }

  // The fragment of a state, its keys in a fixed order.
  function fragment(state) {
    return KEYS.filter(function (key) { return state[key] !== undefined; }).map(function (key) {
      return key + "=" + encodeURIComponent(state[key]);
    }).join("&");
  }

  // A control changed: filter, and put the state in the address without a new history entry.
  function changed() {
    var state = read();
    apply(state);
    var hash = fragment(state);
    try {
      history.replaceState(null, "", location.href.split("#")[0] + (hash ? "#" + hash : ""));
    } catch (e) { /* a page that may not rewrite its address keeps filtering */ }
  }

  // The state of the address (none for a link to an element), shown and applied.
  function load() {
    show(isState(location.hash) ? parse(location.hash) : {});
    apply(read());
  }

  bar.addEventListener("input", changed);
  bar.addEventListener("change", changed);
  document.getElementById("f-reset").addEventListener("click", function () {
    show({});
    changed();
  });
  window.addEventListener("hashchange", function () {
    if (isState(location.hash)) { load(); }
  });
  load();
  bar.hidden = false;
}());
