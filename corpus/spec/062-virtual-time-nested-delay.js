// virtual time: a 5 ms timer set at time 10 is due at 15, after a 15 ms timer with a smaller id
// expect: ["at 10","at 15","at 10+5","at 16"]
// why: Script: id 1 due 10, id 2 due 15, id 3 due 16. Timer id 1 runs with now = 10 and registers id 4
// why: due 10 + 5 = 15. The loop takes (15,2) before (15,4), then (16,3).
// v8: same
setTimeout(() => {
  log('at 10');
  setTimeout(() => log('at 10+5'), 5);
}, 10);
setTimeout(() => log('at 15'), 15);
setTimeout(() => log('at 16'), 16);
