// a manual next() then a for-await over the same generator: the loop's first request queues behind it
// expect: ["t1","manual:a:false","t2","loop b","t3","loop done","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: manual next: yield 'a' -> Y1 (T1). main: GetIterator(it, async) is it; next: state executing ->
// why: AsyncGeneratorEnqueue only; the loop awaits P2. Ticker t1 (T1).
// why: T1: Y1 completes the manual request -> H (T2); the queue is not empty -> continue: yield 'b' -> Y2 (T2). t1.
// why: T2: 'manual:a:false'; Y2 completes the loop's request -> M1 (T3). t2.
// why: T3: 'loop b'; next -> g ends, fulfilled at once -> M2 (T4). t3. T4: 'loop done', t4.
// v8: same
async function* g() {
  yield 'a';
  yield 'b';
}
const it = g();
it.next().then((r) => log('manual:' + r.value + ':' + r.done));
async function main() {
  for await (const v of it) {
    log('loop ' + v);
  }
  log('loop done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
