// for-await over a hand-written sync iterable: wrapped by CreateAsyncFromSyncIterator; return is not called on normal completion
// expect: ["get sync iterator","next p","t1","v p","next q","t2","t3","v q","next undefined","t4","t5","loop done","t6"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(iterable, async): no %Symbol.asyncIterator% -> %Symbol.iterator%: 'get sync iterator';
// why: CreateAsyncFromSyncIterator. next: 'next p' -> {p, false} -> unwrap U1 (T1). Ticker t1 (T1).
// why: T1: U1 -> M1 (T2). t1. T2: 'v p'; next: 'next q' -> U2 (T3). t2.
// why: T3: U2 -> M2 (T4). t3. T4: 'v q'; next: 'next undefined' ({undefined, true}) -> U3 (T5). t4.
// why: T5: U3 -> M3 (T6). t5. T6: done: a normal loop exit does not call return -> 'loop done', t6.
// v8: same
function* src() {
  yield 'p';
  yield 'q';
}
const s = src();
const iterable = {
  [Symbol.iterator]() {
    log('get sync iterator');
    return {
      next() {
        const r = s.next();
        log('next ' + r.value);
        return r;
      },
      return() {
        log('return never');
        return { value: undefined, done: true };
      }
    };
  }
};
async function main() {
  for await (const v of iterable) {
    log('v ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6'));
