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
