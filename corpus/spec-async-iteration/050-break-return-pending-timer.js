// break with a hand-written return() that returns a pending promise: the loop exit waits for it
// expect: ["sync end","v a","return called","timer 1","return settles","after loop"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next returns {a, false} (plain) -> Await wraps -> M1 (T1). Timer id 1 (due 1). 'sync end'.
// why: T1: M1: 'v a'; break -> AsyncIteratorClose: return(): 'return called', timer id 2 (due 5);
// why: Await(pending native promise) appends.
// why: Timer id 1: 'timer 1'. Timer id 2: 'return settles', resolve({undefined, true}) -> M2 (T1):
// why: the result is an object -> 'after loop'.
// v8: same
function* src() {
  yield 'a';
  yield 'b';
}
const s = src();
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        return s.next();
      },
      return() {
        log('return called');
        return new Promise((resolve) => setTimeout(() => {
          log('return settles');
          resolve({ value: undefined, done: true });
        }, 5));
      }
    };
  }
};
async function main() {
  for await (const v of iter) {
    log('v ' + v);
    break;
  }
  log('after loop');
}
main();
setTimeout(() => log('timer 1'), 1);
log('sync end');
