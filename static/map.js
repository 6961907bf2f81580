// The map through the years: a slider and two buttons recolour the map for any
// year of the timeline, from the colouring embedded in the page (#map-data). The
// year is kept in the address (#year=1999), so a view can be shared; it works
// from file:// too. Without this script the map shows the status date.
(function () {
  "use strict";
  var source = document.getElementById("map-data");
  var controls = document.querySelector(".map-controls");
  if (!source || !controls) return;
  var data;
  try {
    data = JSON.parse(source.textContent);
  } catch (e) {
    return;
  }
  var slider = document.getElementById("map-year");
  var shown = document.getElementById("map-year-value");
  var caption = document.getElementById("map-caption");
  var map = document.querySelector(".world svg");
  var legend = document.querySelectorAll(".map-legend li[data-class]");
  if (!slider || !map) return;

  function yearFromHash() {
    var match = /(?:^#|&)year=(\d{4})\b/.exec(location.hash);
    if (!match) return null;
    var year = +match[1];
    return year >= data.start && year <= data.end ? year : null;
  }

  function show(year, remember) {
    var index = year - data.start;
    var counts = {};
    Object.keys(data.countries).forEach(function (iso) {
      var classIndex = data.countries[iso][index];
      var cls = data.classes[classIndex];
      var label = data.labels[classIndex];
      counts[cls + "\u0000" + label] = (counts[cls + "\u0000" + label] || 0) + 1;
      map.querySelectorAll('[data-iso="' + iso + '"]').forEach(function (shape) {
        shape.setAttribute("class", shape.tagName === "circle" ? cls + " marker" : cls);
        var title = shape.parentNode && shape.parentNode.querySelector(":scope > title");
        if (title) title.textContent = data.names[iso] + ": " + label + " (" + year + ")";
      });
    });
    legend.forEach(function (item) {
      var label = item.getAttribute("data-label");
      var count = counts[item.getAttribute("data-class") + "\u0000" + label] || 0;
      item.hidden = count === 0;
      var number = item.querySelector(".count");
      if (number) number.textContent = "(" + count + ")";
    });
    slider.value = String(year);
    shown.textContent = String(year);
    caption.textContent = year === data.end && !remember
      ? caption.textContent
      : "Partners at the end of " + year + ".";
    if (remember) history.replaceState(null, "", "#year=" + year);
  }

  controls.hidden = false;
  slider.addEventListener("input", function () {
    show(+slider.value, true);
  });
  controls.querySelectorAll(".map-step").forEach(function (button) {
    button.addEventListener("click", function () {
      var year = Math.min(data.end, Math.max(data.start, +slider.value + +button.getAttribute("data-step")));
      show(year, true);
    });
  });
  window.addEventListener("hashchange", function () {
    var year = yearFromHash();
    if (year !== null) show(year, false);
  });
  var initial = yearFromHash();
  if (initial !== null) show(initial, false);
})();
