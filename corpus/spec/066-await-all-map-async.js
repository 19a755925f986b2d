// await Promise.all(xs.map(async x => ...)): bodies start at once; main resumes 2 ticks after the last one ends
// expect: ["start 1","start 2","start 3","sync end","end 1","end 2","end 3","t1","t2","got 1","got 2","got 3","main done","t3","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: map calls the async arrow for 1, 2, 3: each logs 'start', awaits null (resume queued, T1) and
// why: returns a pending promise. Promise.all appends element reactions to the three pending promises;
// why: main's await on the (native, pending) all promise appends its reaction. Ticker t1 (T1).
// why: T1: each body resumes: 'end x', return x -> fulfils its promise -> element job (T2); t1.
// why: T2: the three element jobs; the third brings the count to 0 -> resolve(values) -> main's resume
// why: (T3); t2. T3: main logs the values in index order and 'main done'; t3. T4: t4.
// v8: same
async function main() {
  const xs = [1, 2, 3];
  const rs = await Promise.all(xs.map(async (x) => {
    log('start ' + x);
    await null;
    log('end ' + x);
    return x;
  }));
  rs.forEach((r) => log('got ' + r));
  log('main done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
log('sync end');
