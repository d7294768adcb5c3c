// Postkorb keyboard shortcuts: j/k move through the queue, Enter opens, e marks done, ? shows help.
// Progressive enhancement only: every action is a link or a form that works with Tab and without JavaScript.
(() => {
  const rows = () => Array.from(document.querySelectorAll("[data-queue-row]"));

  function currentIndex(list) {
    const active = document.activeElement;
    const byFocus = list.findIndex((row) => row.contains(active));
    if (byFocus >= 0) return byFocus;
    return list.findIndex((row) => row.classList.contains("selected"));
  }

  function select(delta) {
    const list = rows();
    if (list.length === 0) return;
    const from = currentIndex(list);
    const next = from < 0 ? 0 : Math.max(0, Math.min(list.length - 1, from + delta));
    for (const [n, row] of list.entries()) row.classList.toggle("selected", n === next);
    const link = list[next].querySelector("a[data-open]");
    if (link) link.focus();
  }

  function markDone() {
    const list = rows();
    const index = currentIndex(list);
    const form =
      index >= 0 ? list[index].querySelector("form[data-done]") : document.querySelector("form[data-done]");
    if (!form) return;
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }

  function isTyping(target) {
    return target instanceof Element && target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (event.key === "j" || event.key === "k") {
      select(event.key === "j" ? 1 : -1);
      event.preventDefault();
    } else if (event.key === "Enter") {
      const list = rows();
      const index = currentIndex(list);
      const link = index >= 0 ? list[index].querySelector("a[data-open]") : null;
      if (link && document.activeElement !== link) {
        link.click();
        event.preventDefault();
      }
    } else if (event.key === "e") {
      markDone();
      event.preventDefault();
    } else if (event.key === "?") {
      window.location.href = "/hilfe";
      event.preventDefault();
    }
  });
})();
