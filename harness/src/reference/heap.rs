//! Values, objects and environments of the reference interpreter.
//!
//! The object model is the small part of ECMAScript's that ordering programs
//! can observe: prototype chains and data/accessor properties (so `then`,
//! `constructor` and `resolve` lookups happen exactly where the spec does
//! them), promise internal slots, closures over the program model, and the
//! built-in functions the spec's promise algorithms create on the fly.

use generators::model::{Func, LoopBinding, Stmt};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A typed index into one of the run's arenas, as la-arena's `Idx`: an id
/// of one arena cannot index another, and `Vec<T>` is indexed by it.
macro_rules! arena_id {
    ($(#[$doc:meta])* $name:ident indexes $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl $name {
            /// The id of the item at `index`.
            pub fn new(index: usize) -> Self {
                $name(index)
            }
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl<'p> std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.0]
            }
        }

        impl<'p> std::ops::IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, id: $name) -> &mut $item {
                &mut self[id.0]
            }
        }
    };
}

arena_id!(
    /// An object of the [`Heap`].
    ObjId indexes Obj<'p>
);
arena_id!(
    /// An environment of `Interp::envs`.
    EnvId indexes Env<'p>
);
arena_id!(
    /// A suspended function's frame in `Interp::frames`.
    FrameId indexes Option<super::machine::Frame<'p>>
);
arena_id!(
    /// A one-shot Boolean record field shared by built-in closures
    /// (`[[AlreadyResolved]]`, `[[AlreadyCalled]]`): an index into `Interp::flags`.
    FlagId indexes bool
);

/// How a frame's statements completed (or how a suspended frame is resumed).
#[derive(Clone, Debug)]
pub enum Completion {
    Normal(Value),
    Return(Value),
    Throw(Value),
    /// `break` out of the innermost loop.
    Break,
    /// `continue` with the innermost loop's next iteration.
    Continue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Num(f64),
    Str(Rc<str>),
    Obj(ObjId),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }
    pub fn as_obj(&self) -> Option<ObjId> {
        match self {
            Value::Obj(o) => Some(*o),
            _ => None,
        }
    }
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Num(a), Value::Num(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => self == other,
        }
    }
}

/// Number::toString(n) of ECMA-262 §6.1.6.1.20 (radix 10): the shortest
/// digits that round-trip, in the spec's fixed or exponent form (`1e+21`,
/// `1e-7`), `-0` as `0`. The `ryu-js` crate implements exactly that.
pub fn number_to_string(n: f64) -> String {
    ryu_js::Buffer::new().format(n).to_string()
}

/// A property's attributes besides its value or accessor functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attrs {
    pub writable: bool,
    pub enumerable: bool,
    pub configurable: bool,
}

impl Attrs {
    /// What a built-in data property has (ECMA-262 §18): writable, configurable, not enumerable.
    pub const BUILTIN: Attrs = Attrs { writable: true, enumerable: false, configurable: true };
    /// Every attribute false (a constructor's `prototype`).
    pub const FROZEN: Attrs = Attrs { writable: false, enumerable: false, configurable: false };
    /// All true: what CreateDataProperty gives.
    pub const ALL: Attrs = Attrs { writable: true, enumerable: true, configurable: true };
}

#[derive(Clone, Debug)]
pub enum Slot {
    /// A data property that is writable, enumerable and configurable (the
    /// common case: object literals, assignments, CreateDataProperty).
    Data(Value),
    /// An accessor: its getter and setter (`undefined` when absent);
    /// `writable` of its attributes is unused.
    Accessor(Rc<(Value, Value)>, Attrs),
    /// A data property with other attributes.
    DataWith(Value, Attrs),
}

impl Slot {
    /// An accessor with only a getter, enumerable and configurable (an object literal's `get`).
    pub fn getter(g: Value) -> Slot {
        Slot::Accessor(Rc::new((g, Value::Undefined)), Attrs::ALL)
    }
    pub fn attrs(&self) -> Attrs {
        match self {
            Slot::Data(_) => Attrs::ALL,
            Slot::Accessor(_, a) | Slot::DataWith(_, a) => *a,
        }
    }
}

/// A property key: a name from the program text or the built-ins (no
/// allocation), or one computed at run time. Well-known symbols are the
/// names `@@iterator`, ... (a string key starting with `@@` is refused
/// where keys are computed, so the two never meet).
#[derive(Clone, Debug)]
pub enum Key<'p> {
    Lit(&'p str),
    Own(Rc<str>),
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Key::Lit(s) => s,
            Key::Own(s) => s,
        }
    }
}

