// Injected by `natopartners serve` into every served page; never part of a build.
// Listens for rebuilds and reloads the page; shows the error overlay's Hide button.
(function () {
  "use strict";
  var overlay = document.getElementById("natopartners-build-errors");
  if (overlay) {
    var hide = overlay.querySelector("button");
    if (hide) {
      hide.hidden = false;
      hide.addEventListener("click", function () { overlay.hidden = true; });
    }
    overlay.focus();
  }
  if (!window.EventSource) return;
  var seen = null;
  var events = new EventSource("/__natopartners/events");
  events.addEventListener("build", function (event) {
    // The first message names the build this page came from; any other means a
    // rebuild (or a restarted server) since.
    if (seen === null) seen = event.data;
    else if (event.data !== seen) window.location.reload();
  });
})();
