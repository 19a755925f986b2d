// negative delays are clamped to 0 (due = now + max(0, ToInt(ms))); no 1 ms minimum
// expect: ["neg","zero","neg2","one"]
// why: id 1: -5 -> due 0; id 2: 0 -> due 0; id 3: 1 -> due 1; id 4: -100 -> due 0.
// why: Order by (due, id): (0,1), (0,2), (0,4), (1,3). Without clamping to 1 ms, 'one' (due 1) comes
// why: after every due-0 timer, including the later-registered 'neg2'.
// v8: same
setTimeout(() => log('neg'), -5);
setTimeout(() => log('zero'), 0);
setTimeout(() => log('one'), 1);
setTimeout(() => log('neg2'), -100);
