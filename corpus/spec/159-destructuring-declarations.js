// destructuring declarations and for-of heads: array patterns step and close the iterator, object patterns Get each key
// expect: ["A:open","A:next1","A:done1","A:value1","A:next2","A:done2","A:next3","A:done3","A:value3","A:return","ab:13","B:open","B:next1","B:done1","B:value1","B:next2","B:done2","B:value2","B:next3","B:done3","rest:112","C:open","C:next1","C:done1","d:undefined","default-e","ef:Enull","get-q","get-p","pq:PQ","D:open","D:next1","D:done1","D:value1","D:return","nested:TypeError","null:TypeError","tdz:ReferenceError","len:3","k1=v1","k2=dv","E:open","E:next1","E:done1","E:value1","E:return","for:TypeError","sync-end","all:12"]
// why: BindingInitialization of an ArrayBindingPattern: GetIterator, then per element IteratorStepValue
// why: (next(), then the result's done, then its value); an elision is IteratorStep, which never reads value
// why: (A:value2 is not logged). Unless the iterator is done, IteratorClose follows (A:return), also when
// why: binding throws (D: a nested pattern on the number 1 is a TypeError; E: in a for-of head, the loop
// why: closes the iterator). A rest element steps until done, so B is not closed; nor is C, done at once.
// why: A default is evaluated only for undefined (e, not f = null). An object pattern does RequireObjectCoercible
// why: (null is a TypeError), then one Get per property in source order (get-q before get-p). Names are in their
// why: TDZ until bound (t2 in t1's default). `await` in the initializer suspends before binding.
// v8: same
// jsc: differs ["A:open","A:next1","A:done1","A:value1","A:next2","A:done2","A:value2","A:next3","A:done3","A:value3","A:return","ab:13","B:open","B:next1","B:done1","B:value1","B:next2","B:done2","B:value2","B:next3","B:done3","rest:112","C:open","C:next1","C:done1","d:undefined","default-e","ef:Enull","get-q","get-p","pq:PQ","D:open","D:next1","D:done1","D:value1","D:return","nested:TypeError","null:TypeError","tdz:ReferenceError","len:3","k1=v1","k2=dv","E:open","E:next1","E:done1","E:value1","E:return","for:TypeError","sync-end","all:12"] because engine bug: an elision in an array pattern is IteratorStep (tc39.es/ecma262/#sec-runtime-semantics-iteratorbindinginitialization), which never reads the result's value; this engine reads it (A:value2)
// spidermonkey: differs ["A:open","A:next1","A:done1","A:value1","A:next2","A:done2","A:value2","A:next3","A:done3","A:value3","A:return","ab:13","B:open","B:next1","B:done1","B:value1","B:next2","B:done2","B:value2","B:next3","B:done3","rest:112","C:open","C:next1","C:done1","d:undefined","default-e","ef:Enull","get-q","get-p","pq:PQ","D:open","D:next1","D:done1","D:value1","D:return","nested:TypeError","null:TypeError","tdz:ReferenceError","len:3","k1=v1","k2=dv","E:open","E:next1","E:done1","E:value1","E:return","for:TypeError","sync-end","all:12"] because engine bug: an elision in an array pattern is IteratorStep (tc39.es/ecma262/#sec-runtime-semantics-iteratorbindinginitialization), which never reads the result's value; this engine reads it (A:value2)
function iter(name, n) {
  let i = 0;
  return {
    [Symbol.iterator]() {
      log(name + ':open');
      return this;
    },
    next() {
      i++;
      log(name + ':next' + i);
      return {
        get done() {
          log(name + ':done' + i);
          return i > n;
        },
        get value() {
          log(name + ':value' + i);
          return i;
        },
      };
    },
    return() {
      log(name + ':return');
      return {};
    },
  };
}
const [a, , b] = iter('A', 5);
log('ab:' + a + b);
const [c, ...rest] = iter('B', 2);
log('rest:' + c + rest.length + rest[0]);
const [d] = iter('C', 0);
log('d:' + d);
const [e = log('default-e') ?? 'E', f = 'F'] = [undefined, null];
log('ef:' + e + f);
const src = {
  get p() {
    log('get-p');
    return 'P';
  },
  get q() {
    log('get-q');
    return undefined;
  },
};
const { q: q1 = 'Q', p: p1 } = src;
log('pq:' + p1 + q1);
try {
  const [[h]] = iter('D', 3);
} catch (err) {
  log('nested:' + err.name);
}
try {
  const { z } = null;
} catch (err) {
  log('null:' + err.name);
}
try {
  let [t1 = t2, t2] = [];
} catch (err) {
  log('tdz:' + err.name);
}
var { length: len } = [1, 2, 3];
log('len:' + len);
for (const [k, { v = 'dv' }] of [['k1', { v: 'v1' }], ['k2', {}]]) log(k + '=' + v);
try {
  for (const [x1] of iter('E', 3)) log('body' + x1);
} catch (err) {
  log('for:' + err.name);
}
async function main() {
  const [r1, r2] = await Promise.all([1, Promise.resolve(2)]);
  log('all:' + r1 + r2);
}
main();
log('sync-end');
