// a hand-written async iterator whose next returns plain objects (one tick each) interleaved with an async generator loop (two)
// expect: ["nextA a1","a1","nextA a2","a2","nextA undefined","b1","A done","b2","B done"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: loopA: GetIterator(iterA, async) calls its %Symbol.asyncIterator%; next: 'nextA a1', returns a plain
// why: object; the loop's Await wraps it -> A1 (T1). loopB: genB's next -> yield 'b1' -> Y1 (T1).
// why: T1: A1: 'a1'; next: 'nextA a2' -> A2 (T2). Y1 fulfils PB1 -> B1 (T2).
// why: T2: A2: 'a2'; next: 'nextA undefined' ({undefined, true}) -> A3 (T3). B1: 'b1'; next -> yield 'b2' -> Y2 (T3).
// why: T3: A3: done -> 'A done'. Y2 -> B2 (T4). T4: 'b2'; next -> genB ends, PB3 fulfilled -> B3 (T5).
// why: T5: 'B done'.
// v8: same
function* srcA() {
  yield 'a1';
  yield 'a2';
}
const sa = srcA();
const iterA = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        const r = sa.next();
        log('nextA ' + r.value);
        return r;
      }
    };
  }
};
async function* genB() {
  yield 'b1';
  yield 'b2';
}
async function loopA() {
  for await (const v of iterA) {
    log(v);
  }
  log('A done');
}
async function loopB() {
  for await (const v of genB()) {
    log(v);
  }
  log('B done');
}
loopA();
loopB();
