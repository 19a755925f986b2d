// setTimeout passes its extra arguments to the callback
// expect: ["n 42","fn fe","first x","second 7"]
// why: setTimeout(cb, ms, ...args) calls cb(...args) when the timer runs.
// why: id 1 due 5 gets ('x', 7); id 2 due 1 gets 42; id 3 due 1 gets 'fe' (a function expression).
// why: Order by (due, id): (1,2), (1,3), (5,1).
// v8: same
setTimeout((a, b) => {
  log('first ' + a);
  log('second ' + b);
}, 5, 'x', 7);
setTimeout((n) => log('n ' + n), 1, 42);
setTimeout(function (s) {
  log('fn ' + s);
}, 1, 'fe');
