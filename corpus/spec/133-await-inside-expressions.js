// await inside expressions: operands, arguments, conditions, compound assignment, ??, return (await a) + (await b)
// expect: ["f 1","f 2","sync","sum 3","f a","j1","f c","abc","j2","n 6","j3","else","j4","dflt","ret 3"]
// why: Ticks: T1 = jobs queued by the script, T(n+1) = jobs queued while T(n) runs; FIFO within a tick.
// why: §13.15.3 ApplyStringOrNumericBinaryOperator / §13.3.6 EvaluateCall: operands left to right, so 'f 1'
// why: runs before 'f 2', whose value is awaited (Await(2): resume R1, T1). The chain's j1 is T1 after R1; 'sync'.
// why: T1: R1 'sum 3'; 'f a', then Await(Promise.resolve('b')) (a native promise: one job, R2, T2); j1 (j2: T2).
// why: T2: R2 'f c', 'abc'; `n += await setN()` (§13.15.2): GetValue(n) = 1 BEFORE the right side runs, setN
// why: sets n to 10, Await(5) (R3, T3); j2. T3: n = 1 + 5: 'n 6'; `if (await false)` (R4, T4); j3.
// why: T4: 'else'; `await null ?? 'dflt'` is (await null) ?? 'dflt' (R5, T5); j4. T5: 'dflt'; two awaits (R6, R7)
// why: then main's promise fulfils with 3: its then job 'ret 3' (T8).
// v8: same
function f(x) {
  log('f ' + x);
  return x;
}
let n = 1;
function setN() {
  n = 10;
  return 5;
}
async function main() {
  log('sum ' + (f(1) + await f(2)));
  const v = f('a') + (await Promise.resolve('b')) + f('c');
  log(v);
  n += await setN();
  log('n ' + n);
  if (await false) {
    log('no');
  } else {
    log('else');
  }
  log(await null ?? 'dflt');
  return (await 1) + (await 2);
}
main().then((v) => log('ret ' + v));
Promise.resolve().then(() => log('j1')).then(() => log('j2')).then(() => log('j3')).then(() => log('j4'));
log('sync');
