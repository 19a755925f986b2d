// Promise.all settles one reaction after its deciding element; the element's other reactions keep their order
// expect: ["b settles","t1","b other chain","t2","all done","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: b is the derived promise of a then on a fulfilled promise: its handler Hb is queued (T1).
// why: Promise.all: a is fulfilled -> Ea (T1); b is pending -> Eb appended to b. Then b.then appends the
// why: 'other chain' reaction after Eb. Ticker t1 (T1). T1 order: Hb, Ea, t1.
// why: T1: Hb logs 'b settles', returns 'b' -> FulfillPromise(b) queues Eb, other (T2); Ea (count 1); t1.
// why: T2: Eb: count 0 -> Call(resolve, values) fulfils the all promise -> 'all done' queued (T3);
// why: 'b other chain'; t2. T3: 'all done', t3.
// v8: same
const a = Promise.resolve('a');
const b = Promise.resolve().then(() => {
  log('b settles');
  return 'b';
});
Promise.all([a, b]).then(() => log('all done'));
b.then(() => log('b other chain'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
