// Live progress on a scan's page: the page works without it (reload to see where a scan is);
// with it, the counters follow the scan's event stream and the page reloads when it ends.
(function () {
  "use strict";
  var box = document.getElementById("live");
  if (!box || !window.EventSource) return;
  var text = function (id, value) {
    var node = document.getElementById(id);
    if (node) node.textContent = value;
  };
  var show = function (scan) {
    var p = scan.progress || {};
    var status = document.getElementById("status");
    if (status) {
      status.textContent = scan.status;
      status.className = "status " + scan.status;
    }
    if (p.stage) text("stage", p.stage);
    if (p.detail) text("detail", p.detail);
    if (p.regions) text("regions", p.regions.done + " of " + p.regions.total);
    if (p.services) text("services", p.services.done + " of " + p.services.total);
    if (p.pillars) text("pillars", p.pillars.done + " of " + p.pillars.total);
  };
  var events = new EventSource(box.getAttribute("data-events"));
  events.addEventListener("progress", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("end", function (e) {
    show(JSON.parse(e.data));
    events.close();
    window.location.reload();
  });
})();
