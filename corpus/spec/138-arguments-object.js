// a function's arguments object: length, elements, @@iterator, seen from arrows, getters, async functions and class methods
// expect: ["len 3","spread 1,2,3","arrow 1","keys 0,1,2","tag [object Arguments]","getter 0","method 2:1","af 2y","all p1,p2"]
// why: FunctionDeclarationInstantiation (§10.2.11 steps 15-22) makes an arguments object for a non-arrow function
// why: whose code refers to `arguments`: own `length` (non-enumerable), one enumerable element per argument, and
// why: @@iterator = %Array.prototype.values% (§10.4.4.6-7). So f(1, 2, 3) has length 3, spreads to 1,2,3 through the
// why: array iterator, an arrow sees f's object ('arrow 1'), and Object.keys lists the indices only ('0,1,2').
// why: Object.prototype.toString gives 'Arguments' (its [[ParameterMap]] slot). A getter has its own, empty one.
// why: In a class method (strict code) the object is unmapped: `a = 5` does not change arguments[0] ('method 2:1').
// why: af awaits null first: its resume R1 is the first job; all() spreads its arguments into Promise.all, whose element
// why: reactions follow R1: 'af 2y', then 'all p1,p2'.
// v8: same
function f(a, b) {
  log('len ' + arguments.length);
  log('spread ' + [...arguments].join());
  const g = () => arguments[0];
  log('arrow ' + g());
  return Object.keys(arguments).join();
}
log('keys ' + f(1, 2, 3));
log('tag ' + Object.prototype.toString.call((function () { return arguments; })()));
async function af() {
  await null;
  log('af ' + arguments.length + arguments[1]);
}
af('x', 'y');
const o = {
  get p() {
    return arguments.length;
  },
};
log('getter ' + o.p);
function all() {
  return Promise.all([...arguments]);
}
all(Promise.resolve('p1'), 'p2').then((v) => log('all ' + v.join()));
class K {
  m(a) {
    a = 5;
    return arguments.length + ':' + arguments[0];
  }
}
log('method ' + new K().m(1, 2));
