// a fulfilled value passes through .catch links, one tick per link
// expect: ["t1","t2","reached v","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: .catch(r) = Invoke(p, "then", undefined, r). The fulfil reaction has [[Handler]] empty, so
// why: NewPromiseReactionJob uses NormalCompletion(argument) and resolves the derived promise with 'v':
// why: each skipped catch still costs one job.
// why: T1: pass-through 1 (queued first), t1. T2: pass-through 2, t2. T3: 'reached v', t3. T4: t4.
// v8: same
Promise.resolve('v')
  .catch(() => log('never 1'))
  .catch(() => log('never 2'))
  .then((v) => log('reached ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
