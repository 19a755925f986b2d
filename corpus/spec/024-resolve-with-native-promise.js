// resolve(p) with another native promise costs 2 extra ticks compared with resolve(value)
// expect: ["direct direct","t1","t2","outer inner","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: outer: resolve(inner): inner is an Object with callable then -> NewPromiseResolveThenableJob TJ (T1);
// why: outer stays pending. direct: resolve('direct') fulfils at once.
// why: outer.then appends; direct.then queues D (T1); ticker t1 (T1). T1 order: TJ, D, t1.
// why: T1: TJ calls inner.then(resolve, reject): inner is fulfilled -> reaction R (T2); D 'direct direct'; t1.
// why: T2: R calls resolve('inner') -> outer fulfilled -> its handler (T3); t2. T3: 'outer inner', t3.
// v8: same
const inner = Promise.resolve('inner');
const outer = new Promise((resolve) => resolve(inner));
const direct = new Promise((resolve) => resolve('direct'));
outer.then((v) => log('outer ' + v));
direct.then((v) => log('direct ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
