// which iteration environment the closures of a for (let ...) init, update and body capture
// expect: ["init 0","body 0","update 1","body 1","update 2"]
// why: §14.7.4.2 ForLoopEvaluation: the init runs in loopEnv (the init's closure keeps loopEnv, where i stays 0),
// why: then CreatePerIterationEnvironment copies i into E1 (i = 0) before the first test.
// why: §14.7.4.3 ForBodyEvaluation: test 0 < 2, body's closure captures E1 (0); then a fresh copy E2 (i = 0)
// why: BEFORE the increment, so the update's closure captures E2, and the assignment makes E2's i 1;
// why: test 1 < 2; body's closure captures E2 (1); copy E3 (1), update's closure captures E3, i = 2; test fails.
// why: The five timers (all due at 0) run in registration order: init 0, body 0, update 1, body 1, update 2.
// v8: same
function later(f, v) {
  setTimeout(f, 0);
  return v;
}
for (let i = later(() => log('init ' + i), 0); i < 2; i = later(() => log('update ' + i), i + 1)) {
  setTimeout(() => log('body ' + i), 0);
}
