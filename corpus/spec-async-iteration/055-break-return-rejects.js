// break while return() rejects: AsyncIteratorClose throws the rejection (the break completion is not a throw)
// expect: ["t1","v a","t2","gen finally","t3","caught finally error","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 -> M1 (T2); t1. T2: 'v a'; break -> AsyncIteratorClose -> g.return() -> R (T3). t2.
// why: T3: R: 'gen finally' throws -> the return promise is rejected -> M2 (T4). t3.
// why: T4: the completion is a break, innerResult is a throw completion -> it is returned: 'caught finally error',
// why: t4. 'not reached' is skipped.
// v8: same
// xs: differs ["t1","v a","t2","gen finally","t3","t4","caught finally error"] because unclassified: XS 13.3.0 (xsnap 0.15.0) gives this order; not yet analysed against the spec (a candidate XS bug, or a spec change it predates)
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
      break;
    }
    log('not reached');
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
