// When the map's frames are finished, in the page's clock (for bench/interaction.py and bench/trace_filter.py).
// `__frames.hook()` finds the deck.gl instance behind the map canvas and wraps its redraw: after each frame a
// 1-pixel read waits until the software GPU has drawn it, then the time is kept. `__frames.arm()` starts a
// measurement: the next key press or pointer press is its start, and the frames drawn since are `drawn`.
(() => {
  const F = (window.__frames = { armed: false, input: null, drawn: [], reasons: [] });
  const px = new Uint8Array(4);
  const stamp = () => {
    if (F.armed) {
      F.armed = false;
      F.input = performance.now();
    }
  };
  addEventListener("keydown", stamp, true);
  addEventListener("pointerdown", stamp, true);
  F.arm = () => {
    F.armed = true;
    F.input = null;
    F.drawn = [];
    F.reasons = [];
  };
  // The deck.gl instance of the map (from React's fiber tree), or null.
  F.findDeck = () => {
    const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas');
    const key = canvas && Object.keys(canvas).find((k) => k.startsWith("__reactFiber"));
    for (let fiber = key && canvas[key]; fiber; fiber = fiber.return) {
      for (let hook = fiber.memoizedState; hook && typeof hook === "object"; hook = hook.next) {
        const deck = hook.memoizedState && hook.memoizedState.current && hook.memoizedState.current.deck;
        if (deck && deck._drawLayers) return deck;
      }
    }
    return null;
  };
  // Wrap `deck._drawLayers(reason)`; `before` runs first (gl_profile.js uses it for the redraw reason).
  F.hook = (before) => {
    const deck = F.findDeck();
    if (!deck) return false;
    if (deck.__frameTimer) return true;
    const draw = deck._drawLayers;
    const gl = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas').getContext("webgl2");
    deck._drawLayers = function (reason, ...rest) {
      if (before) before(reason);
      const out = draw.call(this, reason, ...rest);
      if (F.input !== null) {
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        F.drawn.push(performance.now());
        F.reasons.push(reason);
      }
      return out;
    };
    deck.__frameTimer = true;
    return true;
  };
})();
