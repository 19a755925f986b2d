// next() called while the generator is suspended in an await (state executing) is only queued
// expect: ["g1","end","qm","g2","g3","r1:a:false","r2:b:false"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'g1'; the executor registers timer id 1 (due 1); await of the pending promise appends.
// why: queueMicrotask Q (T1). 'end'. T1: Q: 'qm'; next #2: state executing -> AsyncGeneratorEnqueue only.
// why: Timer id 1: resolve -> resume R (T1). T1: R: 'g2'; yield 'a' -> Await -> Y1 (T2).
// why: T2: Y1 completes request 1 (-> T3); queue not empty -> continue with request 2: 'g3'; yield 'b' -> Y2 (T3).
// why: T3: 'r1:a:false'; Y2 completes request 2 -> T4. T4: 'r2:b:false'.
// v8: same
async function* g() {
  log('g1');
  await new Promise((resolve) => setTimeout(resolve, 1));
  log('g2');
  yield 'a';
  log('g3');
  yield 'b';
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
queueMicrotask(() => {
  log('qm');
  it.next().then((r) => log('r2:' + r.value + ':' + r.done));
});
log('end');
