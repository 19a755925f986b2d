// a hand-written async iterator whose next returns a thenable: the loop's Await takes the thenable job, +1 tick
// expect: ["next","then","t1","loop done","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next: 'next', returns a thenable; ForIn/OfBodyEvaluation's Await: PromiseResolve makes a new promise and
// why: resolves it with the thenable -> NewPromiseResolveThenableJob TJ (T1). Ticker t1 (T1).
// why: T1: TJ: 'then', resolve({undefined, true}) (no then property: fulfilled) -> M (T2). t1.
// why: T2: done -> 'loop done', t2. T3: t3.
// v8: same
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        log('next');
        return {
          then(resolve) {
            log('then');
            resolve({ value: undefined, done: true });
          }
        };
      }
    };
  }
};
async function main() {
  for await (const v of iter) {
    log('never');
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
