// puzzle: a then chain started before an async call, and another after it
// expect: ["script start","a1 start","a2","executor","script end","p1","a1 end","p3","p2","p4","timeout"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: timer id 1; p1 queued (T1); a1 -> 'a1 start' -> a2 logs 'a2' and returns a fulfilled native
// why: promise; await uses it as is -> a1's resume (T1); executor logs and resolves; p3 queued (T1).
// why: T1: p1 (-> p2, T2), 'a1 end', p3 (-> p4, T2). T2: p2, p4. Then the timer.
// v8: same
async function a1() {
  log('a1 start');
  await a2();
  log('a1 end');
}
async function a2() {
  log('a2');
}
log('script start');
setTimeout(() => log('timeout'), 0);
Promise.resolve().then(() => log('p1')).then(() => log('p2'));
a1();
new Promise((resolve) => {
  log('executor');
  resolve();
}).then(() => log('p3')).then(() => log('p4'));
log('script end');
