//! What the engines define that the reference may not model: the global
//! bindings and the property names of every built-in object a program can
//! reach. A lookup that misses in the reference but names one of these ends
//! the run as `unsupported` (see `Interp::get`, `Interp::lookup`): a missing
//! feature is never answered with `undefined`, a TypeError or a
//! ReferenceError that engines would not give.
//!
//! Each list is the union of what QuickJS-ng, Boa and node 20 report
//! (`Object.getOwnPropertyNames` plus the well-known symbols, written
//! `@@name` as the model writes `Symbol.iterator`) and of current ECMA-262,
//! so a name any of them has is covered. Listing a name too many costs only
//! an `unsupported` where `undefined` would have been right;
//! `tests/reference_unsupported.rs` checks the lists against the engines.

/// Property names of one built-in object, as `<name>.<key>` in messages.
pub struct Table {
    pub name: &'static str,
    pub keys: &'static [&'static str],
}

impl Table {
    pub fn has(&self, key: &str) -> bool {
        self.keys.contains(&key)
    }

    /// `String.prototype.repeat`, `Promise[Symbol.species]`.
    pub fn member(&self, key: &str) -> String {
        match key.strip_prefix("@@") {
            Some(sym) => format!("{}[Symbol.{sym}]", self.name),
            None => format!("{}.{key}", self.name),
        }
    }
}

/// The global object's own names in the engines (and in ECMA-262 and the
/// hosts programs are written for), besides the four host functions.
pub const GLOBALS: &[&str] = &[
    "globalThis",
    "Infinity",
    "NaN",
    "undefined",
    "eval",
    "isFinite",
    "isNaN",
    "parseFloat",
    "parseInt",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "escape",
    "unescape",
    "AggregateError",
    "Array",
    "ArrayBuffer",
    "AsyncDisposableStack",
    "Atomics",
    "BigInt",
    "BigInt64Array",
    "BigUint64Array",
    "Boolean",
    "DataView",
    "Date",
    "DisposableStack",
    "DOMException",
    "Error",
    "EvalError",
    "FinalizationRegistry",
    "Float16Array",
    "Float32Array",
    "Float64Array",
    "Function",
    "Int8Array",
    "Int16Array",
    "Int32Array",
    "Intl",
    "Iterator",
    "JSON",
    "Map",
    "Math",
    "Number",
    "Object",
    "Promise",
    "Proxy",
    "RangeError",
    "ReferenceError",
    "Reflect",
    "RegExp",
    "Set",
    "ShadowRealm",
    "SharedArrayBuffer",
    "String",
    "SuppressedError",
    "Symbol",
    "SyntaxError",
    "Temporal",
    "TypeError",
    "Uint8Array",
    "Uint8ClampedArray",
    "Uint16Array",
    "Uint32Array",
    "URIError",
    "WeakMap",
    "WeakRef",
    "WeakSet",
    "WebAssembly",
    // Hosts: DESIGN.md §1 names `console.log`; browsers and shells have the rest.
    "console",
    "print",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "clearImmediate",
    "structuredClone",
    "performance",
    "navigator",
    "gc",
];

pub const OBJECT_PROTOTYPE: Table = Table {
    name: "Object.prototype",
    keys: &[
        "constructor",
        "toString",
        "toLocaleString",
        "valueOf",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    ],
};

pub const FUNCTION_PROTOTYPE: Table = Table {
    name: "Function.prototype",
    keys: &[
        "constructor",
        "length",
        "name",
        "caller",
        "arguments",
        "call",
        "apply",
        "bind",
        "toString",
        "fileName",
        "lineNumber",
        "columnNumber",
        "@@hasInstance",
    ],
};

/// Own properties of function objects (`prototype` of ordinary functions
/// and generators; `caller`/`arguments` of node's sloppy functions).
pub const FUNCTION_OWN: Table =
    Table { name: "a function's own", keys: &["length", "name", "prototype", "caller", "arguments"] };

pub const ARRAY_PROTOTYPE: Table = Table {
    name: "Array.prototype",
    keys: &[
        "length",
        "constructor",
        "at",
        "concat",
        "copyWithin",
        "entries",
        "every",
        "fill",
        "filter",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "forEach",
        "includes",
        "indexOf",
        "join",
        "keys",
        "lastIndexOf",
        "map",
        "pop",
        "push",
        "reduce",
        "reduceRight",
        "reverse",
        "shift",
        "slice",
        "some",
        "sort",
        "splice",
        "toLocaleString",
        "toReversed",
        "toSorted",
        "toSpliced",
        "toString",
        "unshift",
        "values",
        "with",
        "@@iterator",
        "@@unscopables",
    ],
};

pub const STRING_PROTOTYPE: Table = Table {
    name: "String.prototype",
    keys: &[
        "length",
        "constructor",
        "anchor",
        "at",
        "big",
        "blink",
        "bold",
        "charAt",
        "charCodeAt",
        "codePointAt",
        "concat",
        "endsWith",
        "fixed",
        "fontcolor",
        "fontsize",
        "includes",
        "indexOf",
        "isWellFormed",
        "italics",
        "lastIndexOf",
        "link",
        "localeCompare",
        "match",
        "matchAll",
        "normalize",
        "padEnd",
        "padStart",
        "repeat",
        "replace",
        "replaceAll",
        "search",
        "slice",
        "small",
        "split",
        "startsWith",
        "strike",
        "sub",
        "substr",
        "substring",
        "sup",
        "toLocaleLowerCase",
        "toLocaleUpperCase",
        "toLowerCase",
        "toString",
        "toUpperCase",
        "toWellFormed",
        "trim",
        "trimEnd",
        "trimLeft",
        "trimRight",
        "trimStart",
        "valueOf",
        "@@iterator",
    ],
};

