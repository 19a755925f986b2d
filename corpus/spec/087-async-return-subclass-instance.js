// async return of a subclass instance costs the same +2 ticks as a native promise (resolve always unwraps thenables)
// expect: ["t1","t2","native n","sub s","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Unlike Await, AsyncBlockStart's resolve does not use PromiseResolve: any Object with a callable then
// why: (native or P) gets NewPromiseResolveThenableJob. native(): TJn (T1); sub(): TJs (T1). Ticker t1 (T1).
// why: T1: TJn: then on the fulfilled native -> Rn (T2); TJs: P.prototype.then (species P) on the fulfilled
// why: sub -> Rs (T2); t1. T2: Rn fulfils -> handler (T3); Rs fulfils -> handler (T3); t2.
// why: T3: 'native n', 'sub s', t3.
// v8: same
class P extends Promise {}
async function native() {
  return Promise.resolve('n');
}
async function sub() {
  return P.resolve('s');
}
native().then((v) => log('native ' + v));
sub().then((v) => log('sub ' + v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
