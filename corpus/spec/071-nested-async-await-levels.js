// three nested async functions, each awaiting the next: results climb one tick per level
// expect: ["l1 start","l2 start","l3 start","sync end","l3 end","t1","l2 got v3","t2","l1 got v2","t3","top got v1","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: l1 -> l2 -> l3 run synchronously; l3's await null queues its resume (T1); l2 awaits l3's
// why: pending native promise (used as is, reaction appended); l1 awaits l2's; .then appends to l1's.
// why: Ticker t1 (T1).
// why: T1: 'l3 end', return fulfils p3 -> l2 resume (T2); t1. T2: 'l2 got v3' -> p2 fulfilled -> l1 resume
// why: (T3); t2. T3: 'l1 got v2' -> p1 -> handler (T4); t3. T4: 'top got v1', t4. T5: t5.
// v8: same
async function l3() {
  log('l3 start');
  await null;
  log('l3 end');
  return 'v3';
}
async function l2() {
  log('l2 start');
  const v = await l3();
  log('l2 got ' + v);
  return 'v2';
}
async function l1() {
  log('l1 start');
  const v = await l2();
  log('l1 got ' + v);
  return 'v1';
}
l1().then((v) => log('top got ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
log('sync end');
