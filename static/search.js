// Search over the index the build writes in shards (see src/render/search.rs):
// window.searchIndex, from search-index.js, says which script holds the words
// beginning with each pair of letters and which the cards of the entries. Shards
// are loaded by adding script elements, so search works from file:// too, and only
// the shards a query needs are loaded. A result is an entry where every word of
// the query begins a word of the entry's title, terms, summary or text; results
// are built with DOM nodes and textContent, never from markup.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var manifest = window.searchIndex;
  if (!input || !status || !list) return;
  if (!manifest || !Array.isArray(manifest.cards) || !manifest.words) {
    status.textContent = "The search index did not load, so search is unavailable.";
    return;
  }
  var LIMIT = 50;
  var MARKS = /[\u0300-\u036f]/g;
  var NOT_WORD = /[^\p{Alphabetic}\p{N}]+/u;

  // Shards hand their data to searchShard when their script runs.
  var shards = {};
  var loading = {};
  window.searchShard = function (path, data) { shards[path] = data; };
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = path;
        script.onload = function () {
          if (path in shards) resolve(shards[path]);
          else reject(new Error(path + " did not load"));
        };
        script.onerror = function () {
          delete loading[path];
          reject(new Error(path + " did not load"));
        };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

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

  // What a result shows under its title: the summary, or the start of the text.
  function excerpt(card) {
    var text = card.summary || card.text;
    return text.length > 220 ? text.slice(0, boundary(text, 220)).replace(/\s+\S*$/, "") + " \u2026" : text;
  }

  // The word shards a word of the query needs: the one holding the words that
  // begin with its first two letters, or, for a one-letter word, every shard
  // holding words that begin with that letter.
  function shardsFor(token) {
    var chars = Array.from(token);
    var keys = chars.length >= 2 ? [chars[0] + chars[1]] :
      Object.keys(manifest.words).filter(function (key) { return Array.from(key)[0] === token; });
    var paths = [];
    keys.forEach(function (key) {
      if (key in manifest.words) {
        var path = manifest.wordShards[manifest.words[key]];
        if (paths.indexOf(path) === -1) paths.push(path);
      }
    });
    return paths;
  }

  // Entry number → weight, for the entries holding a word that begins with token.
  function matching(token, loadedShards) {
    var best = new Map();
    loadedShards.forEach(function (words) {
      Object.keys(words).forEach(function (word) {
        if (word.lastIndexOf(token, 0) !== 0) return;
        var postings = words[word];
        for (var i = 0; i < postings.length; i += 2) {
          var weight = postings[i + 1] + (word === token ? 1 : 0);
          if ((best.get(postings[i]) || 0) < weight) best.set(postings[i], weight);
        }
      });
    });
    return best;
  }

  function cardOf(entry) {
    var shard = shards[manifest.cards[Math.floor(entry / manifest.cardsPerShard)]];
    return shard[entry % manifest.cardsPerShard];
  }

  function show(raw, tokens, found) {
    list.textContent = "";
    if (!found.length) {
      status.textContent = "No results for \u201c" + raw + "\u201d.";
      return;
    }
    status.textContent = (found.length > LIMIT
      ? "The first " + LIMIT + " of " + found.length + " results"
      : found.length + (found.length === 1 ? " result" : " results")) +
      " for \u201c" + raw + "\u201d.";
    found.slice(0, LIMIT).forEach(function (hit) {
      var card = cardOf(hit.entry);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "result-title";
      link.href = card.url;
      link.appendChild(highlighted(card.title, fold(card.title), tokens));
      var meta = document.createElement("span");
      meta.className = "result-meta";
      meta.textContent = card.date ? card.kind + " \u00b7 " + card.date : card.kind;
      item.appendChild(link);
      item.appendChild(meta);
      var snippet = excerpt(card);
      if (snippet) {
        var p = document.createElement("p");
        p.appendChild(highlighted(snippet, fold(snippet), tokens));
        item.appendChild(p);
      }
      list.appendChild(item);
    });
  }

  var latest = 0;
  function render() {
    var raw = input.value.trim();
    var query = fold(raw);
    var tokens = query.split(NOT_WORD).filter(Boolean);
    var mine = ++latest;
    if (!tokens.length) {
      list.textContent = "";
      status.textContent = "Type a name, an acronym or a word: " + manifest.entries + " entries to search.";
      return;
    }
    status.textContent = "Searching\u2026";
    Promise.all(tokens.map(function (token) {
      return Promise.all(shardsFor(token).map(load)).then(function (loaded) {
        return matching(token, loaded);
      });
    })).then(function (maps) {
      // Every word must match; the rank is the sum of the words' weights.
      var found = [];
      maps[0].forEach(function (weight, entry) {
        var total = weight;
        for (var t = 1; t < maps.length; t++) {
          var other = maps[t].get(entry);
          if (!other) return;
          total += other;
        }
        found.push({ entry: entry, score: total });
      });
      found.sort(function (a, b) { return b.score - a.score || a.entry - b.entry; });
      var cardShards = [];
      found.slice(0, LIMIT).forEach(function (hit) {
        var path = manifest.cards[Math.floor(hit.entry / manifest.cardsPerShard)];
        if (cardShards.indexOf(path) === -1) cardShards.push(path);
      });
      return Promise.all(cardShards.map(load)).then(function () {
        // Among the results shown, a title equal to the query, then one that
        // begins with it, comes first.
        var shown = found.slice(0, LIMIT);
        shown.forEach(function (hit) {
          var title = fold(cardOf(hit.entry).title);
          hit.score += title === query ? 50 : title.lastIndexOf(query, 0) === 0 ? 20 : 0;
        });
        shown.sort(function (a, b) { return b.score - a.score || a.entry - b.entry; });
        if (mine === latest) show(raw, tokens, shown.concat(found.slice(LIMIT)));
      });
    }).catch(function () {
      if (mine !== latest) return;
      list.textContent = "";
      status.textContent = "Part of the search index did not load, so search is unavailable.";
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
