// A module (type="module"): deferred and strict, its names its own.
var COPIED = "Link copied. Paste it in a message to the person you have in mind.";

function copyWithCommand(text) {
  var field = document.createElement("textarea");
  field.value = text;
  field.readOnly = true;
  field.className = "visually-hidden";
  document.body.append(field);
  field.select();
  try {
    return document.execCommand("copy");
  } catch (error) {
    return false;
  } finally {
    field.remove();
  }
}

function copy(text) {
  var clipboard = navigator.clipboard;
  if (!clipboard || !clipboard.writeText) return Promise.resolve(copyWithCommand(text));
  return clipboard.writeText(text).then(
    function () {
      return true;
    },
    function () {
      return copyWithCommand(text);
    }
  );
}

function copyAndTell(url, status) {
  copy(url).then(function (copied) {
    status.textContent = "";
    if (copied) {
      setTimeout(function () {
        status.textContent = COPIED;
      }, 100);
      return;
    }
    var address = document.createElement("code");
    address.textContent = url;
    status.append("Copy this address: ", address);
    getSelection().selectAllChildren(address);
  });
}

document.querySelectorAll(".share-with").forEach(function (block) {
  var status = block.querySelector('[role="status"]');
  var copyLink = block.querySelector('[data-share="copy"]');
  var shareButton = block.querySelector('[data-share="share"]');

  if (copyLink) {
    copyLink.parentNode.hidden = false;
    copyLink.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      copyAndTell(copyLink.href, status);
    });
  }
  if (shareButton && navigator.share) {
    shareButton.parentNode.hidden = false;
    shareButton.addEventListener("click", function () {
      var data = { title: shareButton.dataset.title, url: shareButton.dataset.url };
      navigator.share(data).catch(function (error) {
        if (error.name !== "AbortError") copyAndTell(data.url, status);
      });
    });
  }
});
