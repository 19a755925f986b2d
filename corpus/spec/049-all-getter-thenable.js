// Promise.all over an object with a then getter: the getter runs synchronously inside Promise.all, once
// expect: ["before all","get then","after all","then run","all done"]
// why: PerformPromiseAll: Call(promiseResolve = Promise.resolve, %Promise%, th) -> PromiseResolve: not a
// why: promise -> NewPromiseCapability, resolve(th): Get(th, "then") runs the getter now ('get then'),
// why: then NewPromiseResolveThenableJob with the returned function (T1). Invoke(wrapper, "then") reads
// why: the native then of the wrapper, not th's getter.
// why: T1: the job calls the function: 'then run', r('tv') fulfils the wrapper -> element job (T2).
// why: T2: count 0 -> resolve -> handler (T3): 'all done'.
// v8: same
const th = {
  get then() {
    log('get then');
    return function (r) {
      log('then run');
      r('tv');
    };
  }
};
log('before all');
Promise.all([th]).then(() => log('all done'));
log('after all');
