// for-await over an async generator: two ticks per value (the yield's await, then the loop's await); done costs one
// expect: ["t1","v a","t2","t3","v b","t4","loop done","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(g(), async): g's %Symbol.asyncIterator% (from %AsyncIteratorPrototype%) returns g itself.
// why: ForIn/OfBodyEvaluation: Call(next) runs g to yield 'a' -> Await -> Y1 (T1); the loop's Await(P1)
// why: (native, pending) appends. Ticker t1 (T1).
// why: T1: Y1 fulfils P1 -> loop resume M1 (T2). t1. T2: M1: 'v a'; next -> g resumes -> yield 'b' -> Y2 (T3). t2.
// why: T3: Y2 -> M2 (T4). t3. T4: 'v b'; next -> g's body ends: P3 fulfilled synchronously {undefined, true}
// why: -> M3 (T5). t4. T5: M3: done -> 'loop done', t5.
// v8: same
async function* g() {
  yield 'a';
  yield 'b';
}
async function main() {
  for await (const v of g()) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
