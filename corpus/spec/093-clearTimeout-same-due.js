// a timer can cancel another timer due at the same virtual time
// expect: ["A clears B","C"]
// why: ids: A 1, B 2, C 3, all due 10. A runs first ((10,1)) and clears id 2 before it is taken from the
// why: timer list; the loop then takes (10,3). The const b is initialised by the time A runs.
// v8: same
setTimeout(() => {
  log('A clears B');
  clearTimeout(b);
}, 10);
const b = setTimeout(() => log('B never'), 10);
setTimeout(() => log('C'), 10);
