// return() on a suspended-yield generator whose finally awaits: each await delays the return promise by a tick
// expect: ["t1","r1:a:false","t2","fin1","t3","fin2","t4","r2:rv:true","t5","t6"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next(): yield 'a' -> A (T1). Ticker t1 (T1). T1: A completes request 1 -> H (T2); suspended-yield. t1.
// why: T2: H: 'r1:a:false'; return('rv'): suspended-yield -> enqueue + AsyncGeneratorResume(return):
// why: AsyncGeneratorUnwrapYieldResumption: Await('rv') -> B (T3). t2 -> t3.
// why: T3: B: return completion -> finally: 'fin1'; await null -> C (T4). t3 -> t4.
// why: T4: C: 'fin2'; the body ends with return 'rv' -> CompleteStep({rv, true}) -> handler (T5). t4 -> t5.
// why: T5: 'r2:rv:true', t5. T6: t6.
// v8: same
async function* g() {
  try {
    yield 'a';
  } finally {
    log('fin1');
    await null;
    log('fin2');
  }
}
const it = g();
it.next().then((r) => {
  log('r1:' + r.value + ':' + r.done);
  it.return('rv').then((r2) => log('r2:' + r2.value + ':' + r2.done));
});
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6'));
