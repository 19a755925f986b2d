// yield of a rejected promise throws inside the generator; uncaught, it rejects next() and completes the generator
// expect: ["g1","t1","err boom","r2:undefined:true","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'g1'; Await(rejected native promise): used as is, reject reaction queued at once: A (T1).
// why: next #2: state executing -> enqueued. Ticker t1 (T1).
// why: T1: A resumes the generator with a throw completion; nothing catches it, so the body ends:
// why: AsyncGeneratorStart sets draining-queue, AsyncGeneratorCompleteStep(throw) rejects P1 -> onRejected (T2);
// why: AsyncGeneratorDrainQueue: request #2 is normal -> CompleteStep(undefined, done true) -> handler (T2);
// why: state completed. t1 -> t2 (T2). T2: 'err boom', 'r2:undefined:true', t2. T3: t3.
// v8: same
// xs: differs ["g1","t1","t2","err boom","t3","r2:undefined:true"] because unclassified: XS 13.3.0 (xsnap 0.15.0) gives this order; not yet analysed against the spec (a candidate XS bug, or a spec change it predates)
async function* g() {
  log('g1');
  yield Promise.reject('boom');
  log('never');
}
const it = g();
it.next().then((r) => log('r1:' + r.value), (e) => log('err ' + e));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
