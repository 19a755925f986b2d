// throw(e) on a suspended-start generator rejects at once and completes it; the body never runs
// expect: ["rejected err1","next:undefined:true","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: %AsyncGeneratorPrototype%.throw: state suspended-start -> completed; the capability is rejected at once
// why: (no enqueue); .then on the rejected promise queues onRejected (T1).
// why: next(): state completed -> resolved at once with {undefined, true}; .then queues its handler (T1).
// why: Ticker t1 (T1). T1: 'rejected err1', 'next:undefined:true', t1. T2: t2.
// v8: same
// xs: differs ["t1","rejected err1","t2","next:undefined:true"] because unclassified: XS 13.3.0 (xsnap 0.15.0) gives this order; not yet analysed against the spec (a candidate XS bug, or a spec change it predates)
async function* g() {
  try {
    log('never');
    yield 'a';
  } catch (e) {
    log('never caught');
  }
}
const it = g();
it.throw('err1').then((r) => log('unexpected'), (e) => log('rejected ' + e));
it.next().then((r) => log('next:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
