// property reference order: o[k] = v, o[k] += v, o[k]++ and null bases, the key's ToPropertyKey where ES2024+ puts it
// expect: ["base","rhs","key","base","key","rhs","base","key","x 3","rhs","set TypeError","compound TypeError","get TypeError","tick"]
// why: Since ES2024 (ecma262 PR #3307) EvaluatePropertyAccessWithExpressionKey keeps the key's value in the
// why: Reference unconverted; GetValue and PutValue do ToObject(base) first, then ToPropertyKey, once (the
// why: reference keeps the converted key). `base()[k] = rhs()` (§13.15.2): the left side is evaluated
// why: ('base'), then the right side ('rhs'), then PutValue converts the key ('key') and [[Set]]s o.x = 1.
// why: `base()[k] += rhs()`: 'base', GetValue converts the key ('key') and reads 1, then 'rhs', PutValue
// why: with the converted key (no second 'key'): o.x = 2. `base()[k]++` (§13.4.2.1): 'base', 'key', ToNumeric,
// why: o.x = 3. `n[k] = rhs()` with n null: 'rhs' runs, then PutValue's ToObject(null) throws a TypeError
// why: before the key is converted. `n[k] += rhs()`: GetValue's ToObject(null) throws before the key and
// why: the right side; `n[k]` alone likewise. Then T1: 'tick'.
// v8: differs ["base","rhs","key","base","key","rhs","key","base","key","key","x 3","rhs","set TypeError","compound TypeError","get TypeError","tick"] because V8 converts the key again for the PutValue of a compound assignment and of ++ (ToPropertyKey twice; the spec converts it once, in GetValue)
// node: differs ["base","rhs","key","base","key","rhs","key","base","key","key","x 3","rhs","set TypeError","compound TypeError","get TypeError","tick"] because V8 converts the key again for the PutValue of a compound assignment and of ++ (ToPropertyKey twice; the spec converts it once, in GetValue)
// quickjs: differs ["base","key","rhs","base","key","rhs","base","key","x 3","rhs","key","set TypeError","compound TypeError","get TypeError","tick"] because engine bug: QuickJS converts the key before the right side when the base is an object (the pre-ES2024 order), and on a null base converts it after the right side but before PutValue's ToObject throws
// jsc: differs ["base","rhs","key","base","key","rhs","base","key","x 3","rhs","key","set TypeError","compound TypeError","get TypeError","tick"] because JSC converts the key of `n[k] = v` before PutValue's ToObject(null) throws
// spidermonkey: differs ["base","rhs","key","base","key","rhs","base","key","x 3","rhs","set TypeError","key","compound TypeError","get TypeError","tick"] because SpiderMonkey converts the key of `n[k] += v` before GetValue's ToObject(null) throws
// xs: differs ["base","key","rhs","base","key","rhs","base","key","x 3","set TypeError","compound TypeError","get TypeError","tick"] because XS converts the key before the right side, and on a null base throws before evaluating the right side at all
const o = {};
const k = {
  toString() {
    log('key');
    return 'x';
  },
};
function base() {
  log('base');
  return o;
}
function rhs() {
  log('rhs');
  return 1;
}
base()[k] = rhs();
base()[k] += rhs();
base()[k]++;
log('x ' + o.x);
const n = null;
try {
  n[k] = rhs();
} catch (e) {
  log('set ' + e.name);
}
try {
  n[k] += rhs();
} catch (e) {
  log('compound ' + e.name);
}
try {
  log(n[k]);
} catch (e) {
  log('get ' + e.name);
}
Promise.resolve().then(() => log('tick'));
