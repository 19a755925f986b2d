// throw inside the body while return() rejects: the body's error wins, after the same await
// expect: ["t1","v a","t2","gen finally","t3","caught body error","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: As in a plain throw: T2: 'v a', throw -> AsyncIteratorClose -> g.return() -> R (T3).
// why: T3: R: 'gen finally' throws 'finally error': g completes abruptly, the return promise is rejected -> M2 (T4).
// why: T4: innerResult is a throw completion, but the original completion is a throw, which AsyncIteratorClose
// why: returns first: 'caught body error', t4.
// v8: same
// xs: differs ["t1","v a","t2","gen finally","t3","t4","caught body error"] because unclassified: XS 13.3.0 (xsnap 0.15.0) gives this order; not yet analysed against the spec (a candidate XS bug, or a spec change it predates)
async function* g() {
  try {
    yield 'a';
  } finally {
    log('gen finally');
    throw 'finally error';
  }
}
async function main() {
  try {
    for await (const v of g()) {
      log('v ' + v);
      throw 'body error';
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
