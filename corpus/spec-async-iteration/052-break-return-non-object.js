// break where return() gives a non-object: AsyncIteratorClose awaits it, then throws a TypeError
// expect: ["v a","return called","t1","caught","main end","t2","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next returns {a, false} -> Await -> M1 (T1). Ticker t1 (T1).
// why: T1: M1: 'v a'; break -> AsyncIteratorClose: return(): 'return called' -> 'junk'; Await('junk') wraps it
// why: -> M2 (T2). t1 -> t2.
// why: T2: M2: the completion is a break (not a throw), innerResult is normal but not an Object -> TypeError:
// why: 'caught', 'main end'; t2. T3: t3.
// v8: same
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        return { value: 'a', done: false };
      },
      return() {
        log('return called');
        return 'junk';
      }
    };
  }
};
async function main() {
  try {
    for await (const v of iter) {
      log('v ' + v);
      break;
    }
    log('not reached');
  } catch (e) {
    log('caught');
  }
  log('main end');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
