// next, return(promise), next queued at once: the return resumes the yield, awaits its value, then the queue drains
// expect: ["body","t1","r1:a:false","t2","r2:rp:true","r3:undefined:true","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'body'; yield 'a' -> Await -> Y (T1). return(rp) and next #3: state executing -> enqueued.
// why: Ticker t1 (T1).
// why: T1: Y completes request 1 (-> T2); the queue head is a return completion:
// why: AsyncGeneratorUnwrapYieldResumption does Await(rp) (fulfilled native, used as is) -> B (T2). t1.
// why: T2: 'r1:a:false'; B: ReturnCompletion('rp') leaves the body; CompleteStep(request 2, {rp, true}) -> T3;
// why: AsyncGeneratorDrainQueue: request 3 normal -> {undefined, true} -> T3. t2.
// why: T3: 'r2:rp:true', 'r3:undefined:true', t3.
// v8: same
// xs: differs ["body","t1","r1:a:false","t2","r2:rp:true","t3","r3:undefined:true"] because XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262); the return(promise) itself is on time, and the next() queued behind it, drained when the return completes the generator, gives 'r3:undefined:true' after t3 instead of right after 'r2:rp:true'
async function* g() {
  log('body');
  yield 'a';
  log('never');
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return(Promise.resolve('rp')).then((r) => log('r2:' + r.value + ':' + r.done));
it.next().then((r) => log('r3:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
