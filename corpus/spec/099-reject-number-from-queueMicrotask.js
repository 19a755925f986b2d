// await of a promise rejected (with a number) from a queueMicrotask callback; catch rethrows a number
// expect: ["t1","caught 7","t2","outer 42","t3"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: The executor queues Q (T1); f awaits the pending native promise (used as is; reaction appended);
// why: f().catch appends. Ticker t1 (T1), after Q.
// why: T1: Q calls reject(7) -> the await's reject reaction (T2); t1.
// why: T2: f resumes with a throw: 'caught 7'; throw 42 -> f's promise rejected -> catch (T3); t2.
// why: T3: 'outer 42', t3.
// v8: same
async function f() {
  try {
    const v = await new Promise((resolve, reject) => queueMicrotask(() => reject(7)));
    log('value ' + v);
  } catch (e) {
    log('caught ' + e);
    throw 42;
  }
}
f().catch((e) => log('outer ' + e));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
