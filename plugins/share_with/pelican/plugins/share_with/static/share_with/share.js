const COPIED = "Link copied. Paste it in a message to the person you have in mind.";

function copy(text) {
  if (!navigator.clipboard) return Promise.resolve(false);
  return navigator.clipboard.writeText(text).then(() => true, () => false);
}

function copyAndTell(url, status) {
  copy(url).then((copied) => {
    status.textContent = "";
    if (copied) {
      setTimeout(() => (status.textContent = COPIED), 100);
      return;
    }
    const address = document.createElement("code");
    address.textContent = url;
    status.append("Copy this address: ", address);
    getSelection().selectAllChildren(address);
  });
}

for (const block of document.querySelectorAll(".share-with")) {
  const status = block.querySelector('[role="status"]');
  const copyLink = block.querySelector('[data-share="copy"]');
  const shareButton = block.querySelector('[data-share="share"]');

  if (copyLink) {
    copyLink.parentNode.hidden = false;
    copyLink.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      copyAndTell(copyLink.href, status);
    });
  }
  if (shareButton && navigator.share) {
    shareButton.parentNode.hidden = false;
    shareButton.addEventListener("click", () => {
      const data = { title: shareButton.dataset.title, url: shareButton.dataset.url };
      navigator.share(data).catch((error) => {
        if (error.name !== "AbortError") copyAndTell(data.url, status);
      });
    });
  }
}
