// resolve() in an executor with a thenable (+1 tick), a native promise (+2), or a value (0)
// expect: ["th then","plain pv","t1","thenable tv","t2","native nv","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: resolve(th): callable then -> thenable job TJth (T1). resolve(native): thenable job TJn (T1).
// why: resolve('pv') fulfils at once, so its .then is queued at once (T1). Ticker t1 (T1).
// why: T1 order: TJth, TJn, plain, t1. TJth: 'th then', r('tv') fulfils -> handler (T2). TJn: then on the
// why: fulfilled native -> reaction Rn (T2). 'plain pv'. t1.
// why: T2: 'thenable tv'; Rn fulfils -> handler (T3); t2. T3: 'native nv', t3. T4: t4.
// v8: same
const th = {
  then(r) {
    log('th then');
    r('tv');
  }
};
new Promise((resolve) => resolve(th)).then((v) => log('thenable ' + v));
new Promise((resolve) => resolve(Promise.resolve('nv'))).then((v) => log('native ' + v));
new Promise((resolve) => resolve('pv')).then((v) => log('plain ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
