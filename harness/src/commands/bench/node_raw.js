'use strict';
const vm = require('vm');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', async () => {
  const sources = JSON.parse(input);
  const timerScript = new vm.Script('__bench_timer()');
  const qm = new vm.Script('globalThis.queueMicrotask = (cb) => { Promise.resolve().then(cb); }');
  const tick = () => new Promise((r) => setImmediate(r));
  function run(src, mode) {
    const ctx = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
    if (mode === 'context') return 0;
    const opts = mode === 'timeout' ? { timeout: 5000 } : undefined;
    let logs = 0, now = 0, nextId = 1;
    const timers = [];
    ctx.log = () => { logs++; };
    ctx.setTimeout = (cb, d) => {
      const id = nextId++;
      d = +d > 0 ? Math.trunc(+d) : 0;
      timers.push({ cb, due: now + d, id });
      return id;
    };
    ctx.clearTimeout = (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    };
    qm.runInContext(ctx);
    try { vm.runInContext(src, ctx, opts); } catch (e) {}
    while (timers.length > 0) {
      let m = 0;
      for (let i = 1; i < timers.length; i++) {
        const a = timers[i], b = timers[m];
        if (a.due < b.due || (a.due === b.due && a.id < b.id)) m = i;
      }
      const t = timers.splice(m, 1)[0];
      now = t.due;
      ctx.__bench_timer = t.cb;
      try { timerScript.runInContext(ctx, opts); } catch (e) {}
    }
    return logs;
  }
  // Chunks of 10 programs; per chunk every mode runs 3 times, the modes
  // taking turns; a mode's time is the sum over chunks of its best attempt.
  const modes = ['context', 'run', 'timeout'];
  const total = { context: 0, run: 0, timeout: 0 };
  for (let c = 0; c < sources.length; c += 10) {
    const part = sources.slice(c, c + 10);
    const best = { context: Infinity, run: Infinity, timeout: Infinity };
    for (let round = 0; round < 3; round++) {
      for (const mode of modes) {
        const t = process.hrtime.bigint();
        for (const src of part) run(src, mode);
        best[mode] = Math.min(best[mode], Number(process.hrtime.bigint() - t));
        // Let node drain its list of unhandled rejections (it holds realms).
        await tick();
      }
    }
    for (const mode of modes) total[mode] += best[mode];
  }
  const out = {};
  for (const mode of modes) out[mode] = total[mode] / 1e3 / sources.length;
  process.stdout.write(JSON.stringify(out) + '\n');
});
