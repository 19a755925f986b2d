// closeOnRejection with a promise rejected later from a timer: the sync generator is closed in that timer's checkpoint
// expect: ["timer 1","sync finally","caught late"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next: s yields a pending promise whose executor registered timer id 1 (due 5); the wrapper appends
// why: (unwrap, closeIterator) to it. Timer id 2 (due 1).
// why: Timer id 2: 'timer 1'. Timer id 1: reject('late') -> J (T1). T1: J: closeIterator -> s.return():
// why: 'sync finally'; the throw completion -> C rejected -> M (T2). T2: 'caught late'.
// node: differs ["timer 1","caught late"] because V8 11.3 predates ecma262 PR #2600 (AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): its onRejected is undefined, so the sync generator is left suspended and 'sync finally' never runs
// spidermonkey: differs ["timer 1","caught late"] because predates a spec change: SpiderMonkey 102 (2022) predates ecma262 PR #2600 (2025; AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): its onRejected is undefined, so the sync generator is left suspended and 'sync finally' never runs
// xs: differs ["timer 1","caught late"] because older spec text (P): XS 13.3.0 predates ecma262 PR #2600 (2025; tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation closeOnRejection, and #sec-%asyncfromsynciteratorprototype%.throw): the async-from-sync wrapper's onRejected is undefined, so when the timer rejects the value the rejection passes through, the sync generator is never closed and 'sync finally' never runs; the same trace as SpiderMonkey 102
function* s() {
  try {
    yield new Promise((resolve, reject) => setTimeout(reject, 5, 'late'));
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
setTimeout(() => log('timer 1'), 1);
