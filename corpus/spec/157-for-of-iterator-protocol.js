// for-of over any iterable: GetIterator, a next() per iteration, IteratorClose on break, return and throw
// expect: ["a1","a finally","get iterator","next 1","next 2","y2","next 3","get iterator","next 1","return","caught boom","step TypeError","bad return","close TypeError","bad return","close keeps kept","q finally","p finally","p1q1","n1","n2","n3","sync","b1","t1","b2","b finally","t2","walked","t3"]
// why: ForIn/OfHeadEvaluation calls GetIterator once ('get iterator'); ForIn/OfBodyEvaluation calls
// why: next() before each iteration and leaves at done without calling return ('next 3'). continue
// why: does not close. break, return and throw run IteratorClose: a generator's return() runs its
// why: finally ('a finally'); nested loops close innermost first ('q finally', 'p finally') before the
// why: returned value is logged. A non-object next() result is a TypeError and the iterator is not
// why: closed ('step TypeError', no 'not called'). A non-object return() result is a TypeError for
// why: break, but a throw completion keeps its own value ('close keeps kept'). An array iterator reads
// why: the length at each step, so an item pushed by the body is visited (n3).
// why: Ticks: T1 = jobs queued by the task. walk() takes b1 and awaits null (R1, T1); t1 (T1). T1: R1
// why: logs b1, next() gives b2, awaits null (R2, T2); t1 queues t2. T2: R2 logs b2 and returns: the
// why: generator is closed ('b finally') and walk's promise fulfils ('walked', T3); t2 queues t3.
// v8: same
function* gen(tag) {
  try {
    yield tag + 1;
    yield tag + 2;
  } finally {
    log(tag + ' finally');
  }
}
for (const x of gen('a')) {
  log(x);
  break;
}
const counted = {
  [Symbol.iterator]() {
    log('get iterator');
    let i = 0;
    return {
      next() {
        i++;
        log('next ' + i);
        return { done: i > 2, value: i };
      },
      return() {
        log('return');
        return {};
      }
    };
  }
};
for (const y of counted) {
  if (y === 1) continue;
  log('y' + y);
}
try {
  for (const y of counted) {
    throw 'boom';
  }
} catch (e) {
  log('caught ' + e);
}
const broken = {
  [Symbol.iterator]() {
    return {
      next() {
        return 1;
      },
      return() {
        log('not called');
        return {};
      }
    };
  }
};
try {
  for (const z of broken) {
  }
} catch (e) {
  log('step ' + e.name);
}
const badReturn = {
  [Symbol.iterator]() {
    return {
      next() {
        return { done: false, value: 0 };
      },
      return() {
        log('bad return');
        return 1;
      }
    };
  }
};
try {
  for (const z of badReturn) {
    break;
  }
} catch (e) {
  log('close ' + e.name);
}
try {
  for (const z of badReturn) {
    throw 'kept';
  }
} catch (e) {
  log('close keeps ' + e);
}
function nested() {
  for (const p of gen('p')) {
    for (const q of gen('q')) {
      return p + q;
    }
  }
}
log(nested());
async function walk() {
  for (const v of gen('b')) {
    await null;
    log(v);
    if (v === 'b2') return 'walked';
  }
}
walk().then((v) => log(v));
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3'));
const list = [1, 2];
for (const n of list) {
  if (n === 1) list.push(3);
  log('n' + n);
}
log('sync');
