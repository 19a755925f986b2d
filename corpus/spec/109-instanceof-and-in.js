// instanceof and in: OrdinaryHasInstance over prototype chains, a [Symbol.hasInstance] handler, in's TypeError before ToPropertyKey
// expect: ["true true false false","hasInstance 4","hasInstance 3","true false","not callable TypeError","in TypeError","key","true false true false true","in null TypeError","caught true true false"]
// why: InstanceofOperator (§13.10.2): GetMethod(target, @@hasInstance); for Sub and Promise that is
// why: Function.prototype[@@hasInstance], i.e. OrdinaryHasInstance (§7.3.21): Sub.prototype and
// why: Promise.prototype are on s's chain, Sub.prototype is not on p's, and a primitive is no instance.
// why: `even` has its own handler: called with the value, its result through ToBoolean. A plain object
// why: has no handler and is not callable: TypeError. `in` (§13.10.1): the right side is checked to be an
// why: object first ('string': TypeError, and null: TypeError before k's toString), then ToPropertyKey
// why: ('key' once, for `k in p`: 'then' is inherited from Promise.prototype), then HasProperty: arrays
// why: have index 0 and `length`. The rejection's catch runs in T1, the TypeError's prototype chain
// why: holding TypeError.prototype and Error.prototype.
// v8: same
class Sub extends Promise {}
const s = Sub.resolve(1);
const p = Promise.resolve(2);
log((s instanceof Sub) + ' ' + (s instanceof Promise) + ' ' + (p instanceof Sub) + ' ' + (1 instanceof Promise));
const even = {
  [Symbol.hasInstance](v) {
    log('hasInstance ' + v);
    return v % 2 === 0;
  },
};
log((4 instanceof even) + ' ' + (3 instanceof even));
try {
  log(p instanceof {});
} catch (e) {
  log('not callable ' + e.name);
}
try {
  log('x' in 'string');
} catch (e) {
  log('in ' + e.name);
}
const k = {
  toString() {
    log('key');
    return 'then';
  },
};
log((k in p) + ' ' + ('x' in p) + ' ' + (0 in ['a']) + ' ' + (1 in ['a']) + ' ' + ('length' in []));
try {
  k in null;
} catch (e) {
  log('in null ' + e.name);
}
Promise.reject(new TypeError('t')).catch((e) => log('caught ' + (e instanceof TypeError) + ' ' + (e instanceof Error) + ' ' + (e instanceof RangeError)));
