// a for-of head: its let/const is in its TDZ while the iterable runs; a var is the function's; an awaited iterable
// expect: ["tdz ReferenceError","tdz2 ReferenceError","outer!","a1","a2","t1","t2","t3","b1","t4","done"]
// why: ForIn/OfHeadEvaluation evaluates the iterable in a new environment holding the loop's let or
// why: const names uninitialized, so `x` and `y` there are ReferenceErrors even when an outer `x` exists.
// why: A var binding is the hoisted one, so the iterable still reads 'outer'.
// why: Ticks: T1 = jobs queued by the task. f() awaits a native promise (R1, T1); t1 is queued after it.
// why: T1: R1 iterates [1, 2] (a1 a2), then awaits an array (R2, T2); t1 queues t2.
// why: T2: R2 starts for await over the array: an async-from-sync iterator whose next() resolves
// why: its promise through a then on the value promise (J1, T3), and the loop awaits that (pending); t2 queues t3.
// why: T3: J1 fulfils it: the loop resumes in T4; t3 queues t4. T4: b1; next() again (done): J2 (T5); t4.
// why: T5: J2 fulfils, the loop resumes in T6: 'done'.
// v8: same
const x = [1];
try {
  for (const x of x) log(x);
} catch (e) {
  log('tdz ' + e.name);
}
try {
  for (let y of (() => y)()) log(y);
} catch (e) {
  log('tdz2 ' + e.name);
}
var v = 'outer';
for (var v of [v + '!']) log(v);
async function f() {
  for (const a of await Promise.resolve([1, 2])) log('a' + a);
  for await (const b of await [Promise.resolve('b1')]) log(b);
  log('done');
}
f();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
