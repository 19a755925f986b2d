// for-await over an array with a rejected promise: the loop throws from next's await without calling return
// expect: ["t1","v a","t2","t3","caught bad","main end","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: U1 (unwrap 'a'), t1. T2: 'v a'; next: element pr (rejected): AsyncFromSyncIteratorContinuation with
// why: closeOnRejection true: onRejected is closeIterator; PromiseResolve(pr) is pr -> J (T3). t2.
// why: T3: J: IteratorClose(array iterator, throw): the array iterator has no return method -> the throw
// why: completion -> C2 rejected -> M2 (T4). t3.
// why: T4: M2: ? Await(nextResult) throws; ForIn/OfBodyEvaluation does not close on that -> 'caught bad',
// why: 'main end', t4. (Without closeOnRejection the rejection passes through at the same tick.)
// v8: same
// jsc: differs ["t1","v a","t2","t3","t4"] because engine bug: tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation's closeIterator returns IteratorClose(syncIteratorRecord, ThrowCompletion(error)) (#sec-iteratorclose), which for an iterator without a return method is the throw completion, so the capability is rejected; JSC 2.50's asyncFromSyncIteratorOnRejected calls syncIterator.return without checking for undefined, the TypeError escapes the reaction job and the next() promise never settles, so the loop hangs and 'caught bad' and 'main end' never run
async function main() {
  try {
    for await (const v of ['a', Promise.reject('bad'), 'c']) {
      log('v ' + v);
    }
  } catch (e) {
    log('caught ' + e);
  }
  log('main end');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
