// The answer in sight: while the result's headline is off screen (scrolled away, or under the on-screen
// keyboard), a compact copy of it sits at the bottom of the viewport; a tap on it scrolls to the full result.
// It follows the no-stale rule: hidden whenever the result is withdrawn (aria-busy) or gone.
//
// The copy is for the eye only (aria-hidden, out of the tab order): the result region itself is the live
// region that assistive technology reads.

function inSight(element) {
  const rect = element.getBoundingClientRect();
  const view = window.visualViewport; // the part not covered by the keyboard
  const top = view ? view.offsetTop : 0;
  const bottom = top + (view ? view.height : window.innerHeight);
  return rect.bottom > top && rect.top + Math.min(rect.height, 24) < bottom;
}

export function resultBar(region, bar) {
  let pending = 0;
  let shownFor = null; // the headline the bar copies

  // Scrolling to a field (focus, the browser's find) keeps it above the bar, never under it.
  const show = (shown) => {
    bar.hidden = !shown;
    document.documentElement.style.scrollPaddingBottom = shown ? `${bar.offsetHeight}px` : "";
  };

  function update() {
    pending = 0;
    const headline = region.hasAttribute("aria-busy") ? null : region.querySelector(".answer");
    if (!headline || inSight(headline)) {
      show(false);
      return;
    }
    if (shownFor !== headline) {
      shownFor = headline;
      // The headline and, where the result restates them, the inputs it was computed from (safety rules §11.2).
      const restated = headline.closest(".panel")?.querySelector(".restated");
      bar.replaceChildren(...headline.cloneNode(true).childNodes,
        ...(restated ? [Object.assign(document.createElement("small"), { className: "restated", textContent: restated.textContent })] : []));
      bar.dataset.tone = ["ok", "warn", "stop"].find((tone) => headline.closest(`.panel.${tone}`)) ?? "";
    }
    show(true);
  }
  const schedule = () => { pending ||= requestAnimationFrame(update); };

  // A withdrawal hides the bar in the same task (never a frame showing an old answer); the rest waits a frame.
  // A result updated in place keeps its headline element: any change is copied again.
  new MutationObserver(() => {
    shownFor = null;
    if (region.hasAttribute("aria-busy") || !region.querySelector(".answer")) show(false);
    schedule();
  }).observe(region, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-busy"] });
  addEventListener("scroll", schedule, { passive: true });
  addEventListener("resize", schedule);
  window.visualViewport?.addEventListener("resize", schedule);
  window.visualViewport?.addEventListener("scroll", schedule);
  bar.addEventListener("click", (event) => {
    event.preventDefault();
    region.scrollIntoView({ block: "start", behavior: "smooth" });
    region.focus({ preventScroll: true });
  });
  schedule();
}
