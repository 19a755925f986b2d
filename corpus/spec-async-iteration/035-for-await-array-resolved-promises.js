// for-await over an array mixing fulfilled native promises and values: same two ticks per element
// expect: ["t1","v a","t2","t3","v b","t4","t5","v c","t6","t7","loop done","t8"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: AsyncFromSyncIteratorContinuation: PromiseResolve(%Promise%, v) returns a fulfilled native promise as is
// why: and wraps a value in a fulfilled one: either way PerformPromiseThen(unwrap) queues U at once.
// why: Each element: U (T2k-1) fulfils the capability -> loop resume (T2k) logs it and calls next.
// why: T1: U1, t1. T2: 'v a', t2. T3: U2, t3. T4: 'v b', t4. T5: U3, t5. T6: 'v c', t6.
// why: T7: U4 (done), t7. T8: 'loop done', t8.
// v8: same
async function main() {
  for await (const v of [Promise.resolve('a'), 'b', Promise.resolve('c')]) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7')).then(() => log('t8'));
