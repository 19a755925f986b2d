// break out of for-await over an async iterator without return: AsyncIteratorClose returns at once, no await
// expect: ["v a","after loop","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next returns {a, false} (plain) -> Await -> M (T1). Ticker t1 (T1).
// why: T1: M: 'v a'; break -> AsyncIteratorClose: GetMethod(iterator, "return") is undefined -> the break
// why: completion is returned without any Await -> 'after loop' in the same job; then t1. T2: t2.
// v8: same
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        return { value: 'a', done: false };
      }
    };
  }
};
async function main() {
  for await (const v of iter) {
    log('v ' + v);
    break;
  }
  log('after loop');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
