// console.log: the classic interview program, written with console.log as articles write it
// expect: ["script start","async1 start","async2","promise1","script end","async1 end","promise2","setTimeout","args 1 true null undefined [object Object] a,b"]
// why: console.log(...args) logs args.map(String).join(' ') (the host model), so it orders exactly as log.
// why: Script: 'script start'; timer 1 (due 0); async1() logs 'async1 start', calls async2, which logs
// why: 'async2' and returns a fulfilled native promise; Await(promise) is PerformPromiseThen on it
// why: directly (no extra tick): the resume job is queued now (T1). The executor logs 'promise1' and
// why: fulfils; .then on a fulfilled promise queues 'promise2' (T1, after the resume). 'script end'.
// why: T1: 'async1 end', 'promise2'. Timer 1: 'setTimeout', then the multi-argument line, each
// why: argument through String: 1, true, null, undefined, ({}) -> [object Object], ['a','b'] -> a,b.
// v8: same
async function async1() {
  console.log('async1 start');
  await async2();
  console.log('async1 end');
}
async function async2() {
  console.log('async2');
}
console.log('script start');
setTimeout(function () {
  console.log('setTimeout');
  console.log('args', 1, true, null, undefined, {}, ['a', 'b']);
}, 0);
async1();
new Promise(function (resolve) {
  console.log('promise1');
  resolve();
}).then(function () {
  console.log('promise2');
});
console.log('script end');
