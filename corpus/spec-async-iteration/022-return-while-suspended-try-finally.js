// return(v) while suspended in try/finally: the resumption awaits v (one tick), then the finally runs
// expect: ["try","t1","r1:a:false","finally","t2","r2:rv:true","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'try'; yield 'a' -> Await -> A (T1). return('rv'): executing -> enqueued. Ticker t1 (T1).
// why: T1: A completes request 1 (-> T2); the queue head is a return completion:
// why: AsyncGeneratorUnwrapYieldResumption does Await('rv') -> B (T2). t1 -> t2.
// why: T2: 'r1:a:false'; B: ReturnCompletion('rv') at the yield: 'finally'; the body ends with a return
// why: completion -> CompleteStep(normal 'rv', done true) -> handler (T3). t2 -> t3.
// why: T3: 'r2:rv:true', t3. T4: t4.
// v8: same
async function* g() {
  try {
    log('try');
    yield 'a';
    log('never');
  } finally {
    log('finally');
  }
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return('rv').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
