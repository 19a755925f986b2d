// return of a thenable in an async generator: Await goes through the thenable job, +2 ticks
// expect: ["g","then","t1","t2","r:tv:true","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: it.next(): 'g'; return th -> Await(th): new promise resolved with th -> NewPromiseResolveThenableJob TJ (T1).
// why: Ticker t1 (T1).
// why: T1: TJ: th.then(resolve, reject): 'then', resolve('tv') -> resume A (T2). t1 -> t2.
// why: T2: A: the body returns 'tv': CompleteStep({tv, done true}) -> handler (T3). t2 -> t3.
// why: T3: 'r:tv:true', t3. T4: t4.
// v8: same
const th = {
  then(resolve) {
    log('then');
    resolve('tv');
  }
};
async function* g() {
  log('g');
  return th;
}
const it = g();
it.next().then((r) => log('r:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
