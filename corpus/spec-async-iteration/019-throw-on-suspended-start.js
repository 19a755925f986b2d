// throw(e) on a suspended-start generator rejects at once and completes it; the body never runs
// expect: ["rejected err1","next:undefined:true","t1","t2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: %AsyncGeneratorPrototype%.throw: state suspended-start -> completed; the capability is rejected at once
// why: (no enqueue); .then on the rejected promise queues onRejected (T1).
// why: next(): state completed -> resolved at once with {undefined, true}; .then queues its handler (T1).
// why: Ticker t1 (T1). T1: 'rejected err1', 'next:undefined:true', t1. T2: t2.
// v8: same
// xs: differs ["t1","rejected err1","t2","next:undefined:true"] because XS bug (A): XS rejects an async generator request whose generator completes abruptly one job late (probe: `(async function*(){})().throw().catch(()=>log('t'))` beside a then() chain gives t 1 2 3 on the spec/V8/engine262, 1 t 2 3 on XS), so 'rejected err1' (throw('err1') on the not-started generator completes it abruptly) comes after t1 instead of before it; and XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262), so the queued next(), drained after that, gives 'next:undefined:true' after t2 instead of before t1
async function* g() {
  try {
    log('never');
    yield 'a';
  } catch (e) {
    log('never caught');
  }
}
const it = g();
it.throw('err1').then((r) => log('unexpected'), (e) => log('rejected ' + e));
it.next().then((r) => log('next:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2'));
