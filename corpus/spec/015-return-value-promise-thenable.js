// async return of a plain value vs a native promise (+2 ticks) vs a thenable (+1 tick)
// expect: ["a va","t1","c vc","t2","b vb","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: AsyncBlockStart: a return completion calls promiseCapability.[[Resolve]](value).
// why: a(): resolve('va') fulfils pa at once; a().then queues A (T1).
// why: b(): resolve(pb0) where pb0 = Promise.resolve('vb'): an Object with callable then ->
// why: NewPromiseResolveThenableJob TB (T1); b().then appends to pending pb.
// why: c(): resolve(obj) -> thenable job TC (T1); c().then appends to pending pc. Ticker t1 (T1).
// why: T1: A 'a va'; TB calls pb0.then -> reaction RB (T2); TC calls obj.then -> r('vc') fulfils pc ->
// why: handler (T2); t1. T2: RB resolves pb -> handler (T3); 'c vc'; t2. T3: 'b vb', t3. T4: t4.
// v8: same
async function a() {
  return 'va';
}
async function b() {
  return Promise.resolve('vb');
}
async function c() {
  return {
    then(r) {
      r('vc');
    }
  };
}
a().then((v) => log('a ' + v));
b().then((v) => log('b ' + v));
c().then((v) => log('c ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
