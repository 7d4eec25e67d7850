// Per-draw-call cost of WebGL in software (SwiftShader): each draw is followed by a 1-pixel readPixels (a round trip) while
// window.__glprof.on is true, so its time is the GPU's, attributed to the shader's SHADER_NAME.
(() => {
  const P = (window.__glprof = { on: false, draws: [], links: [], frames: 0 });
  const names = new WeakMap();
  const px = new Uint8Array(4);
  const wrap = (proto) => {
    const shaderSource = proto.shaderSource;
    proto.shaderSource = function (sh, src) {
      const m = /#define SHADER_NAME (\S+)/.exec(src);
      names.set(sh, m ? m[1] : "?");
      return shaderSource.call(this, sh, src);
    };
    const attach = proto.attachShader;
    proto.attachShader = function (prog, sh) {
      if (this.getShaderParameter(sh, this.SHADER_TYPE) === this.VERTEX_SHADER) names.set(prog, names.get(sh));
      return attach.call(this, prog, sh);
    };
    const link = proto.linkProgram;
    proto.linkProgram = function (prog) {
      const t = performance.now();
      const r = link.call(this, prog);
      if (P.on) { this.getProgramParameter(prog, this.LINK_STATUS); P.links.push([names.get(prog), performance.now() - t]); }
      return r;
    };
    const use = proto.useProgram;
    proto.useProgram = function (prog) { this.__prog = prog; return use.call(this, prog); };
    const clear = proto.clear;
    proto.clear = function (m) { if (P.on) P.draws.push(["clear", 0, 0, performance.now()]); return clear.call(this, m); };
    for (const fn of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]) {
      const orig = proto[fn];
      proto[fn] = function (...a) {
        if (!P.on) return orig.apply(this, a);
        const t = performance.now();
        const r = orig.apply(this, a);
        this.readPixels(0, 0, 1, 1, this.RGBA, this.UNSIGNED_BYTE, px);
        const count = fn.startsWith("drawArrays") ? a[2] : a[1];
        const inst = fn.endsWith("Instanced") ? a[fn === "drawArraysInstanced" ? 3 : 4] : 1;
        P.draws.push([names.get(this.__prog) || "?", performance.now() - t, count * inst, t]);
        return r;
      };
    }
  };
  wrap(WebGL2RenderingContext.prototype);
  // Each frame's redraw reason, through frame_timer.js's hook on the map's deck.gl instance (load it first).
  P.hookDeck = () => window.__frames.hook((reason) => {
    if (P.on) P.events.push(["redraw: " + reason, performance.now()]);
  });
  // What happens meanwhile: the app's script state and the map element's props arriving.
  P.events = [];
  new MutationObserver(() => {
    const app = document.querySelector("[data-testid=stApp]");
    const state = app && app.dataset.testScriptState;
    if (P.on && state !== P.lastState) P.events.push(["script " + state, performance.now()]);
    P.lastState = state;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-test-script-state"] });
})();
