// forEach with async callbacks does not wait for them: all bodies start synchronously
// expect: ["cb start 1","cb start 2","cb start 3","after forEach","sync end","cb end 1","cb end 2","cb end 3","main resumed"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: forEach calls each async arrow synchronously and ignores the returned promise. Each callback runs
// why: until await null and queues its resume (T1), in order 1, 2, 3. main goes on: 'after forEach',
// why: then its own await null queues main's resume (T1) after the three callbacks. 'sync end' ends the
// why: script. T1: 'cb end 1', 'cb end 2', 'cb end 3', 'main resumed'.
// v8: same
async function main() {
  const xs = [1, 2, 3];
  xs.forEach(async (x) => {
    log('cb start ' + x);
    await null;
    log('cb end ' + x);
  });
  log('after forEach');
  await null;
  log('main resumed');
}
main();
log('sync end');