/// The object heap of one run. Ids below `realm.len()` are the intrinsics,
/// shared by every run on the thread and never written: a run that writes
/// to one (`Promise.prototype.then = f`) first copies the whole realm into
/// `patched`, its own from then on. The run's own objects follow.
pub struct Heap<'p> {
    realm: Rc<[Obj<'static>]>,
    patched: Option<Vec<Obj<'p>>>,
    objs: Vec<Obj<'p>>,
}

impl<'p> Heap<'p> {
    /// A heap over `realm` storing the run's objects in `objs` (emptied).
    pub fn new(realm: Rc<[Obj<'static>]>, mut objs: Vec<Obj<'p>>) -> Self {
        objs.clear();
        Heap { realm, patched: None, objs }
    }

    /// How many objects there are, intrinsics included.
    pub fn len(&self) -> usize {
        self.realm.len() + self.objs.len()
    }

    pub fn push(&mut self, obj: Obj<'p>) -> ObjId {
        self.objs.push(obj);
        ObjId::new(self.realm.len() + self.objs.len() - 1)
    }

    /// Whether `id` is one of the shared intrinsics (built-in objects).
    pub fn is_intrinsic(&self, id: ObjId) -> bool {
        id.index() < self.realm.len()
    }

    /// Takes the run's own objects out (for building the shared realm, and
    /// for reusing the storage).
    pub fn take_objects(&mut self) -> Vec<Obj<'p>> {
        std::mem::take(&mut self.objs)
    }
}

impl<'p> std::ops::Index<ObjId> for Heap<'p> {
    type Output = Obj<'p>;
    fn index(&self, id: ObjId) -> &Obj<'p> {
        match id.index().checked_sub(self.realm.len()) {
            None => match &self.patched {
                Some(realm) => &realm[id.index()],
                None => &self.realm[id.index()],
            },
            Some(own) => &self.objs[own],
        }
    }
}

impl<'p> std::ops::IndexMut<ObjId> for Heap<'p> {
    /// Writing to an intrinsic copies the realm first (once per run).
    fn index_mut(&mut self, id: ObjId) -> &mut Obj<'p> {
        match id.index().checked_sub(self.realm.len()) {
            None => {
                let realm = &self.realm;
                let copy =
                    self.patched.get_or_insert_with(|| realm.iter().map(Obj::copy_intrinsic).collect());
                &mut copy[id.index()]
            }
            Some(own) => &mut self.objs[own],
        }
    }
}

pub struct Obj<'p> {
    pub proto: Option<ObjId>,
    pub props: Vec<(Key<'p>, Slot)>,
    pub kind: Kind<'p>,
}

impl Obj<'static> {
    /// A copy of an intrinsic for a run that writes to the realm:
    /// intrinsics are ordinary objects and built-in functions.
    fn copy_intrinsic<'p>(&self) -> Obj<'p> {
        let kind = match &self.kind {
            Kind::Ordinary => Kind::Ordinary,
            Kind::Builtin(b) => Kind::Builtin(b.clone()),
            _ => unreachable!("the realm holds ordinary objects and built-in functions only"),
        };
        let props = self
            .props
            .iter()
            .map(|(k, s)| {
                let k = match k {
                    Key::Lit(l) => Key::Lit(l),
                    Key::Own(o) => Key::Own(o.clone()),
                };
                (k, s.clone())
            })
            .collect();
        Obj { proto: self.proto, props, kind }
    }
}

