// spread in argument lists, array literals, new and super(): the iterator protocol, step by step, never closed
// expect: ["first","g1","g2","g done","args undefined12","get iterator","get next","next 1","done 1","value 1","next 2","done 2","array 0,1,9","caught boom","g1","g2","g done","A xy","sync end","new","all 1,2,3"]
// why: ArgumentListEvaluation and ArrayAccumulation (§13.3.8.1, §13.2.4.1) evaluate `...x` as GetIterator(x, sync)
// why: (Get @@iterator, call it, Get `next` once into the iterator record) and then IteratorStepValue until done:
// why: call next, Get `done`, and only when it is false Get `value` (§7.4.8). Arguments are evaluated left to right,
// why: so 'first' precedes the generator's steps; the generator logs 'g done' on the step that returns done.
// why: `[0, ...it, 9]`: 'get iterator', 'get next' once, step 1 ('next 1', 'done 1', 'value 1'), step 2 ('next 2',
// why: 'done 2' is true: no value read). `[...boom]`: next throws; a spread does not close its iterator (IteratorStepValue
// why: sets [[Done]] and rethrows, no IteratorClose), so `return` ('never') is not called: 'caught boom'.
// why: `new Promise(...[executor])` resolves at once; its then() reaction J1 is queued in the script.
// why: `Promise.all([...g(), P3])` runs the generator again ('g1', 'g2', 'g done'), then queues one reaction per element,
// why: after J1. `new B()`: super(...['x', 'y']) passes both. Jobs: J1 'new', the three element jobs, then 'all 1,2,3'.
// v8: same
// quickjs: differs ["first","g1","g2","g done","args undefined12","get iterator","get next","next 1","done 1","value 1","next 2","done 2","array 0,1,9","never","caught boom","g1","g2","g done","A xy","sync end","new","all 1,2,3"] because QuickJS-ng calls the iterator's return() when next() throws during a spread (the spec closes nothing there)
// xs: differs ["first","g1","g2","g done","args undefined12","get iterator","get next","next 1","done 1","value 1","get next","next 2","done 2","array 0,1,9","caught boom","g1","g2","g done","A xy","sync end","new","all 1,2,3"] because XS reads `next` again at each step of a spread instead of once into the iterator record (GetIteratorFromMethod step 4)
function* g() {
  log('g1');
  yield 1;
  log('g2');
  yield 2;
  log('g done');
}
function three(a, b, c) {
  log('args ' + a + b + c);
}
three(log('first'), ...g());
const it = {
  [Symbol.iterator]() {
    log('get iterator');
    let n = 0;
    return {
      get next() {
        log('get next');
        return () => {
          n++;
          log('next ' + n);
          if (n === 3) {
            throw 'stop';
          }
          return {
            get done() {
              log('done ' + n);
              return n > 1;
            },
            get value() {
              log('value ' + n);
              return n;
            },
          };
        };
      },
      return() {
        log('return');
        return {};
      },
    };
  },
};
log('array ' + [0, ...it, 9].join());
const boom = {
  [Symbol.iterator]() {
    return { next() { throw 'boom'; }, return() { log('never'); return {}; } };
  },
};
try {
  [...boom];
} catch (e) {
  log('caught ' + e);
}
new Promise(...[(resolve) => resolve('new')]).then((v) => log(v));
Promise.all([...g(), Promise.resolve(3)]).then((v) => log('all ' + v.join()));
class A {
  constructor(a, b) {
    log('A ' + a + b);
  }
}
class B extends A {
  constructor() {
    super(...['x', 'y']);
  }
}
new B();
log('sync end');
