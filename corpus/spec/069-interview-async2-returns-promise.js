// classic puzzle variant: async2 returns a promise, so async1 resumes 2 ticks later
// expect: ["script start","async1 start","async2","promise1","script end","promise2","promise3","async1 end","promise4","setTimeout"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: async2 returns Promise.resolve(): AsyncBlockStart calls resolve(p2, thatPromise) -> callable then ->
// why: NewPromiseResolveThenableJob TJ (T1); p2 is pending, so async1's await (p2 used as is) appends.
// why: The executor resolves at once; promise2 is queued (T1) after TJ.
// why: T1: TJ calls then on the fulfilled inner promise -> reaction R (T2); 'promise2' -> promise3 (T2).
// why: T2: R fulfils p2 -> async1's resume (T3); 'promise3' -> promise4 (T3).
// why: T3: 'async1 end', 'promise4'. Then the timer.
// v8: same
async function async1() {
  log('async1 start');
  await async2();
  log('async1 end');
}
async function async2() {
  log('async2');
  return Promise.resolve();
}
log('script start');
setTimeout(() => log('setTimeout'), 0);
async1();
new Promise((resolve) => {
  log('promise1');
  resolve();
}).then(() => log('promise2')).then(() => log('promise3')).then(() => log('promise4'));
log('script end');
