// a rejected next() ends for-await with that error and does not call return (ForIn/OfBodyEvaluation's ? Await)
// expect: ["next","caught next failed","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next: 'next', returns a rejected native promise: the loop's Await uses it as is -> M (T1). Ticker t1 (T1).
// why: T1: M: `? Await(nextResult)` throws; the loop is left without AsyncIteratorClose (return is not called)
// why: -> 'caught next failed'; t1. T2: t2.
// v8: same
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        log('next');
        return Promise.reject('next failed');
      },
      return() {
        log('return never');
        return { value: undefined, done: true };
      }
    };
  }
};
async function main() {
  try {
    for await (const v of iter) {
      log('never');
    }
  } catch (e) {
    log('caught ' + e);
  }
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
