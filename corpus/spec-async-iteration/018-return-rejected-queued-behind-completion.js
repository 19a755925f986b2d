// return(rejected promise) queued while the body finishes: drained by AsyncGeneratorAwaitReturn, it rejects
// expect: ["t1","first:done:true","t2","ret rejected no","after:undefined:true","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: return 'done' -> Await('done') -> A (T1). return(pr) and next #3: state executing -> enqueued.
// why: Ticker t1 (T1).
// why: T1: A: the body ends: CompleteStep({done, true}) -> handler (T2); AsyncGeneratorDrainQueue: the head is
// why: a return -> AsyncGeneratorAwaitReturn: PromiseResolve(pr) is pr (rejected) -> rejected closure RJ (T2). t1.
// why: T2: 'first:done:true'; RJ: CompleteStep(throw 'no') rejects the return promise -> onRejected (T3);
// why: drain: next #3 is normal -> {undefined, true} -> T3; completed. t2.
// why: T3: 'ret rejected no', 'after:undefined:true', t3. T4: t4.
// v8: same
// xs: differs ["t1","first:done:true","t2","ret rejected no","t3","after:undefined:true","t4"] because XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262); the body's completion and the queued return(rejected promise) are on time, and the last next(), drained after the rejection, gives 'after:undefined:true' after t3 instead of right after 'ret rejected no'
async function* g() {
  return 'done';
}
const it = g();
it.next().then((r) => log('first:' + r.value + ':' + r.done));
it.return(Promise.reject('no')).then((r) => log('ret:' + r.value), (e) => log('ret rejected ' + e));
it.next().then((r) => log('after:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
