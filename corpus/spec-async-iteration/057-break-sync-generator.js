// break out of for-await over a sync generator: the wrapper's return closes it synchronously, then two ticks
// expect: ["t1","v a","sync finally","t2","t3","after loop","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: U1 (unwrap 'a'), t1. T2: 'v a'; break -> AsyncIteratorClose: %AsyncFromSyncIteratorPrototype%.return
// why: (no value): GetMethod(s, "return") -> s.return(): 'sync finally', {undefined, true};
// why: AsyncFromSyncIteratorContinuation (closeOnRejection false): PromiseResolve(undefined) -> U2 (T3); the
// why: loop awaits the capability. t2. T3: U2 -> capability fulfilled -> M (T4). t3.
// why: T4: 'after loop', t4.
// v8: same
function* s() {
  try {
    yield 'a';
    yield 'b';
  } finally {
    log('sync finally');
  }
}
async function main() {
  for await (const v of s()) {
    log('v ' + v);
    break;
  }
  log('after loop');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
