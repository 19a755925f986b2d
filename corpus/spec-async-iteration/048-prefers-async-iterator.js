// GetIterator(obj, async) takes %Symbol.asyncIterator% when present: no async-from-sync wrapper, done after one tick
// expect: ["async chosen","sync end","empty loop","qm"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator: GetMethod(obj, %Symbol.asyncIterator%) is defined -> called: 'async chosen' (the sync method
// why: is never looked at). next returns a plain {undefined, true}; the loop's Await wraps it -> M (T1).
// why: 'sync end'. queueMicrotask Q (T1). T1: M: done -> 'empty loop'; Q: 'qm'.
// why: (Through the sync method the wrapper would need two ticks and 'qm' would come first.)
// v8: same
const both = {
  [Symbol.asyncIterator]() {
    log('async chosen');
    return {
      next() {
        return { value: undefined, done: true };
      }
    };
  },
  [Symbol.iterator]() {
    log('sync chosen');
    return {
      next() {
        return { value: undefined, done: true };
      }
    };
  }
};
async function main() {
  for await (const v of both) {
    log('never');
  }
  log('empty loop');
}
main();
log('sync end');
queueMicrotask(() => log('qm'));
