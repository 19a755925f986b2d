// a hand-written async iterator whose next returns promises fulfilled by timers: each step waits for its timer
// expect: ["next x","v x","next y","timer 3","v y","next undefined","done"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next: 'next x'; returns a pending promise; timer id 1 (due 2) will resolve it with {x, false}. The
// why: loop's Await appends. Timer id 2 (due 3).
// why: Timer id 1 (2): resolve (a plain object, no then) -> loop resume (T1): 'v x'; next: 'next y', timer
// why: id 3 (due 4). Timer id 2 (3): 'timer 3'. Timer id 3 (4): 'v y'; next: 'next undefined', timer id 4
// why: (due 6). Timer id 4 (6): done -> 'done'.
// v8: same
function* src() {
  yield 'x';
  yield 'y';
}
const s = src();
const iter = {
  [Symbol.asyncIterator]() {
    return {
      next() {
        const r = s.next();
        log('next ' + r.value);
        return new Promise((resolve) => setTimeout(resolve, 2, r));
      }
    };
  }
};
async function main() {
  for await (const v of iter) {
    log('v ' + v);
  }
  log('done');
}
main();
setTimeout(() => log('timer 3'), 3);
