// throw() on a suspended-yield generator runs its finally synchronously and rejects; the next next() is done at once
// expect: ["t1","r1:a:false","finally","after calls","t2","rejected boom","r3:undefined:true","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next(): yield 'a' -> A (T1). Ticker t1 (T1). T1: A completes request 1 -> H (T2); suspended-yield. t1.
// why: T2: H: 'r1:a:false'; throw('boom'): suspended-yield -> enqueue + AsyncGeneratorResume with the throw
// why: completion, synchronously: 'finally'; the body ends abruptly: CompleteStep(throw) rejects the throw()
// why: promise at once; drain; completed. .then -> onRejected (T3). next(): completed -> {undefined, true} at
// why: once -> handler (T3). 'after calls'. t2 -> t3 (T3).
// why: T3: 'rejected boom', 'r3:undefined:true', t3. T4: t4.
// v8: same
// xs: differs ["t1","r1:a:false","finally","after calls","t2","t3","rejected boom","t4","r3:undefined:true"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS), so 'rejected boom' (throw('boom') at the yield runs the finally and completes the generator abruptly) comes after t3 instead of after t2; and XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262), so the next() queued behind it gives 'r3:undefined:true' after t4 instead of right after 'rejected boom'
async function* g() {
  try {
    yield 'a';
  } finally {
    log('finally');
  }
}
const it = g();
it.next().then((r) => {
  log('r1:' + r.value + ':' + r.done);
  it.throw('boom').then((r2) => log('unexpected'), (e) => log('rejected ' + e));
  it.next().then((r3) => log('r3:' + r3.value + ':' + r3.done));
  log('after calls');
});
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
