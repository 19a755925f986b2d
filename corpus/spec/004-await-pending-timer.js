// await of a pending native promise resolved by a timer: reactions run in registration order
// expect: ["f1","end","timer","f2 late","p then"]
// why: The executor runs synchronously and registers timer 1 (due 10). f awaits p: PromiseResolve returns p
// why: (constructor is %Promise%); p is pending, so PerformPromiseThen appends the await reaction to
// why: [[PromiseFulfillReactions]]. p.then(...) appends a second reaction after it.
// why: At virtual time 10 the timer task logs 'timer' and calls resolve('late') -> FulfillPromise ->
// why: TriggerPromiseReactions enqueues both reaction jobs in list order; the checkpoint after the timer
// why: runs them: first the resumed f ('f2 late'), then 'p then'.
// v8: same
const p = new Promise((resolve) => setTimeout(() => {
  log('timer');
  resolve('late');
}, 10));
async function f() {
  log('f1');
  const v = await p;
  log('f2 ' + v);
}
f();
p.then(() => log('p then'));
log('end');
