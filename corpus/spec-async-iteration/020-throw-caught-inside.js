// throw() queued behind next(): resumes the yield with a throw completion, caught inside; the generator yields again
// expect: ["caught x","t1","r1:a:false","t2","r2:c:false","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield 'a' -> Await -> A (T1). throw('x'): state executing -> enqueued. Ticker t1 (T1).
// why: T1: A completes request 1 (-> T2); the queue is not empty: AsyncGeneratorUnwrapYieldResumption returns
// why: the throw completion as is (no await): caught, 'caught x'; yield 'c' -> Await -> B (T2). t1 -> t2.
// why: T2: 'r1:a:false'; B completes request 2 -> T3; t2 -> t3. T3: 'r2:c:false', t3.
// v8: same
async function* g() {
  try {
    yield 'a';
    log('never');
  } catch (e) {
    log('caught ' + e);
  }
  yield 'c';
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.throw('x').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
