// next, return(promise), next queued at once: the return resumes the yield, awaits its value, then the queue drains
// expect: ["body","t1","r1:a:false","t2","r2:rp:true","r3:undefined:true","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'body'; yield 'a' -> Await -> Y (T1). return(rp) and next #3: state executing -> enqueued.
// why: Ticker t1 (T1).
// why: T1: Y completes request 1 (-> T2); the queue head is a return completion:
// why: AsyncGeneratorUnwrapYieldResumption does Await(rp) (fulfilled native, used as is) -> B (T2). t1.
// why: T2: 'r1:a:false'; B: ReturnCompletion('rp') leaves the body; CompleteStep(request 2, {rp, true}) -> T3;
// why: AsyncGeneratorDrainQueue: request 3 normal -> {undefined, true} -> T3. t2.
// why: T3: 'r2:rp:true', 'r3:undefined:true', t3.
// v8: same
// xs: differs ["body","t1","r1:a:false","t2","r2:rp:true","t3","r3:undefined:true"] because unclassified: XS 13.3.0 (xsnap 0.15.0) gives this order; not yet analysed against the spec (a candidate XS bug, or a spec change it predates)
async function* g() {
  log('body');
  yield 'a';
  log('never');
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return(Promise.resolve('rp')).then((r) => log('r2:' + r.value + ':' + r.done));
it.next().then((r) => log('r3:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
