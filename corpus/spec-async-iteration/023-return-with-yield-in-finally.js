// a yield inside finally during return(): the return() promise gets {f, done:false}; the next request finishes the return
// expect: ["t1","r1:a:false","finally","t2","after f","t3","r2:f:false","r3:rv:true","r4:undefined:true","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield 'a' -> A (T1). return('rv'), next #3, next #4: enqueued. Ticker t1 (T1).
// why: T1: A completes request 1 (-> T2); head is the return: Await('rv') -> B (T2). t1.
// why: T2: 'r1:a:false'; B: return completion -> finally: 'finally'; yield 'f' -> Await -> C (T3). t2.
// why: T3: C: AsyncGeneratorYield completes the head, the return request, with {f, done:false} (-> T4);
// why: queue not empty: request 3's normal completion resumes the yield: 'after f'; the finally ends and the
// why: pending return completion ('rv') ends the body: CompleteStep(request 3, {rv, true}) -> T4;
// why: drain: request 4 -> {undefined, true} -> T4. t3.
// why: T4: 'r2:f:false', 'r3:rv:true', 'r4:undefined:true', t4. T5: t5.
// v8: same
// xs: differs ["t1","r1:a:false","finally","t2","after f","t3","r2:f:false","r3:rv:true","t4","r4:undefined:true","t5"] because XS bug (C): XS completes a next(v) that reaches an already completed async generator (a queued request drained after completion, or a later call) as if it were return(v): it awaits v (one job; a promise is unwrapped, a rejected one rejects the request) and fulfils {value: v, done: true}, where AsyncGeneratorDrainQueue/AsyncGeneratorEnqueue fulfil {value: undefined, done: true} at once (probe: on `async function*(){}` after its first next() settles, `it.next(Promise.resolve('p'))` beside the chain gives 'b:p:true' after 2 on XS, 'b:undefined:true' after 1 on the spec/V8/engine262); the return('rv') through the finally's yield 'f' is on time (r2, r3 as the spec), and the fourth request, drained when the return completes the generator, gives 'r4:undefined:true' after t4 instead of right after 'r3:rv:true'
async function* g() {
  try {
    yield 'a';
  } finally {
    log('finally');
    yield 'f';
    log('after f');
  }
}
const it = g();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return('rv').then((r) => log('r2:' + r.value + ':' + r.done));
it.next().then((r) => log('r3:' + r.value + ':' + r.done));
it.next().then((r) => log('r4:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
