// an async generator that for-awaits an array and yields: four ticks per element from source to consumer
// expect: ["t1","t2","t3","w aa","t4","t5","t6","t7","w bb","t8","t9","t10","done","t11"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: main's loop calls double(...).next(): double's for-await over the array: wrapper next -> U1 (T1);
// why: double awaits C1, main awaits P1. Ticker t1 (T1).
// why: T1: U1 -> C1 -> D1 (T2). T2: D1: v = 'a'; yield 'aa' -> Await -> Y1 (T3). T3: Y1 fulfils P1 -> M1 (T4).
// why: T4: 'w aa'; next -> double resumes its loop -> wrapper next -> U2 (T5). T5: U2 -> D2 (T6).
// why: T6: yield 'bb' -> Y2 (T7). T7: Y2 -> M2 (T8). T8: 'w bb'; next -> wrapper next: done -> U3 (T9).
// why: T9: U3 -> D3 (T10). T10: double's loop ends, the body ends: P3 fulfilled -> M3 (T11). T11: 'done'.
// why: Each tick also runs its ticker job last: t1 .. t11.
// v8: same
async function* double(src) {
  for await (const v of src) {
    yield v + v;
  }
}
async function main() {
  for await (const w of double(['a', 'b'])) {
    log('w ' + w);
  }
  log('done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7')).then(() => log('t8')).then(() => log('t9')).then(() => log('t10')).then(() => log('t11'));
