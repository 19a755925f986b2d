// timers scheduled from a timer and from its microtask are due at the current virtual time, after earlier ids
// expect: ["A at 10","A micro","B at 10","C at 10+0","D at 10+0 from micro","E at 15"]
// why: Script: A id 1 due 10, B id 2 due 10, E id 3 due 15.
// why: Timer A (now = 10): logs, registers C id 4 due 10+0, queues a reaction; the checkpoint after A runs
// why: it: 'A micro', registers D id 5 due 10. Remaining by (due, id): (10,2) B, (10,4) C, (10,5) D, (15,3) E.
// v8: same
setTimeout(() => {
  log('A at 10');
  setTimeout(() => log('C at 10+0'), 0);
  Promise.resolve().then(() => {
    log('A micro');
    setTimeout(() => log('D at 10+0 from micro'), 0);
  });
}, 10);
setTimeout(() => log('B at 10'), 10);
setTimeout(() => log('E at 15'), 15);
