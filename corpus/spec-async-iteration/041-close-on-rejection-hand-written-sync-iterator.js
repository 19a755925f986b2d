// closeOnRejection with a hand-written sync iterator: return() is called inside the onRejected job; its non-object result is ignored
// expect: ["get iterator","next","return called","qm1","caught bad","main end"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(iterable, async): no %Symbol.asyncIterator% -> %Symbol.iterator%: 'get iterator';
// why: CreateAsyncFromSyncIterator. next: 'next' -> {value: rejected pr, done: false}; closeOnRejection true ->
// why: PerformPromiseThen(pr, unwrap, closeIterator) -> J (T1). queueMicrotask Q (T1).
// why: T1: J: IteratorClose(syncIteratorRecord, throw 'bad'): return(): 'return called'; the completion is a
// why: throw, so it is returned and return()'s non-object result is not checked -> C rejected -> M (T2). Q: 'qm1'.
// why: T2: M: the Await throws -> 'caught bad', 'main end'.
// node: differs ["get iterator","next","qm1","caught bad","main end"] because V8 11.3 predates ecma262 PR #2600 (AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): the rejection passes through without closing the sync iterator, so return() is never called
// spidermonkey: differs ["get iterator","next","qm1","caught bad","main end"] because predates a spec change: SpiderMonkey 102 (2022) predates ecma262 PR #2600 (2025; AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): the rejection passes through without closing the sync iterator, so return() is never called
// xs: differs ["get iterator","next","qm1","caught bad","main end"] because older spec text (P): XS 13.3.0 predates ecma262 PR #2600 (2025; tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation closeOnRejection, and #sec-%asyncfromsynciteratorprototype%.throw): the async-from-sync wrapper's onRejected is undefined, so the rejection passes through, return() is never called and 'return called' never appears; the rest keeps its order; the same trace as SpiderMonkey 102
const iterable = {
  [Symbol.iterator]() {
    log('get iterator');
    return {
      next() {
        log('next');
        return { value: Promise.reject('bad'), done: false };
      },
      return() {
        log('return called');
        return 'not an object';
      }
    };
  }
};
async function main() {
  try {
    for await (const v of iterable) {
      log('v ' + v);
    }
  } catch (e) {
    log('caught ' + e);
  }
  log('main end');
}
main();
queueMicrotask(() => log('qm1'));
