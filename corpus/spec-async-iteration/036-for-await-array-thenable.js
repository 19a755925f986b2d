// for-await over an array holding a thenable: the wrapper's PromiseResolve goes through the thenable job, +1 tick
// expect: ["then","t1","t2","v tv","t3","t4","v b","t5","t6","loop done","t7"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next: {th, false}; AsyncFromSyncIteratorContinuation: PromiseResolve(%Promise%, th): new promise resolved
// why: with th -> NewPromiseResolveThenableJob TJ (T1); unwrap appended. Ticker t1 (T1).
// why: T1: TJ: th.then: 'then', resolve('tv') -> U1 (T2). t1. T2: U1 -> C1 -> M1 (T3). t2.
// why: T3: 'v tv'; next -> 'b' -> U2 (T4). t3. T4: U2 -> M2 (T5). t4. T5: 'v b'; next -> done -> U3 (T6). t5.
// why: T6: U3 -> M3 (T7). t6. T7: 'loop done', t7.
// v8: same
const th = {
  then(resolve) {
    log('then');
    resolve('tv');
  }
};
async function main() {
  for await (const v of [th, 'b']) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7'));
