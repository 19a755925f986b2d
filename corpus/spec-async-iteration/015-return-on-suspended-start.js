// return(v) on a suspended-start generator: AsyncGeneratorAwaitReturn, the body never runs; a next() queued behind it drains
// expect: ["t1","ret:rv:true","next:undefined:true","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: it.return('rv'): enqueue; state suspended-start -> draining-queue; AsyncGeneratorAwaitReturn:
// why: PromiseResolve(%Promise%, 'rv') is a fulfilled promise -> PerformPromiseThen queues the fulfilled closure AR (T1).
// why: it.next(): state draining-queue (not completed) -> AsyncGeneratorEnqueue only. Ticker t1 (T1).
// why: T1: AR: CompleteStep(normal 'rv', done true) -> return promise fulfilled -> handler (T2); then
// why: AsyncGeneratorDrainQueue: the next request is normal -> {undefined, true} -> handler (T2); completed. t1.
// why: T2: 'ret:rv:true', 'next:undefined:true', t2. T3: t3. The body (and its finally) never runs.
// v8: same
// xs: differs ["t1","ret:rv:true","t2","next:undefined:true","t3"] because XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262); return('rv') on the not-started generator is on time (as alone), and the next() queued behind it, drained when it completes, gives 'next:undefined:true' after t2 instead of right after 'ret:rv:true'
async function* g() {
  try {
    log('never runs');
    yield 'a';
  } finally {
    log('never finally');
  }
}
const it = g();
it.return('rv').then((r) => log('ret:' + r.value + ':' + r.done));
it.next().then((r) => log('next:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
