/* Keyboard and screen-reader repairs of Dash's own controls, kept as the page re-renders.
 *
 * - Dash 4's dropdown puts its Tab stop on a hidden input (aria-hidden, no name): the stop moves
 *   to the dropdown's own button, which is named by its label and opens with Enter, Space or the
 *   arrows (then arrows move and Enter chooses).
 * - The time slider's handle (in a group named by aria-label) takes the group's name, and says its value
 *   as the period it stands at (aria-valuetext).
 * - A RadioItems group (class "segmented") becomes a real radio group named by its label: Tab
 *   reaches it, the arrows choose (the inputs are visually hidden, not removed: assets/sdplan.css).
 * No component id is spelled here: the label is found by its `for`, or as the control's label.
 */
(function () {
  function repair(root) {
    root.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
      const button = input.nextElementSibling;
      if (input.tabIndex !== -1) { input.tabIndex = -1; }
      if (button && button.tabIndex !== 0) { button.tabIndex = 0; }
    });
    // The time slider's handle: named by its group, its value said as the period it stands at.
    root.querySelectorAll("[role=group][aria-label]").forEach(function (group) {
      const marks = group.querySelectorAll(".dash-slider-mark");
      group.querySelectorAll("[role=slider]").forEach(function (thumb) {
        if (thumb.getAttribute("aria-label") !== group.getAttribute("aria-label")) {
          thumb.setAttribute("aria-label", group.getAttribute("aria-label"));
        }
        const mark = marks[Number(thumb.getAttribute("aria-valuenow"))];
        if (mark && thumb.getAttribute("aria-valuetext") !== mark.textContent) {
          thumb.setAttribute("aria-valuetext", mark.textContent);
        }
      });
    });
    root.querySelectorAll(".segmented").forEach(function (group) {
      if (group.getAttribute("role") !== "radiogroup") { group.setAttribute("role", "radiogroup"); }
      const control = group.closest(".control");
      const label = (group.id && document.querySelector('label[for="' + group.id + '"]')) ||
                    (control && control.querySelector("label[id]"));
      if (label && label.id && group.getAttribute("aria-labelledby") !== label.id) {
        group.setAttribute("aria-labelledby", label.id);
      }
      group.querySelectorAll(":scope > label[role]").forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
  }
  let pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; repair(document); });
  }
  function start() {
    repair(document);
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true, attributes: true,
                                                           attributeFilter: ["tabindex", "role", "aria-valuenow"]});
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
