// Accessibility (axe-core, tests/test_a11y.py): Material's search panel has role="dialog" but no
// accessible name; give it the name of its input.
document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach((dialog) => {
  dialog.setAttribute("aria-label", "搜索");
});
