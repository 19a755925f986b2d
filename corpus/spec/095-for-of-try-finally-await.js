// for...of whose body is try { await } finally: finally runs after each resume
// expect: ["body x","finally x","body y","t1","finally y","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: 'body x', await null -> resume (T1), before t1.
// why: T1: the try block ends normally -> 'finally x'; next iteration 'body y', await -> (T2); t1.
// why: T2: 'finally y'; t2.
// v8: same
async function run() {
  for (const s of ['x', 'y']) {
    try {
      log('body ' + s);
      await null;
    } finally {
      log('finally ' + s);
    }
  }
}
run();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
