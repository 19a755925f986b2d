// await Promise.all(xs.map(delay)): delays run in parallel; values come back in index order
// expect: ["timer 10","timer 20","timer 30","value 30","value 10","value 20"]
// why: map calls delay for 30, 10, 20 synchronously: ids 1 (due 30), 2 (due 10), 3 (due 20).
// why: Timers run by due: 10, 20, 30, each resolving its promise; the element jobs run in each timer's
// why: checkpoint. The last one (at 30) brings the count to 0 -> all fulfilled -> run resumes in the same
// why: checkpoint and logs the values in index order.
// v8: same
function delay(ms) {
  return new Promise((resolve) => setTimeout(() => {
    log('timer ' + ms);
    resolve(ms);
  }, ms));
}
async function run() {
  const xs = [30, 10, 20];
  const vs = await Promise.all(xs.map((ms) => delay(ms)));
  vs.forEach((v) => log('value ' + v));
}
run();
