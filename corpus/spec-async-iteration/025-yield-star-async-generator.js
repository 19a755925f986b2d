// yield* over an async generator: each inner value reaches the outer caller one tick after the inner step (no extra await)
// expect: ["outer start","t1","t2","r1:a:false","t3","t4","r2:b:false","outer end","t5","r3:undefined:true","t6","t7"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: 'outer start'; yield*: GetIterator(inner(), async) (its %Symbol.asyncIterator% returns itself);
// why: Call(next, inner, undefined) runs inner to yield 'a' -> Await -> IA (T1), returns pending Q1; yield* does
// why: Await(Q1): Q1 is native, used as is, reaction appended. next #2, #3: enqueued on outer. Ticker t1 (T1).
// why: T1: IA completes inner's step: Q1 fulfilled -> outer resume O1 (T2). t1.
// why: T2: O1: done false -> AsyncGeneratorYield(IteratorValue) with no Await (ecma262 PR #2819): request 1
// why: fulfilled -> H1 (T3); queue not empty -> received = normal -> inner.next() -> yield 'b' -> IB (T3). t2.
// why: T3: 'r1:a:false'; IB -> Q2 -> O2 (T4). t3. T4: O2 yields 'b' -> H2 (T5); request 3 -> inner.next():
// why: inner's body ends, Q3 fulfilled at once -> O3 (T5). t4.
// why: T5: 'r2:b:false'; O3: done -> yield* returns; 'outer end'; CompleteStep({undefined, true}) -> H3 (T6). t5.
// why: T6: 'r3:undefined:true', t6. T7: t7.
// v8: same
// jsc: differs ["outer start","t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","outer end","t7","r3:undefined:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step, so each r<n> arrives a tick late
// spidermonkey: differs ["outer start","t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","outer end","t7","r3:undefined:true"] because predates a spec change: SpiderMonkey 102 (June 2022) implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield), whose AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step, so each r<n> arrives a tick late
// xs: differs ["outer start","t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","outer end","t7","r3:undefined:true"] because older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so each r<n> arrives a tick late; the same trace as SpiderMonkey 102 and JSC 2.50
async function* inner() {
  yield 'a';
  yield 'b';
}
async function* outer() {
  log('outer start');
  yield* inner();
  log('outer end');
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
it.next().then((r) => log('r3:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7'));