pub enum Kind<'p> {
    Ordinary,
    Array(Vec<Value>),
    Promise(PromiseSlots),
    /// An error object the interpreter threw (TypeError, ...): its
    /// prototype is the error's, its `message` is the engine's own wording,
    /// so it is never modelled.
    Error(&'static str),
    /// An error object a program made with an Error constructor: its
    /// `message`, `cause` and `errors` are the program's.
    ErrorObject,
    Closure(Closure<'p>),
    /// `class X extends Promise {}`: a constructor whose instances are promises.
    PromiseSubclass {
        name: &'p str,
    },
    Builtin(Builtin),
    /// A generator or async generator object.
    Generator(GeneratorSlots),
    /// A function's `arguments` (CreateMappedArgumentsObject or
    /// CreateUnmappedArgumentsObject, arguments.rs): ordinary own properties.
    /// A mapped one's elements alias the parameters, which the reference does
    /// not model: writing to it, or a parameter of it, ends the run unsupported.
    Arguments {
        mapped: bool,
    },
    /// %ArrayIterator%: the array (or array-like) and the next index (`usize::MAX` once done).
    ArrayIterator {
        array: ObjId,
        index: usize,
    },
    /// CreateAsyncFromSyncIterator's object: the sync iterator and its `next`.
    AsyncFromSyncIterator {
        iterator: Value,
        next: Value,
    },
    /// A class constructor (classes.rs).
    Class(ClassObj<'p>),
}

/// A class constructor's slots: its definition, the environment its
/// constructor and instance fields close over (binding `%home`, the
/// prototype), and `[[ConstructorKind]]`.
#[derive(Clone, Copy)]
pub struct ClassObj<'p> {
    pub class: &'p generators::model::Class,
    pub home: EnvId,
    pub derived: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratorState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    /// Async generators only: completing the queued requests.
    DrainingQueue,
    Completed,
}

/// An AsyncGeneratorRequest Record.
pub struct GeneratorRequest {
    pub completion: Completion,
    pub capability: Capability,
}

pub struct GeneratorSlots {
    pub is_async: bool,
    pub state: GeneratorState,
    /// The parked frame in `Interp::frames`.
    pub frame: FrameId,
    /// `[[AsyncGeneratorQueue]]` (empty for sync generators).
    pub queue: std::collections::VecDeque<GeneratorRequest>,
}

/// Which of an iterator's three methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterMethod {
    Next,
    Return,
    Throw,
}

#[derive(Clone)]
pub struct Closure<'p> {
    pub code: Code<'p>,
    pub env: EnvId,
    /// Declared name, for explanations.
    pub name: Option<&'p str>,
    /// An object literal's or a class's method: not a constructor, no `prototype`.
    pub method: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

