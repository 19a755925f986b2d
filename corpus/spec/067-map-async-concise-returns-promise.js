// async arrow with a concise body returning another async call's promise: +2 ticks per element
// expect: ["work a","work b","sync end","t1","t2","t3","main done","t4"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: For each x, the async arrow evaluates work(x) ('work x'; work returns an already fulfilled native
// why: promise w) and its concise body returns w: AsyncBlockStart calls resolve(w) -> callable then ->
// why: NewPromiseResolveThenableJob (T1), for a then b. Promise.all appends element reactions; main's
// why: await appends to the all promise. Ticker t1 (T1) after both thenable jobs.
// why: T1: both thenable jobs call w.then -> reactions (T2); t1. T2: reactions fulfil the arrow promises
// why: -> element jobs (T3); t2. T3: the second element job resolves the all promise -> main resumes (T4);
// why: t3. T4: 'main done', t4.
// v8: same
async function work(x) {
  log('work ' + x);
  return x;
}
async function main() {
  const xs = ['a', 'b'];
  await Promise.all(xs.map(async (x) => work(x)));
  log('main done');
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
log('sync end');
