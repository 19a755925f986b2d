// four next() calls made synchronously: AsyncGeneratorYield serves queued requests without suspending
// expect: ["start","got n2","t1","r1:a:false","got n3","t2","r2:b:false","t3","r3:end:true","r4:undefined:true","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next('n1') starts the body ('n1' is dropped: suspended-start): 'start'; yield 'a' -> Await -> Y1 (T1).
// why: next('n2'), next('n3'), next('n4'): state executing -> AsyncGeneratorEnqueue only. Ticker t1 (T1).
// why: T1: Y1: AsyncGeneratorYield('a') completes request 1 (-> handler, T2); the queue is not empty, so
// why: execution continues with request 2's completion: x = 'n2', 'got n2'; yield 'b' -> Y2 (T2). t1.
// why: T2: 'r1:a:false'; Y2 completes request 2 (-> T3) and continues with 'n3': 'got n3'; return 'end'
// why: -> Await -> Y3 (T3). t2.
// why: T3: 'r2:b:false'; Y3: the body is done: CompleteStep(request 3, {end, true}) -> T4; AsyncGeneratorDrainQueue:
// why: request 4 is normal -> {undefined, true} -> T4; completed. t3. T4: 'r3:end:true', 'r4:undefined:true', t4.
// v8: same
// xs: differs ["start","got n2","t1","r1:a:false","got n3","t2","r2:b:false","t3","r3:end:true","t4","r4:n4:true"] because XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262); the fourth next('n4'), drained when the body returns 'end', is thus fulfilled a job late with value 'n4' ('r4:n4:true' after t4 instead of 'r4:undefined:true' before it); the yields and the return are on time
async function* g() {
  log('start');
  const x = yield 'a';
  log('got ' + x);
  const y = yield 'b';
  log('got ' + y);
  return 'end';
}
const it = g();
it.next('n1').then((r) => log('r1:' + r.value + ':' + r.done));
it.next('n2').then((r) => log('r2:' + r.value + ':' + r.done));
it.next('n3').then((r) => log('r3:' + r.value + ':' + r.done));
it.next('n4').then((r) => log('r4:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
