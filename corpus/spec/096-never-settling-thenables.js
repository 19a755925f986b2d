// thenables whose then never calls back: all stays pending, race is decided by the plain value
// expect: ["never1 then","never2 then","race 2"]
// why: Ticks: T1 = jobs queued by the task, T(n+1) = jobs queued while running Tn jobs; FIFO inside a tick.
// why: all: never1 is wrapped -> thenable job TJ1 (T1); 1 is wrapped (fulfilled) -> element job (T1).
// why: race: never2 wrapped -> TJ2 (T1); 2 wrapped -> race resolve job R (T1).
// why: T1: 'never1 then' (nothing called back: the wrapper stays pending forever); element job (count 1,
// why: never 0); 'never2 then'; R fulfils the race -> handler (T2). T2: 'race 2'.
// v8: same
const never1 = {
  then() {
    log('never1 then');
  }
};
const never2 = {
  then() {
    log('never2 then');
  }
};
Promise.all([never1, 1]).then(() => log('all never'));
Promise.race([never2, 2]).then((v) => log('race ' + v));
