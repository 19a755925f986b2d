// a sync generator that returns a rejected promise: done is true, so closeOnRejection does not apply (engines agree)
// expect: ["t1","v a","sync finally","t2","t3","caught ret","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: U1 (unwrap 'a'), t1. T2: 'v a'; next: s runs `return pr`: its finally runs inside s.next():
// why: 'sync finally'; result {value: pr, done: true}. AsyncFromSyncIteratorContinuation: done is true ->
// why: onRejected undefined; PromiseResolve(pr) is pr (rejected) -> J (T3). t2.
// why: T3: J: no handler -> C rejected with 'ret' -> M (T4). t3. T4: the loop's Await throws: 'caught ret', t4.
// v8: same
function* s() {
  try {
    yield 'a';
    return Promise.reject('ret');
  } finally {
    log('sync finally');
  }
}
async function main() {
  try {
    for await (const v of s()) {
      log('v ' + v);
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
