// parameters: defaults, rest, patterns, the parameter scope, and where a throw while binding them goes
// expect: ["f:120","f:122","f:1null0","gx","gy","g:XXY","ptdz:ReferenceError","h1:arg","h2:argbody","m:orig","rp:ab","after-af","gf:TypeError","agf:TypeError","field","param","ctor","dparam","dbefore","field","param","ctor","dafter","af:TypeError","then:UW"]
// why: FunctionDeclarationInstantiation binds the parameters left to right with IteratorBindingInitialization
// why: over the arguments: a default runs only for undefined (f(1, null) keeps null), sees the parameters before it,
// why: and a later one is in its TDZ (ptdz). With parameter expressions the body's vars live in their own
// why: environment, each starting with the parameter's value: `var a` in h shadows the parameter, so the closure
// why: from the default still reads 'arg'. A non-simple list gets an unmapped arguments object (m:orig).
// why: A throw while binding: an async function returns a rejected promise (EvaluateAsyncFunctionBody), while a
// why: generator or async generator throws at the call (FunctionDeclarationInstantiation precedes the object).
// why: A base class's [[Construct]] initializes fields before the constructor's parameters; a derived one binds
// why: its parameters first and initializes fields when super() returns.
// v8: same
// spidermonkey: differs ["f:120","f:122","f:1null0","gx","gy","g:XXY","ptdz:ReferenceError","h1:arg","h2:argbody","m:orig","rp:ab","!uncaught"] because SpiderMonkey 102 bug: a throw while binding an async function's parameters escapes the call instead of rejecting its promise (tc39.es/ecma262/#sec-runtime-semantics-evaluateasyncfunctionbody)
// xs: differs ["f:120","f:122","f:1null0","gx","gy","g:XXY","ptdz:ReferenceError","h1:arg","h2:bodybody","m:orig","rp:ab","after-af","gf:TypeError","agf:TypeError","field","param","ctor","dparam","dbefore","field","param","ctor","dafter","af:TypeError","then:UW"] because XS bug: with parameter expressions, a body `var` named like a parameter must live in its own environment (tc39.es/ecma262/#sec-functiondeclarationinstantiation step 28), so the closure from a default still sees the parameter; XS shares one binding
function f(a, b = a + 1, ...rest) {
  log('f:' + a + b + rest.length);
}
f(1);
f(1, undefined, 'x', 'y');
f(1, null);
function g(x = log('gx') ?? 'X', y = log('gy') ?? x + 'Y') {
  log('g:' + x + y);
}
g();
try {
  (function (p = q, q) {})();
} catch (err) {
  log('ptdz:' + err.name);
}
function h(a, get = () => a) {
  var a;
  log('h1:' + a);
  a = 'body';
  log('h2:' + get() + a);
}
h('arg');
function m(a = 0) {
  a = 'changed';
  log('m:' + arguments[0]);
}
m('orig');
function rp(...[r1, r2]) {
  log('rp:' + r1 + r2);
}
rp('a', 'b');
async function af({ k }) {
  log('not reached');
}
const pr = af();
log('after-af');
pr.catch((err) => log('af:' + err.name));
function* gf([z]) {
  log('gen body');
}
try {
  gf();
} catch (err) {
  log('gf:' + err.name);
}
async function* agf({ k }) {}
try {
  agf();
} catch (err) {
  log('agf:' + err.name);
}
class C {
  field = log('field');
  constructor(p = log('param')) {
    log('ctor');
  }
}
new C();
class D extends C {
  constructor(q = log('dparam')) {
    log('dbefore');
    super();
    log('dafter');
  }
}
new D();
Promise.resolve({ u: 'U' }).then(({ u, w = 'W' }) => log('then:' + u + w));
