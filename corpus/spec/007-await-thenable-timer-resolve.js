// await of a thenable whose then resolves later from a timer
// expect: ["end","then called","timer 0","timer fires","got tv"]
// why: await th enqueues NewPromiseResolveThenableJob (T1); the script then registers timer id 1 (due 0).
// why: T1 (checkpoint after the script): the job calls th.then: 'then called', registers timer id 2 due 0+5.
// why: Timers run by (due, id): id 1 at 0 ('timer 0'), then id 2 at 5: 'timer fires', resolve('tv') fulfils
// why: the Await wrapper and enqueues the resume job, which runs in the checkpoint after that timer: 'got tv'.
// v8: same
const th = {
  then(resolve) {
    log('then called');
    setTimeout(() => {
      log('timer fires');
      resolve('tv');
    }, 5);
  }
};
async function f() {
  const v = await th;
  log('got ' + v);
}
f();
setTimeout(() => log('timer 0'), 0);
log('end');
