// yield* over a sync generator that yields a rejected promise: the async-from-sync wrapper closes the generator (closeOnRejection)
// expect: ["t1","t2","r1:ok:false","sync finally","t3","outer caught bad","t4","r2:undefined:true","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield* wraps s() (CreateAsyncFromSyncIterator); afs.next -> {ok, false} -> unwrap U1 (T1).
// why: next #2 enqueued. Ticker t1 (T1). T1: U1 -> C1 -> O1 (T2). t1.
// why: T2: O1 yields 'ok' -> H1 (T3); request 2 -> afs.next -> s yields pr (rejected): AsyncFromSyncIteratorContinuation
// why: with closeOnRejection true and done false: onRejected is closeIterator; PromiseResolve(pr) is pr ->
// why: PerformPromiseThen on rejected pr -> J (T3). t2.
// why: T3: 'r1:ok:false'; J: closeIterator: IteratorClose(s, throw 'bad') calls s.return(): 'sync finally';
// why: the throw completion wins -> C2 rejected -> O2 (T4). t3.
// why: T4: O2: yield*'s Await throws 'bad' (no close: the rejection came from next) -> 'outer caught bad';
// why: outer ends -> CompleteStep({undefined, true}) -> H2 (T5). t4. T5: 'r2:undefined:true', t5.
// node: differs ["t1","t2","r1:ok:false","t3","outer caught bad","t4","r2:undefined:true","t5"] because V8 11.3 predates ecma262 PR #2600 (AsyncFromSyncIteratorContinuation closeOnRejection, tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation): its onRejected is undefined, the rejection passes through and s.return() is never called, so 'sync finally' never runs
// jsc: differs ["t1","t2","t3","r1:ok:false","sync finally","t4","outer caught bad","t5","r2:undefined:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step ('ok' is yielded a tick late; closeOnRejection itself is implemented, 'sync finally' just runs a tick later)
// spidermonkey: differs ["t1","t2","t3","r1:ok:false","t4","outer caught bad","t5","r2:undefined:true"] because predates a spec change: two of them, ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield still does Await(value) on each value yield* delegates, so everything after 'ok' is a tick late) and PR #2600 (2025; #sec-asyncfromsynciteratorcontinuation closeOnRejection: SpiderMonkey 102's onRejected is undefined, so the rejection passes through, s.return() is never called and 'sync finally' never runs)
// xs: differs ["t1","t2","t3","r1:ok:false","t4","outer caught bad","t5","r2:undefined:true"] because two causes: older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so everything after 'ok' is a tick late; and older spec text (P): XS 13.3.0 predates ecma262 PR #2600 (2025; tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation closeOnRejection, and #sec-%asyncfromsynciteratorprototype%.throw): the async-from-sync wrapper's onRejected is undefined, so the rejection passes through, s.return() is never called and 'sync finally' never runs; the same trace as SpiderMonkey 102
function* s() {
  try {
    yield 'ok';
    yield Promise.reject('bad');
    log('never');
  } finally {
    log('sync finally');
  }
}
async function* outer() {
  try {
    yield* s();
  } catch (e) {
    log('outer caught ' + e);
  }
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.next().then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
