// a named function expression binds its name around itself: recursion by that name, untouched by an outer binding of it
// expect: ["tick 0","sync outer","again 0","then function outer","again 1","tick 1","tick 2"]
// why: §15.2.5 InstantiateOrdinaryFunctionExpression (and the async one, §15.8.4): funcEnv, between the
// why: function and the surrounding scope, binds the name to the closure, so `step`, `again` and `later`
// why: inside the bodies are the functions, while the script's `var step` stays 'outer'.
// why: Script: 'tick 0' and a timer for step(1); again(0) awaits null: resume R1 (T1); then(later): J (T1, after R1);
// why: 'sync outer'. T1: R1 'again 0' calls again(1), which awaits: R2 (T2); J: typeof later is 'function'.
// why: T2: R2 'again 1'. Then the timers: 'tick 1' sets the next, 'tick 2'.
// v8: same
const tick = function step(n) {
  log('tick ' + n);
  if (n < 2) {
    setTimeout(() => step(n + 1), 0);
  }
};
var step = 'outer';
tick(0);
(async function again(i) {
  await null;
  log('again ' + i);
  if (i < 1) {
    again(i + 1);
  }
})(0);
Promise.resolve().then(function later() {
  log('then ' + typeof later + ' ' + step);
});
log('sync ' + step);
