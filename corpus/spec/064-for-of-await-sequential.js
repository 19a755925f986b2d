// for...of with await: iterations run one after another, one tick apart
// expect: ["start 1","end 1","start 2","t1","end 2","start 3","t2","end 3","loop done","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: Script: 'start 1', await null -> a fulfilled wrapper, resume queued (T1), before the ticker's t1.
// why: T1: 'end 1', 'start 2', await -> resume (T2); t1 (queues t2 after it in T2).
// why: T2: 'end 2', 'start 3', await -> (T3); t2. T3: 'end 3', 'loop done'; t3. T4: t4.
// v8: same
async function run() {
  for (const x of [1, 2, 3]) {
    log('start ' + x);
    await null;
    log('end ' + x);
  }
  log('loop done');
}
run();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
