// for-await over a sync generator that yields a rejected promise: the wrapper closes it, so its finally runs before the catch
// expect: ["t1","v a","t2","sync finally","t3","caught bad","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: T1: U1 (unwrap 'a'), t1. T2: 'v a'; next: s yields pr (rejected). AsyncFromSyncIteratorContinuation
// why: (closeOnRejection true, done false): onRejected = closeIterator; PromiseResolve(pr) is pr ->
// why: PerformPromiseThen(pr, unwrap, closeIterator, C2) -> J (T3). t2.
// why: T3: J: closeIterator: IteratorClose(syncIteratorRecord, throw 'bad') -> s.return(): 'sync finally';
// why: the throw completion is returned -> C2 rejected with 'bad' -> M2 (T4). t3.
// why: T4: the loop's Await throws -> 'caught bad', t4.
// node: differs ["t1","v a","t2","t3","caught bad","t4"] because V8 11.3 predates ecma262 PR #2600 (AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): its onRejected is undefined, so the sync generator is never closed and 'sync finally' never runs
// spidermonkey: differs ["t1","v a","t2","t3","caught bad","t4"] because predates a spec change: SpiderMonkey 102 (2022) predates ecma262 PR #2600 (2025; AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): its onRejected is undefined, so the sync generator is never closed and 'sync finally' never runs
// xs: differs ["t1","v a","t2","t3","caught bad","t4"] because older spec text (P): XS 13.3.0 predates ecma262 PR #2600 (2025; tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation closeOnRejection, and #sec-%asyncfromsynciteratorprototype%.throw): the async-from-sync wrapper's onRejected is undefined, so the rejection of the second value passes through to the loop, the sync generator is never closed and 'sync finally' never runs; 'caught bad' keeps its tick (after t3); the same trace as SpiderMonkey 102
function* s() {
  try {
    yield 'a';
    yield Promise.reject('bad');
    log('never');
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
