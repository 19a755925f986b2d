// await inside a catch block: the sync throw is caught synchronously, the await suspends inside catch
// expect: ["try","catch sync throw","sync","catch resumed","after try","t1"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: throw inside try is caught at once: 'catch sync throw'; await null queues the resume (T1) and f
// why: returns to the script ('sync'). The ticker's t1 is queued after it (T1).
// why: T1: 'catch resumed', 'after try'; t1.
// v8: same
async function f() {
  try {
    log('try');
    throw 'sync throw';
  } catch (e) {
    log('catch ' + e);
    await null;
    log('catch resumed');
  }
  log('after try');
}
f();
Promise.resolve().then(() => log('t1'));
log('sync');
