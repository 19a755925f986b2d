// return() on an outer generator suspended in yield*: awaited once by the outer, forwarded to inner.return(), awaited again
// expect: ["t1","t2","r1:a:false","t3","inner finally","t4","outer finally","t5","r2:rv:true","t6"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield* -> inner.next() -> yield 'a' -> IA (T1); outer awaits Q1. return('rv'): enqueued. t1 (T1).
// why: T1: IA -> Q1 fulfilled -> O1 (T2). t1. T2: O1: AsyncGeneratorYield('a') completes request 1 -> H1 (T3);
// why: the head is the return: AsyncGeneratorUnwrapYieldResumption Await('rv') -> O2 (T3). t2.
// why: T3: 'r1:a:false'; O2: received is a return completion: GetMethod(inner, "return") -> inner.return('rv'):
// why: inner is suspended-yield -> resumed with the return completion -> its own Await('rv') -> I2 (T4); yield*
// why: does Await(Q2) (pending). t3.
// why: T4: I2: 'inner finally'; inner completes: Q2 fulfilled {rv, true} -> O3 (T5). t4.
// why: T5: O3: done -> ReturnCompletion('rv') (no further await): 'outer finally'; outer completes ->
// why: CompleteStep(request 2, {rv, true}) -> H2 (T6). t5. T6: 'r2:rv:true', t6.
// v8: same
// jsc: differs ["t1","t2","t3","r1:a:false","t4","inner finally","t5","outer finally","t6","r2:rv:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step, so 'a' is yielded and the queued return() forwarded to inner a tick late
// spidermonkey: differs ["t1","t2","t3","r1:a:false","t4","inner finally","t5","outer finally","t6","r2:rv:true"] because predates a spec change: SpiderMonkey 102 (June 2022) implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield), whose AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step, so 'a' is yielded and the queued return() forwarded to inner a tick late
// xs: differs ["t1","t2","t3","r1:a:false","t4","inner finally","t5","t6","outer finally","r2:rv:true"] because two causes: older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so 'a' is yielded and the queued return() forwarded to inner a tick late (r1 and 'inner finally' as SpiderMonkey 102); and new XS bug (R): when the inner return() result that yield* forwards a return() to is done, XS awaits its value before returning, one job more than the spec, which returns IteratorValue(innerReturnResult) as is (probe: yield* over a hand-written async iterator whose return() gives {value: pv, done: true} with pv = Promise.resolve('x'), outer return('rv') once 'i' is yielded, beside the chain: spec/V8/engine262/SpiderMonkey 'outer finally' after 1 and r2.value === pv, XS 'outer finally' after 2 and r2.value 'x'), so 'outer finally' comes a further tick late (after t6; with a longer chain XS gives 'outer finally' after t6 and r2 after t7, the spec after t4 and t5)
async function* inner() {
  try {
    yield 'a';
  } finally {
    log('inner finally');
  }
}
async function* outer() {
  try {
    yield* inner();
  } finally {
    log('outer finally');
  }
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return('rv').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6'));