pub const NUMBER_PROTOTYPE: Table = Table {
    name: "Number.prototype",
    keys: &[
        "constructor",
        "toExponential",
        "toFixed",
        "toLocaleString",
        "toPrecision",
        "toString",
        "valueOf",
    ],
};

pub const BOOLEAN_PROTOTYPE: Table =
    Table { name: "Boolean.prototype", keys: &["constructor", "toString", "valueOf"] };

pub const PROMISE: Table = Table {
    name: "Promise",
    keys: &[
        "length",
        "name",
        "prototype",
        "all",
        "allSettled",
        "any",
        "race",
        "reject",
        "resolve",
        "try",
        "withResolvers",
        "@@species",
    ],
};

pub const PROMISE_PROTOTYPE: Table =
    Table { name: "Promise.prototype", keys: &["constructor", "then", "catch", "finally", "@@toStringTag"] };

pub const GENERATOR_PROTOTYPE: Table = Table {
    name: "%GeneratorPrototype%",
    keys: &["constructor", "next", "return", "throw", "@@toStringTag"],
};

pub const ASYNC_GENERATOR_PROTOTYPE: Table = Table {
    name: "%AsyncGeneratorPrototype%",
    keys: &["constructor", "next", "return", "throw", "@@toStringTag"],
};

pub const ARRAY_ITERATOR_PROTOTYPE: Table =
    Table { name: "%ArrayIteratorPrototype%", keys: &["next", "@@toStringTag"] };

/// Iterator.prototype, with the iterator helpers of ES2025 and proposals
/// QuickJS-ng already has.
pub const ITERATOR_PROTOTYPE: Table = Table {
    name: "Iterator.prototype",
    keys: &[
        "constructor",
        "chunks",
        "drop",
        "every",
        "filter",
        "find",
        "flatMap",
        "forEach",
        "includes",
        "join",
        "map",
        "reduce",
        "some",
        "take",
        "toArray",
        "windows",
        "@@dispose",
        "@@iterator",
        "@@toStringTag",
    ],
};

pub const ASYNC_ITERATOR_PROTOTYPE: Table =
    Table { name: "%AsyncIteratorPrototype%", keys: &["@@asyncIterator", "@@asyncDispose"] };

/// Own properties of error objects (`stack` and the position fields are
/// the engines' own; the messages of the errors the reference throws are
/// the engines' too, so they are never modelled).
pub const ERROR_OWN: Table = Table {
    name: "an error object's own",
    keys: &[
        "message",
        "stack",
        "cause",
        "errors",
        "fileName",
        "lineNumber",
        "columnNumber",
        "line",
        "column",
        "sourceURL",
    ],
};

/// What engines add to an error a program constructs (its `message`,
/// `cause` and `errors` are the program's, and modelled).
pub const ENGINE_ERROR_OWN: Table = Table {
    name: "an error object's own",
    keys: &["stack", "fileName", "lineNumber", "columnNumber", "line", "column", "sourceURL"],
};

pub const ERROR_PROTOTYPE: Table =
    Table { name: "Error.prototype", keys: &["constructor", "name", "message", "stack", "toString"] };

/// The `Error` constructor's own names (V8's and SpiderMonkey's stack-trace
/// API, ES2026's `isError`).
pub const ERROR_CONSTRUCTOR: Table = Table {
    name: "Error",
    keys: &[
        "length",
        "name",
        "prototype",
        "captureStackTrace",
        "stackTraceLimit",
        "prepareStackTrace",
        "isError",
    ],
};

/// The `Object` constructor's own names.
pub const OBJECT_CONSTRUCTOR: Table = Table {
    name: "Object",
    keys: &[
        "length",
        "name",
        "prototype",
        "assign",
        "create",
        "defineProperties",
        "defineProperty",
        "entries",
        "freeze",
        "fromEntries",
        "getOwnPropertyDescriptor",
        "getOwnPropertyDescriptors",
        "getOwnPropertyNames",
        "getOwnPropertySymbols",
        "getPrototypeOf",
        "groupBy",
        "hasOwn",
        "is",
        "isExtensible",
        "isFrozen",
        "isSealed",
        "keys",
        "preventExtensions",
        "seal",
        "setPrototypeOf",
        "values",
    ],
};

/// The `String` constructor's own names.
pub const STRING_CONSTRUCTOR: Table =
    Table { name: "String", keys: &["length", "name", "prototype", "fromCharCode", "fromCodePoint", "raw"] };

/// `JSON`'s own names.
pub const JSON: Table =
    Table { name: "JSON", keys: &["parse", "stringify", "rawJSON", "isRawJSON", "@@toStringTag"] };

/// `Math`'s own names.
pub const MATH: Table = Table {
    name: "Math",
    keys: &[
        "abs",
        "acos",
        "acosh",
        "asin",
        "asinh",
        "atan",
        "atanh",
        "atan2",
        "cbrt",
        "ceil",
        "clz32",
        "cos",
        "cosh",
        "exp",
        "expm1",
        "f16round",
        "floor",
        "fround",
        "hypot",
        "imul",
        "log",
        "log1p",
        "log10",
        "log2",
        "max",
        "min",
        "pow",
        "random",
        "round",
        "sign",
        "sin",
        "sinh",
        "sqrt",
        "sumPrecise",
        "tan",
        "tanh",
        "trunc",
        "E",
        "LN10",
        "LN2",
        "LOG10E",
        "LOG2E",
        "PI",
        "SQRT1_2",
        "SQRT2",
        "@@toStringTag",
    ],
};