pub struct PromiseSlots {
    /// Creation order, shown as `#n` in explanations.
    pub serial: u32,
    pub state: PromiseState,
    pub result: Value,
    pub fulfill_reactions: Vec<Reaction>,
    pub reject_reactions: Vec<Reaction>,
    pub is_handled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReactionType {
    Fulfill,
    Reject,
}

/// PromiseReaction Record.
#[derive(Clone)]
pub struct Reaction {
    /// Serial of the promise this reaction was registered on (explanations only).
    pub source: u32,
    pub capability: Option<Capability>,
    pub kind: ReactionType,
    /// `None` is the spec's ~empty~ handler (pass the value through).
    pub handler: Option<Value>,
}

/// PromiseCapability Record.
#[derive(Clone, Debug)]
pub struct Capability {
    pub promise: Value,
    pub resolve: Value,
    pub reject: Value,
}

/// State shared by the element functions of one Promise.all/allSettled/any call.
pub struct CombinatorState {
    pub values: RefCell<Vec<Value>>,
    pub remaining: Cell<usize>,
    pub capability: Capability,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementKind {
    AllResolve,
    AllSettledFulfill,
    AllSettledReject,
    AnyReject,
}

/// Built-in functions: the host's, the intrinsics', and the closures the
/// promise algorithms create (resolving functions, finally thunks, ...).
#[derive(Clone)]
pub enum Builtin {
    Log,
    /// `console.log(...args)`: the host's.
    ConsoleLog,
    /// `Error`, `TypeError`, ..., `AggregateError` (index into `ERROR_NAMES`).
    ErrorConstructor(usize),
    /// Error.prototype.toString.
    ErrorToString,
    /// `String(value)` called as a function (`new String` is not modelled).
    StringFunction,
    SetTimeout,
    ClearTimeout,
    QueueMicrotask,
    PromiseConstructor,
    PromiseResolveStatic,
    PromiseRejectStatic,
    PromiseAll,
    PromiseAllSettled,
    PromiseRace,
    PromiseAny,
    PromiseWithResolvers,
    PromiseTry,
    PromiseThen,
    PromiseCatch,
    PromiseFinally,
    /// `get Promise[@@species]`: returns `this`.
    SpeciesGetter,
    ArrayForEach,
    ArrayMap,
    ArrayFilter,
    ArrayPush,
    ArraySlice,
    ArrayConcat,
    ArrayIncludes,
    ArrayIndexOf,
    MathMax,
    MathMin,
    /// Array.prototype.join / toString, Object.prototype.toString / valueOf:
    /// what ToPrimitive of the model's objects calls.
    ArrayJoin,
    ArrayToString,
    ObjectToString,
    ObjectValueOf,
    ObjectHasOwnProperty,
    /// Promise Resolve Functions / Promise Reject Functions.
    Resolve {
        promise: ObjId,
        already_resolved: FlagId,
    },
    Reject {
        promise: ObjId,
        already_resolved: FlagId,
    },
    /// GetCapabilitiesExecutor for NewPromiseCapability on a subclass.
    CapabilityExecutor {
        slots: Rc<RefCell<(Value, Value)>>,
    },
    /// Then Finally Functions / Catch Finally Functions.
    ThenFinally {
        on_finally: Value,
        constructor: Value,
    },
    CatchFinally {
        on_finally: Value,
        constructor: Value,
    },
    /// `() => value` and `() => { throw reason }` of finally.
    ReturnValue(Value),
    ThrowReason(Value),
    /// Combinator element functions, with their `[[AlreadyCalled]]`.
    Element {
        kind: ElementKind,
        index: usize,
        state: Rc<CombinatorState>,
        already_called: FlagId,
    },
    /// The await continuation of an async function frame.
    AsyncResume {
        frame: FrameId,
        throws: bool,
    },
    /// %GeneratorPrototype% / %AsyncGeneratorPrototype% / %AsyncFromSyncIteratorPrototype% methods.
    GeneratorMethod(IterMethod),
    AsyncGeneratorMethod(IterMethod),
    AsyncFromSyncMethod(IterMethod),
    /// `[Symbol.iterator]()` / `[Symbol.asyncIterator]()` of iterators: returns `this`.
    ReturnThis,
    /// `Array.prototype[Symbol.iterator]` and %ArrayIteratorPrototype%.next.
    ArrayValues,
    ArrayIteratorNext,
    /// AsyncFromSyncIteratorContinuation's unwrap and closeIterator closures.
    AsyncFromSyncUnwrap {
        done: bool,
    },
    AsyncFromSyncClose {
        iterator: Value,
    },
    /// AsyncGeneratorAwaitReturn's fulfilled/rejected closures.
    AwaitReturnSettled {
        generator: ObjId,
        rejected: bool,
    },
    /// `Function.prototype[Symbol.hasInstance]`: OrdinaryHasInstance(this, V).
    FunctionHasInstance,
    /// The global `Object` (calling and constructing it are unsupported).
    ObjectConstructor,
    /// `Object.keys`, `Object.defineProperty`, ...
    ObjectMethod(super::object::ObjectMethod),
    ArrayMethod(super::arrays::ArrayMethod),
    StringMethod(super::strings::StringMethod),
    JsonStringify,
    /// Function.prototype.call / apply.
    FunctionCall,
    FunctionApply,
}

#[derive(Clone, Copy)]
pub enum Code<'p> {
    Func(&'p Func),
    /// `get key() { body }`: a zero-parameter sync function.
    Getter(&'p [Stmt]),
    /// `set key(param) { body }`: a one-parameter sync function.
    Setter(&'p str, &'p [Stmt]),
}

/// A declarative environment. `None` values are bindings in their TDZ.
pub struct Env<'p> {
    pub parent: Option<EnvId>,
    pub vars: Vec<(&'p str, Option<Value>)>,
}

/// Statements a block declares before running (function declarations are
/// initialized at once, `const` and classes start in their TDZ).
pub fn hoisted<'p>(stmts: &'p [Stmt]) -> impl Iterator<Item = (&'p str, Option<&'p Func>)> + 'p {
    stmts.iter().flat_map(|s| -> smallvec::SmallVec<[_; 1]> {
        match s {
            Stmt::Function { name, func } => smallvec::smallvec![(name.as_str(), Some(func))],
            Stmt::Const { name, .. }
            | Stmt::Let { name, .. }
            | Stmt::PromiseSubclass { name }
            | Stmt::Class(generators::model::Class { name: Some(name), .. }) => {
                smallvec::smallvec![(name.as_str(), None)]
            }
            Stmt::Destructure { binding: LoopBinding::Const | LoopBinding::Let, pattern, .. } => {
                let mut names = smallvec::SmallVec::new();
                pattern.for_each_name(&mut |n| names.push((n, None)));
                names
            }
            _ => smallvec::SmallVec::new(),
        }
    })
}
