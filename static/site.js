// Enhancements only: every page reads fully without this script.
(function () {
  "use strict";
  // Partner index: filter the lists by name as the reader types.
  var box = document.querySelector(".filter");
  if (!box) return;
  var input = box.querySelector("input");
  box.hidden = false;
  input.addEventListener("input", function () {
    var query = input.value.trim().toLowerCase();
    document.querySelectorAll(".partner-list li").forEach(function (item) {
      item.hidden = query !== "" && item.textContent.toLowerCase().indexOf(query) === -1;
    });
    document.querySelectorAll(".group").forEach(function (group) {
      var visible = group.querySelectorAll(".partner-list li:not([hidden])").length;
      group.hidden = query !== "" && visible === 0;
    });
  });
})();

// "Cite this page": a copy button after each citation. Without this script the
// text is there to select by hand.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-copy]");
  if (!blocks.length) return;
  function fallback(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }
  blocks.forEach(function (node) {
    var what = node.getAttribute("data-copy");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy the " + what;
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = node.textContent;
      function done(ok) {
        status.textContent = ok ? "Copied." : "Select the text and copy it.";
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(node)); });
      } else {
        done(fallback(node));
      }
    });
    var bar = document.createElement("p");
    bar.className = "copy-bar";
    bar.appendChild(button);
    bar.appendChild(status);
    node.parentNode.insertBefore(bar, node.nextSibling);
  });
})();
