// Promise.all rejects with the first rejection in queue order; later settlements are ignored
// expect: ["t1","all rejected bad","t2","slow resolves"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: slow is pending: its element reaction is appended. bad and Promise.reject('worse') are rejected native
// why: promises used as is; Invoke(then, onFulfilled, resultCapability.[[Reject]]) queues their reject
// why: jobs at once (T1) in element order. Ticker t1 (T1).
// why: T1: reject('bad') rejects the all promise -> its handler (T2); reject('worse') is ignored
// why: (alreadyResolved); t1. T2: 'all rejected bad', t2.
// why: Timer at 5: 'slow resolves'; its element function runs but the count never reaches 0.
// v8: same
const slow = new Promise((resolve) => setTimeout(() => {
  log('slow resolves');
  resolve('s');
}, 5));
const bad = Promise.reject('bad');
Promise.all([slow, bad, Promise.reject('worse')]).then(() => log('never'), (e) => log('all rejected ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
