// yield inside expressions, in a generator and in an async generator with queued next() and return()
// expect: ["x","y","got AB","end","ag rS","j1","n1 p","j2","n2 q","j3","n3 R true","j4"]
// why: Sync generator: next() runs to `yield 'x'`; next('A') makes that yield 'A' and runs to `yield 'y'`;
// why: next('B') evaluates 'got ' + 'A' + 'B' (left to right, each yield resumed in turn) and returns 'end'.
// why: Async generator: a.next() starts ag; `'r' + (yield 'p')` is AsyncGeneratorYield(? Await('p')): job A1 (T1);
// why: next('S') and return('R') queue behind it (§27.6.3.3 AsyncGeneratorEnqueue); j1 is T1 after A1.
// why: T1: A1 completes request 1 (n1's reaction, T2) and, a request waiting, resumes with 'S' at once:
// why: 'ag rS'; then yield awaits Promise.resolve('q') (A2, T2); j1. T2: 'n1 p'; A2 completes request 2 (n2, T3),
// why: then the waiting return('R') resumes the yield with a return completion, which awaits 'R' first
// why: (AsyncGeneratorUnwrapYieldResumption: A3, T3); j2. T3: 'n2 q'; A3 completes ag: {R, done} (n3, T4); j3.
// why: T4: 'n3 R true', 'j4'.
// v8: same
function* g() {
  log('got ' + (yield 'x') + (yield 'y'));
  return 'end';
}
const it = g();
log(it.next().value);
log(it.next('A').value);
log(it.next('B').value);
async function* ag() {
  const r = 'r' + (yield 'p');
  log('ag ' + r);
  log('ag2 ' + (yield Promise.resolve('q')));
}
const a = ag();
a.next().then((x) => log('n1 ' + x.value));
a.next('S').then((x) => log('n2 ' + x.value));
a.return('R').then((x) => log('n3 ' + x.value + ' ' + x.done));
Promise.resolve().then(() => log('j1')).then(() => log('j2')).then(() => log('j3')).then(() => log('j4'));
