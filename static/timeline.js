// The timeline's filter: an enhancement. Without this script the form stays hidden
// and every event is listed. With it, the form shows; choosing a framework, kind,
// region or partner hides the events that do not carry it (their `data-*` lists,
// written by the build) and the years left empty, and dims those years in the strip.
// The choice lives in the address's fragment (#kind=accession&framework=pfp), so a
// filtered view can be shared, also from file://. A fragment without "=" (#y1994,
// an event's anchor) is a place on the page, never a filter.
(function () {
  "use strict";
  var form = document.getElementById("timeline-filter");
  if (!form) return;
  var KEYS = ["framework", "kind", "region", "partner"];
  var ATTRIBUTES = { framework: "data-frameworks", kind: "data-kind", region: "data-regions", partner: "data-partners" };
  var selects = {};
  KEYS.forEach(function (key) { selects[key] = form.elements[key]; });
  var clear = document.getElementById("timeline-filter-clear");
  var status = document.getElementById("timeline-count");
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event[data-kind]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var strip = document.getElementById("timeline-strip");
  var max = strip ? Number(strip.querySelector("ol").getAttribute("data-max")) || 1 : 1;
  // Only the bars of years on this page; on a year's page of a timeline split by
  // year, the other bars lead to other pages.
  var bars = strip ? Array.prototype.slice.call(strip.querySelectorAll("a[data-year][href^='#']")) : [];
  bars.forEach(function (bar) { bar.setAttribute("data-label", bar.getAttribute("aria-label")); });
  var total = events.length;

  function words(value) {
    return value ? value.split(" ") : [];
  }
  function current() {
    var filter = {};
    KEYS.forEach(function (key) { filter[key] = selects[key] ? selects[key].value : ""; });
    return filter;
  }
  function active(filter) {
    return KEYS.some(function (key) { return filter[key] !== ""; });
  }
  function matches(event, filter) {
    return KEYS.every(function (key) {
      return filter[key] === "" || words(event.getAttribute(ATTRIBUTES[key])).indexOf(filter[key]) !== -1;
    });
  }
  function plural(n) {
    return n === 1 ? " event" : " events";
  }

  // Show what the selects say: events, years, strip and count.
  function apply() {
    var filter = current();
    var on = active(filter);
    var shown = 0;
    events.forEach(function (event) {
      var keep = !on || matches(event, filter);
      event.hidden = !keep;
      if (keep) shown++;
    });
    var byYear = {};
    sections.forEach(function (section) {
      var count = section.querySelectorAll("li.event:not([hidden])").length;
      byYear[section.id] = count;
      section.hidden = on && count === 0;
    });
    bars.forEach(function (bar) {
      var id = bar.getAttribute("href").slice(1);
      var all = Number(bar.getAttribute("data-count"));
      var count = byYear[id] || 0;
      var rect = bar.querySelector("rect.shown");
      if (rect) {
        var height = count === 0 ? 0 : Math.min(100, Math.max(6, Math.ceil(count * 100 / max)));
        rect.setAttribute("y", String(100 - height));
        rect.setAttribute("height", String(height));
      }
      var dim = on && count === 0;
      bar.classList.toggle("dim", dim);
      if (dim) bar.setAttribute("aria-disabled", "true");
      else bar.removeAttribute("aria-disabled");
      bar.setAttribute("aria-label", on && all > 0
        ? bar.getAttribute("data-year") + ": " + count + " of " + all + plural(all) + " match"
        : bar.getAttribute("data-label"));
    });
    status.textContent = shown + " of " + total + plural(total);
    clear.disabled = !on;
  }

  // The filter in a fragment, or null when the fragment is no filter.
  function fromHash() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") === -1) return null;
    var filter = {};
    KEYS.forEach(function (key) { filter[key] = ""; });
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at === -1) return;
      var key, value;
      try {
        key = decodeURIComponent(pair.slice(0, at));
        value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      } catch (e) {
        return;
      }
      var select = selects[key];
      if (!select || KEYS.indexOf(key) === -1) return;
      // Only a value the select offers: anything else is ignored.
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) filter[key] = value;
      }
    });
    return filter;
  }
  function toHash(filter) {
    return KEYS.filter(function (key) { return filter[key] !== ""; })
      .map(function (key) { return key + "=" + encodeURIComponent(filter[key]); })
      .join("&");
  }
  function remember() {
    var hash = toHash(current());
    var url = location.href.replace(/#.*$/, "") + (hash ? "#" + hash : "");
    try {
      history.replaceState(history.state, "", url);
    } catch (e) {
      // Some browsers refuse replaceState on file://; a fragment change never reloads.
      location.replace(hash ? "#" + hash : "#");
    }
  }
  function load() {
    var filter = fromHash();
    if (!filter) return false;
    KEYS.forEach(function (key) { if (selects[key]) selects[key].value = filter[key]; });
    apply();
    return true;
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("change", function () {
    apply();
    remember();
  });
  clear.addEventListener("click", function () {
    KEYS.forEach(function (key) { if (selects[key]) selects[key].value = ""; });
    apply();
    remember();
    selects[KEYS[0]].focus();
  });
  // A shared or edited address with another filter; a year's or an event's anchor
  // leaves the filter as it is.
  window.addEventListener("hashchange", load);
  // While a filter is on, a link to a year goes there without replacing the filter in
  // the address; a dimmed year (no event matches) goes nowhere.
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[href^='#y']") : null;
    if (!link || !active(current())) return;
    var section = document.getElementById(link.getAttribute("href").slice(1));
    if (!section || !section.classList.contains("year")) return;
    e.preventDefault();
    if (section.hidden) return;
    section.setAttribute("tabindex", "-1");
    section.focus();
  });
  if (!load()) apply();
})();
