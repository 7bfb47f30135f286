/* share_with: the introduction page. Fills the three email templates in from the form, in
   this browser, and makes each a mailto: link (RFC 6068). Nothing is sent or stored. */
(function () {
  "use strict";

  var form = document.getElementById("introduce-form");
  if (!form) return;
  var fields = form.elements;
  var error = document.getElementById("introduce-error");
  var status = document.getElementById("introduce-status");
  var templates = [].map.call(document.querySelectorAll("[data-fill]"), function (node) {
    return [node, node.textContent];
  });
  var PLACEHOLDER = /\[(Name A|Name B|Why they should meet|Post title|Post address)\]/g;

  // RFC 6068: UTF-8, every reserved character percent-encoded (a space is %20, never +),
  // and line breaks as CRLF. toWellFormed keeps a stray surrogate from throwing.
  function encode(text) {
    text = text.toWellFormed ? text.toWellFormed() : text;
    return encodeURIComponent(text.replace(/\r\n|\r|\n/g, "\r\n"));
  }

  function address(value) {
    return encode(value.trim()).replace(/%40/g, "@");
  }

  function fill(text, values) {
    if (!values["Post title"]) text = text.replace(/\n\n[^\n]*\[Post title\][^\n]*/g, "");
    return text.replace(PLACEHOLDER, function (match, name) { return values[name]; });
  }

  function problem() {
    var required = [["name_a", "the first person's name"], ["name_b", "the second person's name"],
      ["reason", "why they should meet"]];
    var missing = required.filter(function (pair) {
      fields[pair[0]].removeAttribute("aria-invalid");
      return !fields[pair[0]].value.trim();
    });
    missing.forEach(function (pair) { fields[pair[0]].setAttribute("aria-invalid", "true"); });
    if (!missing.length) return "";
    fields[missing[0][0]].focus();
    var words = missing.map(function (pair) { return pair[1]; });
    var last = words.pop();
    return "Please write " + (words.length ? words.join(", ") + " and " : "") + last + ".";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var message = problem();
    error.textContent = message;
    error.hidden = !message;
    status.textContent = "";
    if (message) return;
    var post = fields.post;
    var values = {
      "Name A": fields.name_a.value.trim(),
      "Name B": fields.name_b.value.trim(),
      "Why they should meet": fields.reason.value.trim(),
      "Post title": post.value ? post.options[post.selectedIndex].text : "",
      "Post address": post.value
    };
    var to = {a: address(fields.email_a.value), b: address(fields.email_b.value)};
    to.both = [to.a, to.b].filter(Boolean).join(",");
    templates.forEach(function (pair) { pair[0].textContent = fill(pair[1], values); });
    [].forEach.call(document.querySelectorAll("[data-draft]"), function (draft) {
      var part = function (name) { return draft.querySelector("[data-part=" + name + "]"); };
      part("mailto").href = "mailto:" + to[draft.getAttribute("data-draft")] +
        "?subject=" + encode(part("subject").textContent) + "&body=" + encode(part("body").textContent);
    });
    setTimeout(function () {
      status.textContent = "Your three emails are ready below. Send the first two now, one to each person.";
    }, 100);
  });

  form.hidden = false;
})();
