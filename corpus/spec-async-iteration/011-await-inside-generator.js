// await inside an async generator: each await and the yield's own await cost one tick
// expect: ["g1","g2","t1","g3 pv","t2","t3","r:y:false","t4","t5"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: next(): 'g1'; await null -> resume A1 (T1). Ticker t1 (T1).
// why: T1: A1: 'g2'; await of a fulfilled native promise (used as is) -> A2 (T2); t1 -> t2.
// why: T2: A2: 'g3 pv'; yield 'y' -> Await('y') -> A3 (T3); t2 -> t3.
// why: T3: A3: AsyncGeneratorYield completes the request -> handler (T4); t3 -> t4.
// why: T4: 'r:y:false', t4. T5: t5.
// v8: same
async function* g() {
  log('g1');
  await null;
  log('g2');
  const v = await Promise.resolve('pv');
  log('g3 ' + v);
  yield 'y';
}
const it = g();
it.next().then((r) => log('r:' + r.value + ':' + r.done));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5'));
