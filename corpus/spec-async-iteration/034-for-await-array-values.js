// for-await over an array of plain values: the async-from-sync wrapper costs two ticks per step, the final done step too
// expect: ["t1","v a","t2","t3","v b","t4","t5","loop done","t6"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(array, async) -> CreateAsyncFromSyncIterator. next: the array iterator gives {a, false};
// why: AsyncFromSyncIteratorContinuation: PromiseResolve(%Promise%, 'a') fulfilled -> PerformPromiseThen(unwrap)
// why: -> U1 (T1); the loop awaits the pending capability C1. Ticker t1 (T1).
// why: T1: U1: unwrap -> C1 fulfilled -> M1 (T2). t1. T2: 'v a'; next -> U2 (T3). t2. T3: U2 -> M2 (T4). t3.
// why: T4: 'v b'; next: {undefined, true}: PromiseResolve(undefined) -> U3 (T5). t4. T5: U3 -> M3 (T6). t5.
// why: T6: done -> 'loop done', t6.
// v8: same
async function main() {
  for await (const v of ['a', 'b']) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6'));
