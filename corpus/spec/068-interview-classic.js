// classic puzzle: async1/async2/promise1/setTimeout
// expect: ["script start","async1 start","async2","promise1","script end","async1 end","promise2","setTimeout"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: 'script start'; timer id 1; async1 runs 'async1 start', calls async2 ('async2'), which
// why: returns an already fulfilled native promise; await uses it as is and queues the resume at once
// why: (T1). The executor logs 'promise1' and resolves; .then on the fulfilled promise queues promise2
// why: (T1), after async1's resume. 'script end'.
// why: T1: 'async1 end', 'promise2'. Then the timer: 'setTimeout'. (Before ES2019's await change this
// why: was 3 ticks and promise2 came first.)
// v8: same
async function async1() {
  log('async1 start');
  await async2();
  log('async1 end');
}
async function async2() {
  log('async2');
}
log('script start');
setTimeout(() => log('setTimeout'), 0);
async1();
new Promise((resolve) => {
  log('promise1');
  resolve();
}).then(() => log('promise2'));
log('script end');
