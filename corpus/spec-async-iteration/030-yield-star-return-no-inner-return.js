// return() during yield* over an async iterator without a return method: yield* awaits the value once more, then returns
// expect: ["t1","r1:i:false","t2","outer finally","t3","r2:rv:true","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield* -> GetIterator(inner, async) calls inner[Symbol.asyncIterator]; next() returns a plain
// why: object {i, false}; yield* Await wraps it -> O1 (T1). return('rv'): enqueued. Ticker t1 (T1).
// why: T1: O1: not done -> AsyncGeneratorYield('i') (not awaited) completes request 1 -> H1 (T2); the head is the
// why: return: AsyncGeneratorUnwrapYieldResumption Await('rv') -> O2 (T2). t1.
// why: T2: 'r1:i:false'; O2: received is a return completion; GetMethod(iterator, "return") is undefined ->
// why: yield* does Await('rv') -> O3 (T3). t2.
// why: T3: O3: ReturnCompletion('rv'): 'outer finally'; CompleteStep({rv, true}) -> H2 (T4). t3.
// why: T4: 'r2:rv:true', t4.
// v8: same
// jsc: differs ["t1","t2","r1:i:false","t3","outer finally","t4","r2:rv:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step, so 'i' is yielded and the queued return() handled a tick late
// spidermonkey: differs ["t1","t2","r1:i:false","t3","outer finally","t4","r2:rv:true"] because predates a spec change: SpiderMonkey 102 (June 2022) implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield), whose AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step, so 'i' is yielded and the queued return() handled a tick late
// xs: differs ["t1","t2","r1:i:false","t3","outer finally","t4","r2:rv:true"] because older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so 'i' is yielded and the queued return() handled a tick late; the same trace as SpiderMonkey 102 and JSC 2.50 (no (R) here: the inner iterator has no return method)
const inner = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        return { value: 'i', done: false };
      }
    };
  }
};
async function* outer() {
  try {
    yield* inner;
  } finally {
    log('outer finally');
  }
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.return('rv').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
