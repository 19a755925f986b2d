// yield of a plain value and yield of a fulfilled native promise both cost one await tick
// expect: ["t1","b:b:false","a:a:false","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: yield v is AsyncGeneratorYield(? Await(v)). itb.next(): Await(pb): PromiseResolve(%Promise%, pb) returns pb
// why: itself (native, constructor %Promise%), already fulfilled -> resume B queued at once (T1).
// why: ita.next(): Await('a') wraps 'a' in a fulfilled promise -> resume A (T1). Ticker t1 (T1).
// why: T1: B completes the step: Pb fulfilled -> handler (T2); A likewise (T2); t1 -> t2 (T2).
// why: T2: 'b:b:false', 'a:a:false', t2 (registration order of the next() calls wins). T3: t3.
// v8: same
async function* ga() {
  yield 'a';
}
async function* gb() {
  yield Promise.resolve('b');
}
const itb = gb();
const ita = ga();
itb.next().then((r) => log('b:' + r.value + ':' + r.done));
ita.next().then((r) => log('a:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
