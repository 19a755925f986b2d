// return from inside a for-await body: the iterator is closed (awaited) before the async function settles
// expect: ["t1","v a","t2","gen finally","t3","t4","result got a","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: Y1 -> M1 (T2); t1. T2: M1: 'v a'; return 'got a': a return completion -> AsyncIteratorClose ->
// why: g.return() -> R (T3). t2.
// why: T3: R: 'gen finally'; return promise fulfilled -> M2 (T4). t3.
// why: T4: M2: the return completion: first() resolves its promise with 'got a' -> handler (T5). t4.
// why: T5: 'result got a', t5.
// v8: same
async function* g() {
  try {
    yield 'a';
    yield 'b';
  } finally {
    log('gen finally');
  }
}
async function first() {
  for await (const v of g()) {
    log('v ' + v);
    return 'got ' + v;
  }
  return 'none';
}
first().then((r) => log('result ' + r));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
