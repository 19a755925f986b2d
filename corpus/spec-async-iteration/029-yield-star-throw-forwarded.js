// throw() on an outer generator suspended in yield* is forwarded at once to inner.throw(), which catches and yields
// expect: ["t1","inner caught x","t2","r1:a:false","t3","t4","r2:b:false","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield* -> inner yields 'a' -> IA (T1). throw('x'): enqueued. Ticker t1 (T1).
// why: T1: IA -> Q1 -> O1 (T2). t1.
// why: T2: O1 completes request 1 -> H1 (T3); the head is the throw: AsyncGeneratorUnwrapYieldResumption returns
// why: it as is (only returns are awaited); yield*: GetMethod(inner, "throw") -> inner.throw('x'): inner resumes
// why: synchronously: 'inner caught x'; yield 'b' -> Await -> IB (T3); outer awaits Q2. t2.
// why: T3: 'r1:a:false'; IB -> Q2 {b, false} -> O2 (T4). t3. T4: O2 yields 'b' -> H2 (T5). t4.
// why: T5: 'r2:b:false', t5.
// v8: same
// jsc: differs ["t1","t2","inner caught x","t3","r1:a:false","t4","t5","r2:b:false"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step, so 'a' is yielded and the queued throw() forwarded to inner.throw() a tick late
// spidermonkey: differs ["t1","t2","inner caught x","t3","r1:a:false","t4","t5","r2:b:false"] because predates a spec change: SpiderMonkey 102 (June 2022) implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield), whose AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step, so 'a' is yielded and the queued throw() forwarded to inner.throw() a tick late
// xs: differs ["t1","t2","inner caught x","t3","r1:a:false","t4","t5","r2:b:false"] because older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so 'a' is yielded and the queued throw() forwarded to inner.throw() a tick late; the same trace as SpiderMonkey 102 and JSC 2.50
async function* inner() {
  try {
    yield 'a';
  } catch (e) {
    log('inner caught ' + e);
    yield 'b';
  }
}
async function* outer() {
  yield* inner();
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.throw('x').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
