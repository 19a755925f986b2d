// two async functions awaiting plain values interleave one step per tick
// expect: ["a1","b1","a2","b2","a3","b3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Each await null queues the function's resume at once (the wrapper is already fulfilled).
// why: Script: a1 (resume a, T1), b1 (resume b, T1). T1: a2 (T2), b2 (T2). T2: a3, b3.
// v8: same
async function a() {
  log('a1');
  await null;
  log('a2');
  await null;
  log('a3');
}
async function b() {
  log('b1');
  await null;
  log('b2');
  await null;
  log('b3');
}
a();
b();
