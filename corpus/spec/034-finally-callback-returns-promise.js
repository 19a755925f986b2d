// finally whose callback returns a promise: pending result delays the chain; a fulfilled one costs the usual 3 ticks
// expect: ["finally cb","then cb","after then","after finally2 v","timer 0","finally timer","after finally v"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: F1, F2 (thenFinally reactions on fulfilled p) and TH are queued (T1); timer id 1 (due 0).
// why: T1: F1 logs 'finally cb', its callback returns pn (pending; executor registers timer id 2, due 5);
// why: PromiseResolve(C, pn) is pn itself (native); pn.then(valueThunk) appends; resolving pd1 with pt1
// why: queues TJ1 (T2). F2: result is a fulfilled native promise (used as is) -> .then(valueThunk) queues VT2
// why: (T2); pd2 resolved with pt2 -> TJ2 (T2). TH: 'then cb' -> AT (T2).
// why: T2: TJ1 appends to pending pt1; VT2 fulfils pt2 with 'v' (the value thunk ignores the callback's
// why: result); TJ2 -> R2 (T3); 'after then'. T3: R2 fulfils pd2 -> T4: 'after finally2 v'.
// why: Timer id 1: 'timer 0'. Timer id 2 at 5: 'finally timer', resolve -> VT1 -> pt1 -> R1 -> pd1 ->
// why: 'after finally v' within that timer's checkpoint.
// v8: same
const p = Promise.resolve('v');
p.finally(() => {
  log('finally cb');
  return new Promise((resolve) => setTimeout(() => {
    log('finally timer');
    resolve('ignored');
  }, 5));
}).then((v) => log('after finally ' + v));
p.finally(() => Promise.resolve('also ignored')).then((v) => log('after finally2 ' + v));
p.then(() => log('then cb')).then(() => log('after then'));
setTimeout(() => log('timer 0'), 0);
