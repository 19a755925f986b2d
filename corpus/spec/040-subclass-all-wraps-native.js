// P.all over a native promise: GetPromiseResolve(P) is Promise.resolve called with this = P, which wraps (+2 ticks)
// expect: ["t1","Promise.all done","t2","t3","P.all done","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: P.all: C = P, GetPromiseResolve(P) = Get(P, "resolve") = inherited Promise.resolve; Call(it, P, n) ->
// why: PromiseResolve(P, n): n's constructor is %Promise%, not P -> new P wrapper w, resolve(n) -> thenable
// why: job TJ (T1); w.then(onFulfilled, reject) appends. Promise.all: PromiseResolve(%Promise%, n) = n
// why: (fulfilled) -> element job E' (T1). Ticker t1 (T1). T1 order: TJ, E', t1.
// why: T1: TJ calls n.then -> R (T2); E' brings the count to 0 -> resolve the all promise -> H' (T2); t1.
// why: T2: R fulfils w -> element job E (T3); 'Promise.all done'; t2. T3: E -> count 0 -> resolve -> H (T4);
// why: t3. T4: 'P.all done', t4. T5: t5.
// v8: same
class P extends Promise {}
const n = Promise.resolve('n');
P.all([n]).then(() => log('P.all done'));
Promise.all([n]).then(() => log('Promise.all done'));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
