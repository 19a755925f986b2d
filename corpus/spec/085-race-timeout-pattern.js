// await Promise.race of two timer promises: resumes right after the first timer; the loser still fires
// expect: ["timer fast","winner fast","timer slow"]
// why: delay(50) -> id 1 due 50; delay(20) -> id 2 due 20. Timer at 20: 'timer fast', resolve -> race's
// why: resolve reaction (T1) fulfils the race promise -> main's resume (T2), all in that checkpoint:
// why: 'winner fast'. Timer at 50: 'timer slow'; its race reaction is ignored.
// v8: same
function delay(ms, v) {
  return new Promise((resolve) => setTimeout(() => {
    log('timer ' + v);
    resolve(v);
  }, ms));
}
async function main() {
  const v = await Promise.race([delay(50, 'slow'), delay(20, 'fast')]);
  log('winner ' + v);
}
main();
