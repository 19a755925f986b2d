// Promise.any fulfils with the first fulfilment in queue order; rejects (AggregateError) when all reject
// expect: ["t1","any ok","any all rejected","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: any1: e1 rejected -> reject element job (T1); the timer promise is pending (appended); ok fulfilled ->
// why: resultCapability.[[Resolve]] job (T1). any2: x, y rejected -> two reject element jobs (T1),
// why: count = 1 + 2 - 1 = 2. Ticker t1 (T1).
// why: T1: any1's e1 element (count 2); any1 resolve('ok') fulfils -> handler (T2); any2 x (count 1);
// why: any2 y (count 0) -> reject with a new AggregateError -> catch (T2); t1.
// why: T2: 'any ok', 'any all rejected', t2. The timer at 5 resolves its element: ignored.
// v8: same
Promise.any([Promise.reject('e1'), new Promise((resolve) => setTimeout(() => resolve('late'), 5)), Promise.resolve('ok')])
  .then((v) => log('any ' + v));
Promise.any([Promise.reject('x'), Promise.reject('y')]).catch(() => log('any all rejected'));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
