// two for-await loops over async generators with different await counts interleave tick by tick
// expect: ["t1","A a1","t2","B b1","t3","A a2","t4","A done","t5","B b2","t6","B done","t7"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: run A: gen('a').next -> yield 'a1' -> YA1 (T1). run B: slowGen('b').next -> await null -> SB0 (T1). t1 (T1).
// why: T1: YA1 -> MA1 (T2); SB0 -> yield 'b1' -> YB1 (T2); t1. T2: MA1 'A a1' -> next -> yield 'a2' -> YA2 (T3);
// why: YB1 -> MB1 (T3); t2. T3: YA2 -> MA2 (T4); MB1 'B b1' -> next -> await null -> SB2 (T4); t3.
// why: T4: MA2 'A a2' -> next -> gen ends, fulfilled at once -> MA3 (T5); SB2 -> yield 'b2' -> YB2 (T5); t4.
// why: T5: MA3 'A done'; YB2 -> MB2 (T6); t5. T6: MB2 'B b2' -> next -> ends -> MB3 (T7); t6. T7: 'B done', t7.
// v8: same
async function* gen(tag) {
  yield tag + '1';
  yield tag + '2';
}
async function* slowGen(tag) {
  await null;
  yield tag + '1';
  await null;
  yield tag + '2';
}
async function run(label, it) {
  for await (const v of it) {
    log(label + ' ' + v);
  }
  log(label + ' done');
}
run('A', gen('a'));
run('B', slowGen('b'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7'));
