// for (let ...) gives each iteration its own i; var shares one j; while and do-while loops around awaits, with continue
// expect: ["sync","then 0","then 2","while 1","while 2","do 0","let 0","let 2","var 2","var 2"]
// why: §14.7.4.2 ForLoopEvaluation: `let i` gets a binding per iteration (CreatePerIterationEnvironment
// why: copies it before each update), so the closures of iterations 0 and 2 see 0 and 2; `continue` at
// why: i === 1 still runs the update (§14.7.4.3 ForBodyEvaluation: LoopContinues, then the next copy, the
// why: increment). `var j` is one function-level binding, 2 when the timers run.
// why: Script: timers 'let 0', 'let 2', 'var 2', 'var 2' (all due at 0, in order); then-jobs J0, J2 (T1);
// why: f: n = 1, await null queues its resume R1 (T1, after J0, J2); 'sync'.
// why: T1: 'then 0', 'then 2', R1: 'while 1', test 1 < 2, n = 2, await: R2 (T2). T2: 'while 2', test fails.
// why: do-while runs its body before the first test: n = 1, continue goes to the test (1 > 0), body: n = 0,
// why: await: R3 (T3). T3: 'do 0', test 0 > 0 fails, f returns. Then the four timers in order.
// v8: same
for (let i = 0; i < 3; i++) {
  if (i === 1) continue;
  setTimeout(() => log('let ' + i), 0);
  Promise.resolve().then(() => log('then ' + i));
}
for (var j = 0; j < 2; j++) {
  setTimeout(() => log('var ' + j), 0);
}
async function f() {
  let n = 0;
  while (n < 2) {
    n++;
    await null;
    log('while ' + n);
  }
  do {
    n--;
    if (n === 1) continue;
    await null;
    log('do ' + n);
  } while (n > 0);
}
f();
log('sync');
