// Search over window.searchIndex (written by the build into search-index.js and
// loaded by a script element, so it works from file:// too). Each entry has title,
// kind, url (relative to the site root, where search.html lives), an optional
// date, terms, summary and text. Results are built with DOM nodes and textContent,
// never from markup.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var entries = window.searchIndex;
  if (!input || !status || !list) return;
  if (!Array.isArray(entries)) {
    status.textContent = "The search index did not load, so search is unavailable.";
    return;
  }
  var LIMIT = 50;
  var MARKS = /[\u0300-\u036f]/g;

  // Lower case without accents, one UTF-16 unit for one, so that a position in
  // the folded text is the same position in the original.
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var plain = ch.normalize("NFD").replace(MARKS, "").toLowerCase();
      out += plain.length === 1 ? plain : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    }
    return out;
  }

  // A cut position moved back so it never splits a surrogate pair (an emoji, a
  // letter outside the Basic Multilingual Plane) in two.
  function boundary(text, at) {
    if (at > 0 && at < text.length) {
      var code = text.charCodeAt(at);
      if (code >= 0xdc00 && code <= 0xdfff) return at - 1;
    }
    return at;
  }

  var folded = entries.map(function (entry) {
    return {
      title: fold(entry.title),
      terms: entry.terms.map(fold),
      summary: fold(entry.summary),
      text: fold(entry.text)
    };
  });

  function isWordStart(text, at) {
    return at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1));
  }

  function score(index, tokens, query) {
    var f = folded[index];
    var total = 0;
    for (var t = 0; t < tokens.length; t++) {
      var token = tokens[t];
      var best = 0;
      var at = f.title.indexOf(token);
      if (at !== -1) best = isWordStart(f.title, at) ? 8 : 4;
      for (var k = 0; k < f.terms.length; k++) {
        if (f.terms[k] === token) best = Math.max(best, 10);
        else if (f.terms[k].indexOf(token) !== -1) best = Math.max(best, 3);
      }
      if (!best && f.summary.indexOf(token) !== -1) best = 2;
      if (!best && f.text.indexOf(token) !== -1) best = 1;
      if (!best) return 0; // every word must match somewhere
      total += best;
    }
    if (f.title === query) total += 50;
    else if (f.title.indexOf(query) === 0) total += 20;
    return total;
  }

  // The parts of `text` that match a token, wrapped in <mark>.
  function highlighted(text, foldedText, tokens) {
    var ranges = [];
    tokens.forEach(function (token) {
      var from = 0;
      var at;
      while (token && (at = foldedText.indexOf(token, from)) !== -1) {
        ranges.push([at, at + token.length]);
        from = at + token.length;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment();
    var last = 0;
    ranges.forEach(function (range) {
      if (range[0] < last) return;
      fragment.appendChild(document.createTextNode(text.slice(last, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      fragment.appendChild(mark);
      last = range[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // Where the text matches: a window of words around the first match.
  function excerpt(entry, f, tokens) {
    var first = -1;
    tokens.forEach(function (token) {
      var at = f.text.indexOf(token);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    if (first === -1) {
      var summary = entry.summary || entry.text;
      var cut = summary.length > 220 ? summary.slice(0, boundary(summary, 220)).replace(/\s+\S*$/, "") + " …" : summary;
      return { text: cut, folded: fold(cut) };
    }
    var start = Math.max(0, first - 90);
    var end = Math.min(entry.text.length, first + 150);
    if (start > 0) start = entry.text.indexOf(" ", start) + 1 || start;
    if (end < entry.text.length) end = entry.text.lastIndexOf(" ", end) > first ? entry.text.lastIndexOf(" ", end) : end;
    start = boundary(entry.text, start);
    end = boundary(entry.text, end);
    var piece = (start > 0 ? "… " : "") + entry.text.slice(start, end) + (end < entry.text.length ? " …" : "");
    return { text: piece, folded: fold(piece) };
  }

  function render() {
    var raw = input.value.trim();
    var query = fold(raw).replace(/\s+/g, " ");
    list.textContent = "";
    if (!query) {
      status.textContent = "Type a name, an acronym or a word: " + entries.length + " entries to search.";
      return;
    }
    var tokens = query.split(" ");
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(i, tokens, query);
      if (s) found.push({ index: i, score: s });
    }
    found.sort(function (a, b) {
      return b.score - a.score ||
        (entries[a.index].kind === "Event") - (entries[b.index].kind === "Event") ||
        entries[a.index].title.localeCompare(entries[b.index].title);
    });
    if (!found.length) {
      status.textContent = "No results for \u201c" + raw + "\u201d.";
      return;
    }
    status.textContent = (found.length > LIMIT
      ? "The first " + LIMIT + " of " + found.length + " results"
      : found.length + (found.length === 1 ? " result" : " results")) +
      " for \u201c" + raw + "\u201d.";
    found.slice(0, LIMIT).forEach(function (hit) {
      var entry = entries[hit.index];
      var f = folded[hit.index];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "result-title";
      link.href = entry.url;
      link.appendChild(highlighted(entry.title, f.title, tokens));
      var meta = document.createElement("span");
      meta.className = "result-meta";
      meta.textContent = entry.date ? entry.kind + " \u00b7 " + entry.date : entry.kind;
      item.appendChild(link);
      item.appendChild(meta);
      var snippet = excerpt(entry, f, tokens);
      if (snippet.text) {
        var p = document.createElement("p");
        p.appendChild(highlighted(snippet.text, snippet.folded, tokens));
        item.appendChild(p);
      }
      list.appendChild(item);
    });
  }

  function remember() {
    try {
      var url = new URL(window.location.href);
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // Some browsers refuse to rewrite file:// addresses; the results still show.
    }
  }

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  input.addEventListener("input", function () { render(); remember(); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    render();
    remember();
  });
  render();
  if (!input.value) input.focus();
})();
