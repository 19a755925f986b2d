// for-await over a sync generator: its body runs inside each next(), then two ticks to the loop body
// expect: ["s1","t1","v a","s2","t2","t3","v b","s3","t4","t5","loop done","t6"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(s(), async): the generator has only %Symbol.iterator% -> CreateAsyncFromSyncIterator.
// why: next: s runs 's1', yields 'a' -> U1 (T1). Ticker t1 (T1). T1: U1 -> M1 (T2). t1.
// why: T2: 'v a'; next: s runs 's2', yields a fulfilled native promise (used as is) -> U2 (T3). t2.
// why: T3: U2 -> M2 (T4). t3. T4: 'v b'; next: 's3', s completes {undefined, true} -> U3 (T5). t4.
// why: T5: U3 -> M3 (T6). t5. T6: 'loop done', t6.
// v8: same
function* s() {
  log('s1');
  yield 'a';
  log('s2');
  yield Promise.resolve('b');
  log('s3');
}
async function main() {
  for await (const v of s()) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6'));
