// yield of a rejected promise throws inside the generator; uncaught, it rejects next() and completes the generator
// expect: ["g1","t1","err boom","r2:undefined:true","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'g1'; Await(rejected native promise): used as is, reject reaction queued at once: A (T1).
// why: next #2: state executing -> enqueued. Ticker t1 (T1).
// why: T1: A resumes the generator with a throw completion; nothing catches it, so the body ends:
// why: AsyncGeneratorStart sets draining-queue, AsyncGeneratorCompleteStep(throw) rejects P1 -> onRejected (T2);
// why: AsyncGeneratorDrainQueue: request #2 is normal -> CompleteStep(undefined, done true) -> handler (T2);
// why: state completed. t1 -> t2 (T2). T2: 'err boom', 'r2:undefined:true', t2. T3: t3.
// v8: same
// xs: differs ["g1","t1","t2","err boom","t3","r2:undefined:true"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS); the yield's Await of the rejected promise throws 'boom' into the body, which completes abruptly, so 'err boom' comes after t2 instead of after t1; and XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262), so the second next(), drained after that, gives 'r2:undefined:true' after t3 instead of right after 'err boom'
async function* g() {
  log('g1');
  yield Promise.reject('boom');
  log('never');
}
const it = g();
it.next().then((r) => log('r1:' + r.value), (e) => log('err ' + e));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
