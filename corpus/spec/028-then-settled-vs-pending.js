// a then registered later on a settled promise runs before thens registered earlier on a pending one
// expect: ["settle pending","on settled sv","on pending pv","on pending again pv"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: `pending` is the derived promise of a then on a fulfilled promise: its handler H is queued (T1).
// why: pending.then appends reaction 1; settled.then on the fulfilled `settled` queues S at once (T1);
// why: pending.then appends reaction 2.
// why: T1: H logs 'settle pending', returns 'pv' -> resolve -> FulfillPromise(pending) queues reactions
// why: 1 and 2 (T2); S logs 'on settled sv'. T2: 'on pending pv', 'on pending again pv'.
// v8: same
const pending = Promise.resolve().then(() => {
  log('settle pending');
  return 'pv';
});
pending.then((v) => log('on pending ' + v));
const settled = Promise.resolve('sv');
settled.then((v) => log('on settled ' + v));
pending.then((v) => log('on pending again ' + v));
