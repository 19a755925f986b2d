// puzzle: numbered logs across the script, its checkpoint, and three timers
// expect: ["1","4","10","5","7","2","3","8","9","6"]
// why: Script: '1'; timer A id 1 (due 0); executor '4' resolves; its then H5 is queued (T1);
// why: queueMicrotask Q7 (T1); timer B id 2 (due 0); '10'.
// why: Checkpoint: H5 logs '5' and registers timer C id 3 (due 0); Q7 logs '7'.
// why: Timer A: '2', its reaction '3' in its checkpoint. Timer B: '8', queueMicrotask '9' in its
// why: checkpoint. Timer C: '6'.
// v8: same
log('1');
setTimeout(() => {
  log('2');
  Promise.resolve().then(() => log('3'));
}, 0);
new Promise((resolve) => {
  log('4');
  resolve();
}).then(() => {
  log('5');
  setTimeout(() => log('6'), 0);
});
queueMicrotask(() => log('7'));
setTimeout(() => {
  log('8');
  queueMicrotask(() => log('9'));
}, 0);
log('10');
