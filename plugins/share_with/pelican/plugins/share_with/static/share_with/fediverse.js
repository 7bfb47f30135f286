/* share_with: the fediverse page. Keeps the reader's server in this browser only
   (localStorage), and forwards to its share page. */
(function () {
  "use strict";

  var KEY = "share_with.fediverse.instance";
  var LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  var form = document.getElementById("share-fediverse-form");
  if (!form) return;
  var instance = form.elements.instance;
  var text = form.elements.text;
  var error = document.getElementById("share-fediverse-instance-error");
  var forget = document.getElementById("share-fediverse-forget");
  var status = document.getElementById("share-fediverse-status");

  function storage(action, value) {
    try {
      if (action === "get") return localStorage.getItem(KEY) || "";
      if (action === "set") localStorage.setItem(KEY, value);
      if (action === "remove") localStorage.removeItem(KEY);
    } catch (blocked) {
      return "";
    }
    return "";
  }

  // "https://Mastodon.Social/@me", "@me@mastodon.social" and "mastodon.social" all mean
  // mastodon.social. Anything that is not a plain DNS name (ports, paths, IPs) is refused.
  function hostname(value) {
    var name = value.trim().toLowerCase()
      .replace(/^https?:\/\//, "").replace(/^@?[^@/]*@/, "").replace(/[/?#].*$/, "").replace(/\.$/, "");
    var url;
    try {
      url = new URL("https://" + name);
    } catch (invalid) {
      return "";
    }
    var labels = url.hostname.split(".");
    var plain = url.pathname === "/" && !url.port && !url.username && !url.search && !url.hash;
    var valid = plain && url.hostname.length <= 253 && labels.length > 1 &&
      labels.every(function (label) { return LABEL.test(label); }) &&
      !/^[0-9]+$/.test(labels[labels.length - 1]);
    return valid ? url.hostname : "";
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
    if (message) {
      instance.setAttribute("aria-invalid", "true");
      instance.focus();
    } else {
      instance.removeAttribute("aria-invalid");
    }
  }

  // "Sharing: <text minus its addresses>", linked to its address on this site, if any.
  function showShared(post) {
    var link = document.getElementById("share-fediverse-post");
    var words = [];
    post.split(/\s+/).forEach(function (word) {
      if (!/^https?:\/\//i.test(word)) return words.push(word);
      try {
        var url = new URL(word);
        if (!link.href && url.origin === location.origin) link.href = url.href;
      } catch (invalid) {}
    });
    link.textContent = words.join(" ").trim() || link.href;
    link.parentNode.hidden = !link.textContent;
  }

  var query = new URLSearchParams(location.search);
  text.value = query.get("text") || "";
  showShared(text.value);
  instance.value = storage("get");
  forget.hidden = !instance.value;
  form.hidden = false;
  if (!text.value) {
    status.textContent = "Nothing to share yet: open this page from a post's share links, or write your own post.";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var host = hostname(instance.value);
    if (!host) {
      showError(instance.value.trim()
        ? "“" + instance.value.trim() + "” is not a server address. Type just the name, like mastodon.social."
        : "Type your server's address, like mastodon.social.");
      return;
    }
    showError("");
    instance.value = host;
    storage("set", host);
    forget.hidden = false;
    status.textContent = "Opening " + host + "…";
    location.assign("https://" + host + "/share?text=" + encodeURIComponent(text.value));
  });

  forget.addEventListener("click", function () {
    storage("remove");
    instance.value = "";
    forget.hidden = true;
    status.textContent = "Forgotten. This browser no longer remembers your server.";
    instance.focus();
  });
})();
