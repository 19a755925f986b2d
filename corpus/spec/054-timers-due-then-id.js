// timers run in (due, id) order; equal delays keep registration order
// expect: ["sync","t0","t10 a","t10 b","t20","t30"]
// why: Registration at now = 0: id 1 due 30, id 2 due 10, id 3 due 20, id 4 due 10, id 5 due 0.
// why: The loop always takes the smallest (due, id): (0,5), (10,2), (10,4), (20,3), (30,1).
// why: The script task runs first, so 'sync' precedes every timer.
// v8: same
setTimeout(() => log('t30'), 30);
setTimeout(() => log('t10 a'), 10);
setTimeout(() => log('t20'), 20);
setTimeout(() => log('t10 b'), 10);
setTimeout(() => log('t0'), 0);
log('sync');
