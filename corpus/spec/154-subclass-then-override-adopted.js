// a subclass overriding then with super.then: Await, Promise.resolve, an async return and Promise.all each adopt the instance through a ResolveThenableJob that calls the override; finally invokes it at once and again on its PromiseResolve'd result
// expect: ["MyP.then","sync","MyP.then","MyP.then","MyP.then","MyP.then","finally","MyP.then","t1","MyP.then","t2","g after","via resolve","returned","t3","all","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: MyP.resolve(1): NewPromiseCapability(MyP) (the default derived constructor runs Promise with NewTarget MyP); p fulfils.
// why: await p, Promise.resolve(p), the async arrow returning p, and Promise.all's Promise.resolve(p): p.constructor
// why: is MyP, not Promise, so each makes a new native promise and resolves it with p: Get(then) finds the override
// why: (not called yet) -> ResolveThenableJobs TJ1..TJ4 (T1).
// why: p.finally(f): SpeciesConstructor is MyP; Invoke(p, 'then') calls the override now ('MyP.then'); super.then
// why: on the fulfilled p queues RF (T1). Ticker t1 (T1). 'sync'.
// why: T1: TJ1..TJ4 each call the override ('MyP.then' x4), super.then on fulfilled p queues R1..R4 (T2);
// why: RF: thenFinally calls f ('finally'), PromiseResolve(MyP, undefined) makes a MyP q and Invokes q.then with the
// why: value thunk ('MyP.then', R5 (T2)); the handler's result, a MyP, resolves finally's promise -> TJ5 (T2); t1.
// why: T2: R1..R4 fulfil the awaited, resolved, returned and element promises (their reactions: T3); R5 fulfils q.then's
// why: promise; TJ5 calls the override on it ('MyP.then'), already fulfilled -> R6 (T3); t2.
// why: T3: 'g after', 'via resolve', 'returned', the element function resolves all's promise -> 'all' (T4); R6; t3.
// why: T4: 'all', t4.
// v8: same
class MyP extends Promise {
  then(onFulfilled, onRejected) {
    log('MyP.then');
    return super.then(onFulfilled, onRejected);
  }
}
const p = MyP.resolve(1);
async function g() {
  await p;
  log('g after');
}
g();
Promise.resolve(p).then(() => log('via resolve'));
(async () => p)().then(() => log('returned'));
Promise.all([p]).then(() => log('all'));
p.finally(() => log('finally'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
log('sync');
