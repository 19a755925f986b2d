// throw() into yield* over a sync iterator that has return but no throw: the async-from-sync wrapper closes it, then rejects
// expect: ["next a","t1","return called","t2","r1:a:false","outer caught","t3","r2:undefined:true","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next #1: yield* wraps the sync iterator (CreateAsyncFromSyncIterator); afs.next -> 'next a' -> {a, false}
// why: -> unwrap U1 (T1). throw('x'): enqueued. Ticker t1 (T1). T1: U1 -> C1 -> O1 (T2). t1.
// why: T2: O1 yields 'a' -> H1 (T3); the head is the throw completion: yield*: GetMethod(afs, "throw") is
// why: %AsyncFromSyncIteratorPrototype%.throw; the sync iterator has no throw, so it performs
// why: IteratorClose(syncIteratorRecord, normal): 'return called'; then rejects its capability with a TypeError.
// why: yield*'s Await(rejected native) -> O2 (T3). t2.
// why: T3: 'r1:a:false'; O2 throws the TypeError: 'outer caught'; outer ends -> H2 (T4). t3.
// why: T4: 'r2:undefined:true', t4.
// node: differs ["next a","t1","t2","r1:a:false","outer caught","t3","r2:undefined:true","t4"] because V8 11.3 predates ecma262 PR #2600 (%AsyncFromSyncIteratorPrototype%.throw, tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%.throw): with the sync throw method missing it rejects with the thrown value at once and never closes the sync iterator, so return() is not called
// jsc: differs ["next a","t1","t2","return called","t3","r1:a:false","outer caught","t4","r2:undefined:true"] because engine bug: ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield, yield* in #sec-generator-function-definitions-runtime-semantics-evaluation) removed the Await from AsyncGeneratorYield so yield* yields each inner value without awaiting it, but JSC 2.50 still implements the older text and awaits every delegated value, one extra tick per step ('a' is yielded and the queued throw() reaches the wrapper a tick late; the PR #2600 close is implemented, 'return called' just comes a tick later)
// spidermonkey: differs ["next a","t1","t2","t3","r1:a:false","outer caught","t4","r2:undefined:true"] because predates a spec change: two of them, ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield still does Await(value) on each value yield* delegates, so everything after 'next a' is a tick late) and PR #2600 (2025; tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%.throw: SpiderMonkey 102 rejects with the thrown value at once when the sync iterator has no throw and never closes it, so return() is not called)
// xs: differs ["next a","t1","t2","t3","r1:a:false","outer caught","t4","r2:undefined:true"] because two causes: older spec text (P): XS 13.3.0 predates ecma262 PR #2600 (2025; tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation closeOnRejection, and #sec-%asyncfromsynciteratorprototype%.throw): its %AsyncFromSyncIteratorPrototype%.throw on a sync iterator without throw rejects with the thrown value itself and does not close the iterator (PR #2600 closes it and rejects with a TypeError), so 'return called' never appears (probe: the same program logging the caught value gives 'x' on XS and SpiderMonkey 102, TypeError after 'return called' on V8/engine262); and older spec text (Y): XS 13.3.0 still implements the text before ecma262 PR #2819 (2022; tc39.es/ecma262/#sec-asyncgeneratoryield): AsyncGeneratorYield still does Await(value) on every value yield* delegates, one extra tick per step (probe: outer `yield* inner()` over `async function*(){ yield 'a' }`, one next() beside the chain: spec/V8/engine262 1 2 n 3, XS 1 2 3 n), so 'a' is yielded a tick late and r1, 'outer caught' and r2 each come a tick later
function* src() {
  yield 'a';
  yield 'b';
}
const s = src();
const iterable = {
  [Symbol.iterator]() {
    return {
      next() {
        const r = s.next();
        log('next ' + r.value);
        return r;
      },
      return() {
        log('return called');
        return { value: undefined, done: true };
      }
    };
  }
};
async function* outer() {
  try {
    yield* iterable;
  } catch (e) {
    log('outer caught');
  }
}
const it = outer();
it.next().then((r) => log('r1:' + r.value + ':' + r.done));
it.throw('x').then((r) => log('r2:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
