/* share_with: enhance the share block. Every link already works without this script;
   it adds the native share sheet where the browser has one, and makes "Copy link" copy. */
(function () {
  "use strict";

  function announce(status, message) {
    // Empty first, then fill: screen readers announce the region again even if the words repeat.
    status.textContent = "";
    setTimeout(function () {
      status.textContent = message;
    }, 100);
  }

  function copyWithCommand(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    field.remove();
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(
        function () {
          return true;
        },
        function () {
          return copyWithCommand(text);
        }
      );
    }
    return Promise.resolve(copyWithCommand(text));
  }

  function offerToSelect(status, url) {
    // Last resort: show the address selected, ready for the reader's own copy shortcut.
    var address = document.createElement("code");
    address.textContent = url;
    status.textContent = "Copy this address: ";
    status.appendChild(address);
    window.getSelection().selectAllChildren(address);
  }

  function copyLink(link, status) {
    copy(link.href).then(function (copied) {
      if (copied) {
        announce(status, "Link copied. Paste it in a message to the person you have in mind.");
      } else {
        offerToSelect(status, link.href);
      }
    });
  }

  document.querySelectorAll(".share-with").forEach(function (block) {
    var status = block.querySelector(".share-with__status");
    var copyTarget = block.querySelector('[data-share-action="copy"]');
    var shareButton = block.querySelector('[data-share-action="share"]');

    if (copyTarget) {
      copyTarget.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        copyLink(copyTarget, status);
      });
    }
    if (shareButton && navigator.share) {
      shareButton.parentNode.hidden = false;
      shareButton.addEventListener("click", function () {
        var data = { title: shareButton.dataset.shareTitle, url: shareButton.dataset.shareUrl };
        navigator.share(data).catch(function (error) {
          if (error.name !== "AbortError") copyLink({ href: data.url }, status);
        });
      });
    }
  });
})();
