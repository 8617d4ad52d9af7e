/* The annotated report's behaviour: click a field to light up the words it came from; click
   highlighted words to light up the fields read from them. No inline handlers (the service's
   Content-Security-Policy forbids them): one delegated listener per view. */
"use strict";
var WirescopeAnnotated = (function () {
  function clear(root) {
    root.querySelectorAll(".ws-active").forEach(function (el) { el.classList.remove("ws-active"); });
    root.querySelectorAll(".ws-words").forEach(function (el) { el.hidden = true; });
  }

  function activate(root, tokens, scroll) {
    clear(root);
    var first = null;
    tokens.forEach(function (token) {
      root.querySelectorAll('.ws-field[data-f="' + token + '"]').forEach(function (el) {
        el.classList.add("ws-active");
      });
      root.querySelectorAll('.ws-words[data-for="' + token + '"]').forEach(function (el) {
        el.hidden = false;
      });
      root.querySelectorAll('mark.ws-hl[data-f~="' + token + '"]').forEach(function (el) {
        el.classList.add("ws-active");
        first = first || el;
      });
    });
    if (scroll && first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
    return first;
  }

  function onClick(root, event) {
    var target = event.target instanceof Element ? event.target : null;
    var field = target && target.closest(".ws-field");
    if (field) { activate(root, [field.getAttribute("data-f")], true); return; }
    var mark = target && target.closest("mark.ws-hl");
    if (mark) {
      var tokens = (mark.getAttribute("data-f") || "").split(" ").filter(Boolean);
      activate(root, tokens, false);
      var button = root.querySelector('.ws-field[data-f="' + tokens[0] + '"]');
      if (button) { button.scrollIntoView({ block: "nearest" }); }
    }
  }

  /* Bind every annotated view under root (a document or an element) once. */
  function bind(root) {
    root.querySelectorAll(".ws-annotated").forEach(function (view) {
      if (view.getAttribute("data-bound")) { return; }
      view.setAttribute("data-bound", "1");
      view.addEventListener("click", function (event) { onClick(view, event); });
    });
  }

  return { bind: bind, activate: activate };
})();
