// yield* over an array goes through CreateAsyncFromSyncIterator: one unwrap tick plus yield*'s await per step
// expect: ["t1","t2","r1:a:false","t3","t4","r2:b:false","t5","outer end","t6","r3:undefined:true","t7"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: GetIterator(array, async): no %Symbol.asyncIterator% -> the array iterator wrapped by CreateAsyncFromSyncIterator.
// why: %AsyncFromSyncIteratorPrototype%.next -> {a, false} -> AsyncFromSyncIteratorContinuation:
// why: PromiseResolve(%Promise%, 'a') is fulfilled -> PerformPromiseThen(unwrap) -> U1 (T1); yield* awaits the
// why: pending capability C1. next #2, #3 enqueued. Ticker t1 (T1).
// why: T1: U1: unwrap -> {a, false} fulfils C1 -> O1 (T2). t1. T2: O1: AsyncGeneratorYield('a') -> H1 (T3);
// why: request 2 -> afs.next -> element pb (fulfilled native, used as is) -> U2 (T3). t2.
// why: T3: 'r1:a:false'; U2 -> C2 -> O2 (T4). t3. T4: O2 yields 'b' -> H2 (T5); request 3 -> afs.next -> done:
// why: PromiseResolve(undefined) -> U3 (T5). t4. T5: 'r2:b:false'; U3 -> C3 {undefined, true} -> O3 (T6). t5.
// why: T6: O3: done: 'outer end' -> CompleteStep -> H3 (T7). t6. T7: 'r3:undefined:true', t7.
// v8: same
// jsc: differs ["t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","t7","outer end","r3:undefined:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step (after the async-from-sync unwrap), so each r<n> arrives a tick late
// spidermonkey: differs ["t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","t7","outer end","r3:undefined:true"] because predates a spec change: SpiderMonkey 102 (June 2022) implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield), whose AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (after the async-from-sync unwrap), so each r<n> arrives a tick late
// xs: differs ["t1","t2","t3","r1:a:false","t4","t5","t6","r2:b:false","t7","outer end","r3:undefined:true"] because older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), here after the async-from-sync unwrap, so each r<n> arrives a tick late; the same trace as SpiderMonkey 102 and JSC 2.50
async function* outer() {
  yield* ['a', Promise.resolve('b')];
  log('outer end');
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
it.next().then((r) => log('r3:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7'));
