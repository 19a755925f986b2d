// for...of awaiting timer promises: each delay starts only when the previous one finished (virtual time)
// expect: ["timer 25","waited 30","waited 10","timer 45","waited 20","run done"]
// why: run() starts during the script: delay(30) registers id 1 (due 30), then the script registers
// why: id 2 (due 25) and id 3 (due 45).
// why: 25: 'timer 25'. 30: id 1 resolves -> checkpoint resumes run: 'waited 30', delay(10) registers
// why: id 4 due 30 + 10 = 40. 40: 'waited 10', delay(20) -> id 5 due 60. 45: 'timer 45'.
// why: 60: 'waited 20', 'run done'.
// v8: same
function delay(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(ms), ms));
}
async function run() {
  for (const ms of [30, 10, 20]) {
    const v = await delay(ms);
    log('waited ' + v);
  }
  log('run done');
}
run();
setTimeout(() => log('timer 25'), 25);
setTimeout(() => log('timer 45'), 45);
