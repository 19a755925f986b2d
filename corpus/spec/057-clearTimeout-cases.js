// clearTimeout before it fires, from another timer, from a microtask, of an unknown id, and after it ran
// expect: ["sync","canceller at 15","c runs at 30","late clear at 40"]
// why: id 1 (a) is cleared at once. id 2 (b, due 20) is cleared by id 3 at 15, before it is due.
// why: clearTimeout(999): unknown id, ignored. id 4 (c, due 30) runs; id 5 clears it at 40 after it ran:
// why: ignored. id 6 (d, due 0) is cleared by a promise job in the checkpoint after the script, before
// why: any timer runs. Remaining order: 15 canceller, 30 c, 40 late clear.
// v8: same
const a = setTimeout(() => log('a never'), 10);
clearTimeout(a);
const b = setTimeout(() => log('b never'), 20);
setTimeout(() => {
  log('canceller at 15');
  clearTimeout(b);
}, 15);
clearTimeout(999);
const c = setTimeout(() => log('c runs at 30'), 30);
setTimeout(() => {
  log('late clear at 40');
  clearTimeout(c);
}, 40);
const d = setTimeout(() => log('d never'), 0);
Promise.resolve().then(() => clearTimeout(d));
log('sync');
