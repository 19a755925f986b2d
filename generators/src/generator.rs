//! The seeded program generator.
//!
//! proptest strategies build a *draft* program whose names and labels are
//! placeholders (`$p`, `$f`, `$x`, empty labels); [`finalize`] then resolves
//! every placeholder against what is really in scope and numbers the labels.
//! Splitting it this way keeps the strategies free of scope bookkeeping and
//! guarantees the invariants by construction: labels are unique, every name
//! refers to a binding that is initialized before it is used, and calls only go
//! to functions declared earlier (so nothing recurses and every program ends).
//!
//! Program `i` of seed `S` is a pure function of `(S, i, GENERATOR_VERSION)`.

use crate::config::GenConfig;
use crate::model::*;
use proptest::prelude::*;
use proptest::strategy::{float_to_weight, NewTree, ValueTree};
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Bumped whenever the same `(seed, index)` would produce a different program.
pub const GENERATOR_VERSION: u32 = 3;

/// Program `index` of the run with `seed`.
pub fn generate(config: &GenConfig, seed: u64, index: u64) -> Program {
    Generator::new(config.clone()).program(seed, index)
}

/// Drafts drawn for one program before the shallowest is taken.
const MAX_DRAWS: usize = 16;

/// Keeps the (lazily expanded) strategy for a config, to generate many programs.
pub struct Generator {
    strategy: BoxedStrategy<Program>,
    gen: Rc<Gen>,
}

impl Generator {
    pub fn new(config: GenConfig) -> Self {
        let gen = Rc::new(Gen { config, memo: RefCell::default() });
        Generator { strategy: program_strategy(gen.clone()), gen }
    }

    pub fn program(&self, seed: u64, index: u64) -> Program {
        let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), rng_for(seed, index));
        // Rarely a draft nests too deeply for the YAML corpus; draw again
        // from the same stream, which keeps generation deterministic. Some
        // weights make deep drafts the rule: after MAX_DRAWS the shallowest
        // one is taken, so generation stays bounded whatever the config.
        let mut shallowest: Option<(usize, Program)> = None;
        for _ in 0..MAX_DRAWS {
            let draft =
                self.strategy.new_tree(&mut runner).expect("program strategies never reject").current();
            let depth = nesting_depth(&draft);
            if depth <= MAX_NESTING {
                return finalize(draft);
            }
            if shallowest.as_ref().is_none_or(|(d, _)| depth < *d) {
                shallowest = Some((depth, draft));
            }
        }
        finalize(shallowest.expect("MAX_DRAWS > 0").1)
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        // The memo's strategies hold the `Gen` that holds them.
        self.gen.memo.borrow_mut().clear();
    }
}

/// The config the strategies are built from, and the strategies built so
/// far: each recursive strategy is built once per generator (per place and
/// context), not once per value drawn, which was most of a program's cost.
struct Gen {
    config: GenConfig,
    memo: RefCell<StrategyMemo>,
}

/// Built strategies by place and context, each a `S<T>` behind `Any`.
type StrategyMemo = HashMap<(&'static str, Ctx), Box<dyn Any>>;

impl std::ops::Deref for Gen {
    type Target = GenConfig;
    fn deref(&self) -> &GenConfig {
        &self.config
    }
}

/// A ChaCha stream keyed by `(seed, index, version)` via splitmix64, which is
/// fixed forever (unlike std's hashers).
fn rng_for(seed: u64, index: u64) -> TestRng {
    let mut state = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((GENERATOR_VERSION as u64) << 56);
    let mut key = [0u8; 32];
    for chunk in key.chunks_mut(8) {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes());
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &key)
}

// ---------------------------------------------------------------------------
// Placeholders resolved by `finalize`.

const NEW_PROMISE: &str = "$p";
const NEW_TIMER: &str = "$t";
const NEW_FUNCTION: &str = "$f";
const NEW_CLASS: &str = "$P";
const LOOP_VAR: &str = "$x";
const CATCH_VAR: &str = "$e";
const NEW_ASYNC_GENERATOR: &str = "$G";
const NEW_ITERATOR: &str = "$i";

// ---------------------------------------------------------------------------
// Strategies.

type S<T> = BoxedStrategy<T>;

/// Where code is being generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Ctx {
    depth: u32,
    /// `await` allowed.
    in_async: bool,
    /// Inside a loop body whose variable can label logs.
    in_loop: bool,
    /// `yield` allowed (an async generator body).
    in_generator: bool,
    /// Function bodies that may still open once `depth` is 0 (timer,
    /// microtask and handler callbacks hold blocks even at a leaf). Without
    /// this bound, weights that favour callbacks made the recursion
    /// supercritical: unbounded, until the stack overflowed.
    leaf_bodies: u32,
}

/// [`Ctx::leaf_bodies`] at the top.
const LEAF_BODIES: u32 = 2;

impl Ctx {
    fn top(depth: u32) -> Ctx {
        Ctx { depth, in_async: false, in_loop: false, in_generator: false, leaf_bodies: LEAF_BODIES }
    }
    fn deeper(self) -> Ctx {
        Ctx { depth: self.depth.saturating_sub(1), ..self }
    }
    /// The context of a function body opened here.
    fn opened(self) -> Ctx {
        let leaf_bodies = if self.leaf() { self.leaf_bodies.saturating_sub(1) } else { self.leaf_bodies };
        Ctx { depth: self.depth.saturating_sub(1), leaf_bodies, ..self }
    }
    fn body(self, is_async: bool) -> Ctx {
        Ctx { in_async: is_async, in_generator: false, ..self.opened() }
    }
    fn generator_body(self) -> Ctx {
        Ctx { in_async: true, in_generator: true, ..self.opened() }
    }
    fn leaf(self) -> bool {
        self.depth == 0
    }
    /// Whether a statement here may open a function body.
    fn may_open_body(self) -> bool {
        !self.leaf() || self.leaf_bodies > 0
    }
}

/// Defers building a strategy until a value is drawn, so recursive
/// strategies cost only what is generated; the strategy `f` builds for
/// `site` in `ctx` is kept in the generator's memo and reused. (The memo
/// leaves the stream of values as it was: the same strategy is drawn from.)
/// Draws as `Just(()).prop_flat_map(..)` did ([`Bind`]).
fn lazy<T: std::fmt::Debug + Clone + 'static>(
    gen: &Rc<Gen>,
    site: &'static str,
    ctx: Ctx,
    f: impl Fn() -> S<T> + 'static,
) -> S<T> {
    let gen = Rc::downgrade(gen);
    Bind::strategy(Just(()), move |_| match gen.upgrade() {
        Some(gen) => memo(&gen, site, ctx, &f),
        None => f(),
    })
}

/// The strategy `f` builds for `site` in `ctx`, built once per generator.
fn memo<T: std::fmt::Debug + 'static>(gen: &Gen, site: &'static str, ctx: Ctx, f: impl Fn() -> S<T>) -> S<T> {
    if let Some(s) = gen.memo.borrow().get(&(site, ctx)).and_then(|s| s.downcast_ref::<S<T>>()) {
        return s.clone();
    }
    let s = f();
    gen.memo.borrow_mut().insert((site, ctx), Box::new(s.clone()));
    s
}

// Programs are drawn, never shrunk: proptest's combinators that keep what
// shrinking would need (`Union` and `prop_oneof!` a lazy tree per option
// before the pick, `prop_flat_map` a clone of the runner), each with a
// cloned `TestRunner` and a freshly seeded RNG, were most of a program's
// allocations. [`Choice`] and [`Bind`] draw the very same random numbers in
// the same order (the golden digest pins the stream) and keep nothing.

/// What forking a runner (`TestRunner::partial_clone`) takes from the RNG:
/// a ChaCha seed for the fork's own RNG ([`rng_for`] makes every generator
/// RNG a ChaCha one), which nothing here uses.
fn skip_fork(runner: &mut TestRunner) {
    let _seed: [u8; 32] = runner.rng().random();
}

/// A weighted choice, drawn as proptest's `Union` and `TupleUnion` draw: a
/// uniform pick in the sum of the weights, a fork per option before the
/// picked one, then the picked option's value.
struct Choice<T>(Vec<(u32, S<T>)>);

impl<T> std::fmt::Debug for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Choice of {}", self.0.len())
    }
}

impl<T: std::fmt::Debug + 'static> Strategy for Choice<T> {
    type Tree = Box<dyn ValueTree<Value = T>>;
    type Value = T;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        // proptest's `pick_weighted`: `Uniform::new(0, sum)` samples as
        // `new_inclusive(0, sum - 1)` does.
        let sum: u64 = self.0.iter().map(|&(w, _)| u64::from(w)).sum();
        let drawn = proptest::num::sample_uniform_incl(runner, 0, sum - 1);
        let pick = self
            .0
            .iter()
            .scan(0u64, |acc, &(w, _)| {
                *acc += u64::from(w);
                Some(*acc)
            })
            .filter(|&v| v <= drawn)
            .count();
        for _ in 0..pick {
            skip_fork(runner);
        }
        self.0[pick].1.new_tree(runner)
    }
}

/// `meta.prop_flat_map(f)`, drawn as proptest's `Flatten` draws: `meta`'s
/// value, then the value of the strategy `f` makes of it, then a fork.
struct Bind<M, F> {
    meta: M,
    f: F,
}

impl<M, F> std::fmt::Debug for Bind<M, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bind")
    }
}

impl<M: Strategy + 'static, T: std::fmt::Debug + 'static, F: Fn(M::Value) -> S<T> + 'static> Bind<M, F> {
    fn strategy(meta: M, f: F) -> S<T> {
        Bind { meta, f }.boxed()
    }
}

impl<M: Strategy, T: std::fmt::Debug, F: Fn(M::Value) -> S<T>> Strategy for Bind<M, F> {
    type Tree = Box<dyn ValueTree<Value = T>>;
    type Value = T;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let meta = self.meta.new_tree(runner)?.current();
        let tree = (self.f)(meta).new_tree(runner)?;
        skip_fork(runner);
        Ok(tree)
    }
}

/// A weighted choice between strategies; options weighing 0 are left out.
fn weighted<T: std::fmt::Debug + 'static>(options: Vec<(u32, S<T>)>) -> S<T> {
    let options: Vec<_> = options.into_iter().filter(|(w, _)| *w > 0).collect();
    assert!(!options.is_empty(), "a choice needs an option of positive weight");
    Choice(options).boxed()
}

/// [`weighted`] in `prop_oneof!`'s syntax (the same draws, see [`Choice`]).
macro_rules! one_of {
    ($($w:expr => $s:expr),+ $(,)?) => { weighted(vec![$(($w, $s.boxed())),+]) };
    ($($s:expr),+ $(,)?) => { weighted(vec![$((1, $s.boxed())),+]) };
}

/// `option_of(s)`: `None` or `Some`, even odds, drawn as it draws.
fn option_of<T: std::fmt::Debug + Clone + 'static>(s: S<T>) -> S<Option<T>> {
    let (some, none) = float_to_weight(0.5);
    weighted(vec![(none, Just(None).boxed()), (some, s.prop_map(Some).boxed())])
}

fn program_strategy(cfg: Rc<Gen>) -> S<Program> {
    let top = Ctx::top(cfg.max_depth);
    let fn_ctx = Ctx { in_async: true, ..top.deeper() };
    let functions = prop::collection::vec(block(cfg.clone(), fn_ctx, true), 0..=cfg.max_functions);
    let async_generators = if cfg.weights.async_generator_decl > 0 {
        prop::collection::vec(generator_body(cfg.clone(), top), 0..=cfg.max_async_generators).boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let subclass = prop::bool::weighted(cfg.weights.promise_subclass_decl as f64 / 20.0);
    let main = prop::collection::vec(stmt(cfg.clone(), top), 1..=cfg.max_top_level.max(1));
    (subclass, functions, async_generators, main)
        .prop_map(|(subclass, functions, async_generators, main)| {
            let mut body = Vec::new();
            if subclass {
                body.push(Stmt::PromiseSubclass { name: NEW_CLASS.into() });
            }
            for f in functions {
                body.push(Stmt::Function {
                    name: NEW_FUNCTION.into(),
                    func: Func::function(true, vec![], f),
                });
            }
            for g in async_generators {
                body.push(Stmt::Function {
                    name: NEW_ASYNC_GENERATOR.into(),
                    func: Func::generator(true, vec![], g),
                });
            }
            body.extend(main);
            Program { body }
        })
        .boxed()
}

/// A block of statements; `returns` allows a final `return`/`throw`.
fn block(cfg: Rc<Gen>, ctx: Ctx, returns: bool) -> S<Vec<Stmt>> {
    let stmts = prop::collection::vec(stmt(cfg.clone(), ctx), 1..=cfg.max_block.max(1));
    if !returns {
        return stmts.boxed();
    }
    let ending = weighted(vec![
        (6, Just(None).boxed()),
        (2, value().prop_map(|v| Some(Stmt::Return(Some(v)))).boxed()),
        (2, promise_expr(cfg.clone(), ctx.deeper()).prop_map(|e| Some(Stmt::Return(Some(e)))).boxed()),
        (1, thenable(cfg.clone(), ctx.deeper()).prop_map(|e| Some(Stmt::Return(Some(e)))).boxed()),
        (cfg.weights.throw_stmt, Just(Some(Stmt::Throw(Expr::str("err")))).boxed()),
    ]);
    (stmts, ending)
        .prop_map(|(mut stmts, end)| {
            stmts.extend(end);
            stmts
        })
        .boxed()
}

fn log_stmt(ctx: Ctx) -> S<Stmt> {
    if ctx.in_loop {
        one_of![
            Just(Stmt::Expr(Expr::log(Expr::str("")))),
            Just(Stmt::Expr(Expr::log(Expr::add(Expr::str(""), Expr::ident(LOOP_VAR))))),
        ]
        .boxed()
    } else {
        Just(Stmt::Expr(Expr::log(Expr::str("")))).boxed()
    }
}

fn stmt(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    lazy(&cfg.clone(), "stmt", ctx, move || {
        let w = &cfg.weights;
        let c = &cfg;
        let mut options: Vec<(u32, S<Stmt>)> = vec![
            (w.log, log_stmt(ctx)),
            (
                w.const_promise,
                chain_base(c.clone(), ctx.deeper())
                    .prop_map(|init| Stmt::Const { name: NEW_PROMISE.into(), init })
                    .boxed(),
            ),
            (w.promise_statement, promise_expr(c.clone(), ctx.deeper()).prop_map(Stmt::Expr).boxed()),
            (
                w.clear_timer,
                Just(Stmt::Expr(Expr::call(Expr::ident("clearTimeout"), vec![Expr::ident(NEW_TIMER)])))
                    .boxed(),
            ),
        ];
        if ctx.may_open_body() {
            options.push((w.call_function, call_function(c.clone(), ctx)));
            options.push((w.timer, timer(c.clone(), ctx)));
            options.push((
                w.microtask,
                callback(c.clone(), ctx)
                    .prop_map(|f| Stmt::Expr(Expr::call(Expr::ident("queueMicrotask"), vec![Expr::Func(f)])))
                    .boxed(),
            ));
        }
        if ctx.in_async {
            options.push((
                w.await_stmt,
                promise_expr(c.clone(), ctx.deeper()).prop_map(|e| Stmt::Expr(Expr::await_(e))).boxed(),
            ));
        }
        if ctx.in_generator {
            options.push((
                w.yield_stmt,
                promise_expr(c.clone(), ctx.deeper())
                    .prop_map(|e| Stmt::Expr(Expr::Yield(Box::new(e))))
                    .boxed(),
            ));
        }
        if !ctx.leaf() {
            options.push((w.try_stmt, try_stmt(c.clone(), ctx)));
            options.push((w.for_of, for_of(c.clone(), ctx)));
            options.push((w.for_each_async, loop_callback(c.clone(), ctx, "forEach", false)));
            options.push((w.all_map_async, loop_callback(c.clone(), ctx, "map", ctx.in_async)));
            options.push((w.iterator_requests, iterator_requests(c.clone(), ctx)));
            if ctx.in_async {
                options.push((w.for_await, for_await(c.clone(), ctx)));
            }
            if ctx.in_generator {
                options.push((
                    w.yield_star,
                    async_iterable(c.clone(), ctx.deeper())
                        .prop_map(|e| Stmt::Expr(Expr::YieldStar(Box::new(e))))
                        .boxed(),
                ));
            }
        }
        weighted(options)
    })
}

/// An async generator's body: statements with yields mixed in, maybe a final
/// `return`/`throw`.
fn generator_body(cfg: Rc<Gen>, ctx: Ctx) -> S<Vec<Stmt>> {
    let body_ctx = ctx.generator_body();
    let yield_of =
        promise_expr(cfg.clone(), body_ctx.deeper()).prop_map(|e| Stmt::Expr(Expr::Yield(Box::new(e))));
    let item = one_of![2 => yield_of, 3 => stmt(cfg.clone(), body_ctx)];
    let ending = weighted(vec![
        (6, Just(None).boxed()),
        (2, promise_expr(cfg.clone(), body_ctx.deeper()).prop_map(|e| Some(Stmt::Return(Some(e)))).boxed()),
        (cfg.weights.throw_stmt, Just(Some(Stmt::Throw(Expr::str("err")))).boxed()),
    ]);
    (prop::collection::vec(item, 1..=cfg.max_block.max(1) + 1), ending)
        .prop_map(|(mut stmts, end)| {
            stmts.extend(end);
            stmts
        })
        .boxed()
}

/// Something `for await` and `yield*` can iterate: an async generator (a
/// declared one or an inline one), an array of promise-valued elements, or
/// a sync generator (both of those through CreateAsyncFromSyncIterator).
fn async_iterable(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    let elements = prop::collection::vec(promise_expr(cfg.clone(), ctx.deeper()), 0..=cfg.max_elements);
    let sync_yield =
        promise_expr(cfg.clone(), ctx.deeper()).prop_map(|e| Stmt::Expr(Expr::Yield(Box::new(e))));
    let sync_body =
        (prop::collection::vec(sync_yield, 1..=cfg.max_elements.max(1)), prop::bool::weighted(0.4)).prop_map(
            |(yields, with_finally)| {
                if with_finally {
                    vec![Stmt::Try { body: yields, catch: None, finally: Some(vec![Stmt::log("")]) }]
                } else {
                    yields
                }
            },
        );
    one_of![
        6 => async_generator_object(cfg, ctx),
        2 => elements.prop_map(Expr::Array),
        2 => sync_body.prop_map(|b| Expr::call(Expr::Func(Func::generator(false, vec![], b)), vec![])),
    ]
    .boxed()
}

/// An async generator object: a call of a declared async generator, or of an inline one.
fn async_generator_object(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    one_of![
        2 => Just(Expr::call(Expr::ident(NEW_ASYNC_GENERATOR), vec![])),
        1 => generator_body(cfg, ctx)
            .prop_map(|b| Expr::call(Expr::Func(Func::generator(true, vec![], b)), vec![])),
    ]
    .boxed()
}

/// `for await (const x of source) { .. }`, sometimes leaving with `break`.
fn for_await(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    let body_ctx = Ctx { in_loop: true, ..ctx.deeper() };
    let brk = prop::bool::weighted(cfg.weights.for_await_break as f64 / 10.0);
    (async_iterable(cfg.clone(), ctx.deeper()), block(cfg, body_ctx, false), brk)
        .prop_map(|(iterable, mut body, brk)| {
            if brk {
                body.push(Stmt::Break);
            }
            Stmt::ForAwait { binding: LoopBinding::Const, var: LOOP_VAR.into(), iterable, body }
        })
        .boxed()
}

/// Requests made directly on a generator object, several before any settles:
/// `(() => { const it = g(); it.next().then(..); it.return(1); ... })();`
fn iterator_requests(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    let inner = ctx.body(false).deeper();
    let request = one_of![
        4 => (value(), option_of(handler(cfg.clone(), inner)))
            .prop_map(|(v, h)| ("next", v, h)),
        2 => (value(), option_of(handler(cfg.clone(), inner)))
            .prop_map(|(v, h)| ("return", v, h)),
        1 => option_of(handler(cfg.clone(), inner)).prop_map(|h| ("throw", Expr::str("e"), h)),
    ];
    (async_generator_object(cfg.clone(), inner), prop::collection::vec(request, 1..=3))
        .prop_map(|(source, requests)| {
            let mut body = vec![Stmt::Const { name: NEW_ITERATOR.into(), init: source }];
            for (method, arg, handler) in requests {
                let call = Expr::method(Expr::ident(NEW_ITERATOR), method, vec![arg]);
                body.push(Stmt::Expr(match handler {
                    Some(h) => Expr::method(call, "then", vec![Expr::Func(h.clone()), Expr::Func(h)]),
                    None => call,
                }));
            }
            Stmt::Expr(Expr::call(Expr::Func(Func::arrow(false, vec![], body)), vec![]))
        })
        .boxed()
}

fn value() -> S<Expr> {
    one_of![
        4 => (1i64..10).prop_map(Expr::Num),
        2 => Just(Expr::str("v")),
        1 => Just(Expr::Undefined),
    ]
    .boxed()
}

fn delay(cfg: &GenConfig) -> S<Expr> {
    (0..=cfg.max_delay.max(0)).prop_map(Expr::Num).boxed()
}

/// `weight` for a construct that calls `setTimeout`, 0 when timers are off.
fn timers(cfg: &GenConfig, weight: u32) -> u32 {
    if cfg.weights.timer > 0 {
        weight
    } else {
        0
    }
}

/// `setTimeout(cb, d)` as a statement, or bound to a name for `clearTimeout`.
fn timer(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    (callback(cfg.clone(), ctx), delay(&cfg), prop::bool::weighted(0.25))
        .prop_map(|(f, d, bind)| {
            let call = Expr::call(Expr::ident("setTimeout"), vec![Expr::Func(f), d]);
            if bind {
                Stmt::Const { name: NEW_TIMER.into(), init: call }
            } else {
                Stmt::Expr(call)
            }
        })
        .boxed()
}

/// A plain callback (timer, microtask): a non-async arrow with a block body.
fn callback(cfg: Rc<Gen>, ctx: Ctx) -> S<Func> {
    Bind::strategy((prop::bool::weighted(0.2), Just(())), move |(is_async, _)| {
        let cfg = cfg.clone();
        memo(&cfg.clone(), "callback", ctx.body(is_async), move || {
            block(cfg.clone(), ctx.body(is_async), false)
                .prop_map(move |b| Func::arrow(is_async, vec![], b))
                .boxed()
        })
    })
}

/// Calls of declared async functions: not awaited, awaited, or chained.
fn call_function(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    let call = || Expr::call(Expr::ident(NEW_FUNCTION), vec![]);
    let mut options = vec![
        (3, Just(Stmt::Expr(call())).boxed()),
        (
            2,
            handler(cfg.clone(), ctx.deeper())
                .prop_map(move |h| Stmt::Expr(Expr::method(call(), "then", vec![Expr::Func(h)])))
                .boxed(),
        ),
    ];
    if ctx.in_async {
        options.push((4, Just(Stmt::Expr(Expr::await_(call()))).boxed()));
    }
    weighted(options)
}

fn try_stmt(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    let inner = ctx.deeper();
    (
        block(cfg.clone(), inner, false),
        option_of(block(cfg.clone(), inner, false)),
        option_of(block(cfg, inner, false)),
    )
        .prop_map(|(body, catch, finally)| {
            let catch = match (catch, &finally) {
                (None, None) => Some(Catch { param: None, body: vec![Stmt::log("")] }),
                (c, _) => c.map(|body| Catch { param: Some(CATCH_VAR.into()), body }),
            };
            Stmt::Try { body, catch, finally }
        })
        .boxed()
}

fn loop_items(cfg: &GenConfig) -> S<Vec<Lit>> {
    (1..=cfg.max_elements.max(1) as i64).prop_map(|n| (1..=n).map(Lit::Num).collect()).boxed()
}

/// `for (const x of [1, 2]) { .. }`, awaiting inside when async.
fn for_of(cfg: Rc<Gen>, ctx: Ctx) -> S<Stmt> {
    let body_ctx = Ctx { in_loop: true, ..ctx.deeper() };
    (loop_items(&cfg), block(cfg, body_ctx, false))
        .prop_map(|(items, body)| Stmt::ForOf {
            binding: LoopBinding::Const,
            var: LOOP_VAR.into(),
            iterable: Expr::Array(items.iter().map(Lit::to_expr).collect()),
            body,
        })
        .boxed()
}

/// `[1, 2].forEach(async (x) => { .. })` or `await Promise.all([1, 2].map(async (x) => { .. }))`.
fn loop_callback(cfg: Rc<Gen>, ctx: Ctx, method: &'static str, awaited: bool) -> S<Stmt> {
    let body_ctx = Ctx { in_loop: true, in_async: true, in_generator: false, ..ctx.opened() };
    (loop_items(&cfg), block(cfg, body_ctx, true))
        .prop_map(move |(items, body)| {
            let array = Expr::Array(items.iter().map(Lit::to_expr).collect());
            let f = Func::arrow(true, vec![LOOP_VAR.into()], body);
            let call = Expr::method(array, method, vec![Expr::Func(f)]);
            if method == "map" {
                let all = Expr::promise_static("all", vec![call]);
                Stmt::Expr(if awaited { Expr::await_(all) } else { all })
            } else {
                Stmt::Expr(call)
            }
        })
        .boxed()
}

/// Something to await, return, resolve with or chain on.
fn promise_expr(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    lazy(&cfg.clone(), "promise_expr", ctx, move || {
        let w = &cfg.weights;
        let c = &cfg;
        let mut options: Vec<(u32, S<Expr>)> = vec![
            (w.plain_value, value()),
            (w.resolved, value().prop_map(|v| Expr::promise_static("resolve", vec![v])).boxed()),
            (w.rejected, Just(Expr::promise_static("reject", vec![Expr::str("r")])).boxed()),
            (w.reference, Just(Expr::ident(NEW_PROMISE)).boxed()),
            (
                w.executor,
                executor(c.clone(), ctx).prop_map(|f| Expr::new(Expr::ident("Promise"), vec![f])).boxed(),
            ),
            (w.thenable, thenable(c.clone(), ctx)),
            (w.subclass, subclass_instance(c.clone(), ctx)),
        ];
        if !ctx.leaf() {
            options.push((
                w.async_iife,
                block(c.clone(), ctx.body(true), true)
                    .prop_map(|b| Expr::call(Expr::Func(Func::arrow(true, vec![], b)), vec![]))
                    .boxed(),
            ));
            options.push((w.chain, chain(c.clone(), ctx)));
            options.push((w.combinator, combinator(c.clone(), ctx)));
        }
        weighted(options)
    })
}

/// `new Promise(executor)`'s executor: resolves at once, later, twice, with a
/// promise, rejects, or throws.
fn executor(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    fn resolve(v: Expr) -> Stmt {
        Stmt::Expr(Expr::call(Expr::ident("resolve"), vec![v]))
    }
    fn reject(v: Expr) -> Stmt {
        Stmt::Expr(Expr::call(Expr::ident("reject"), vec![v]))
    }
    let later = move |host: &'static str, d: Option<Expr>, v: Expr| {
        let cb = Func::arrow(false, vec![], vec![Stmt::log(""), resolve(v)]);
        let mut args = vec![Expr::Func(cb)];
        args.extend(d);
        Stmt::Expr(Expr::call(Expr::ident(host), args))
    };
    let mut bodies: Vec<(u32, S<Vec<Stmt>>)> = vec![
        (4, value().prop_map(move |v| vec![Stmt::log(""), resolve(v)]).boxed()),
        // `weights.timer: 0` turns every `setTimeout` off, this one too.
        (
            timers(&cfg, 3),
            (value(), delay(&cfg)).prop_map(move |(v, d)| vec![later("setTimeout", Some(d), v)]).boxed(),
        ),
        (2, value().prop_map(move |v| vec![later("queueMicrotask", None, v)]).boxed()),
        (1, (value(), value()).prop_map(move |(a, b)| vec![resolve(a), resolve(b)]).boxed()),
        (1, value().prop_map(move |v| vec![resolve(v), reject(Expr::str("r"))]).boxed()),
        (1, Just(vec![reject(Expr::str("r"))]).boxed()),
        (1, Just(vec![Stmt::log(""), Stmt::Throw(Expr::str("x"))]).boxed()),
        (1, value().prop_map(move |v| vec![resolve(v), Stmt::Throw(Expr::str("x"))]).boxed()),
    ];
    if !ctx.leaf() {
        bodies.push((2, promise_expr(cfg.clone(), ctx.deeper()).prop_map(move |p| vec![resolve(p)]).boxed()));
    }
    weighted(bodies)
        .prop_map(|body| Expr::Func(Func::arrow(false, vec!["resolve".into(), "reject".into()], body)))
        .boxed()
}

/// An object with a `then` method (or a `then` getter).
fn thenable(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    fn resolve(v: Expr) -> Stmt {
        Stmt::Expr(Expr::call(Expr::ident("resolve"), vec![v]))
    }
    let method = |body: Vec<Stmt>| {
        Expr::Object(vec![Prop::Method {
            key: "then".into(),
            func: Func::function(false, vec!["resolve".into(), "reject".into()], body),
        }])
    };
    let mut options: Vec<(u32, S<Expr>)> = vec![
        (4, value().prop_map(move |v| method(vec![Stmt::log(""), resolve(v)])).boxed()),
        (
            timers(&cfg, 2),
            (value(), delay(&cfg))
                .prop_map(move |(v, d)| {
                    let cb = Func::arrow(false, vec![], vec![Stmt::log(""), resolve(v)]);
                    method(vec![Stmt::Expr(Expr::call(Expr::ident("setTimeout"), vec![Expr::Func(cb), d]))])
                })
                .boxed(),
        ),
        (1, Just(method(vec![Stmt::log(""), Stmt::Throw(Expr::str("t"))])).boxed()),
        (1, Just(method(vec![Stmt::Expr(Expr::call(Expr::ident("reject"), vec![Expr::str("r")]))])).boxed()),
        (
            1,
            value()
                .prop_map(move |v| {
                    let then = Func::arrow(false, vec!["resolve".into()], vec![resolve(v)]);
                    Expr::Object(vec![Prop::Getter {
                        key: "then".into(),
                        body: vec![Stmt::log(""), Stmt::Return(Some(Expr::Func(then)))],
                    }])
                })
                .boxed(),
        ),
    ];
    if !ctx.leaf() {
        options
            .push((1, promise_expr(cfg, ctx.deeper()).prop_map(move |p| method(vec![resolve(p)])).boxed()));
    }
    weighted(options)
}

/// An instance of `class P extends Promise {}`.
fn subclass_instance(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    one_of![
        value().prop_map(|v| Expr::method(Expr::ident(NEW_CLASS), "resolve", vec![v])),
        executor(cfg, ctx).prop_map(|f| Expr::new(Expr::ident(NEW_CLASS), vec![f])),
    ]
    .boxed()
}

/// A reaction handler: logs, then returns a value, a promise or a thenable, or throws.
fn handler(cfg: Rc<Gen>, ctx: Ctx) -> S<Func> {
    Bind::strategy((prop::bool::weighted(0.25), Just(())), move |(is_async, _)| {
        let cfg = cfg.clone();
        memo(&cfg.clone(), "handler", ctx.body(is_async), move || {
            block(cfg.clone(), ctx.body(is_async), true)
                .prop_map(move |b| Func::arrow(is_async, vec![], b))
                .boxed()
        })
    })
}

/// `p.then(..).catch(..).finally(..)`, one to three links.
fn chain(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    let inner = ctx.deeper();
    let link = {
        let cfg = cfg.clone();
        one_of![
            4 => handler(cfg.clone(), inner).prop_map(|h| ("then", vec![Expr::Func(h)])),
            2 => (handler(cfg.clone(), inner), handler(cfg.clone(), inner))
                .prop_map(|(h, r)| ("then", vec![Expr::Func(h), Expr::Func(r)])),
            2 => handler(cfg.clone(), inner).prop_map(|h| ("catch", vec![Expr::Func(h)])),
            2 => handler(cfg, inner).prop_map(|h| ("finally", vec![Expr::Func(h)])),
        ]
    };
    (chain_base(cfg, inner), prop::collection::vec(link, 1..=3))
        .prop_map(|(base, links)| {
            links.into_iter().fold(base, |acc, (method, args)| Expr::method(acc, method, args))
        })
        .boxed()
}

/// A promise to chain on (`then` on a plain value would only throw).
fn chain_base(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    lazy(&cfg.clone(), "chain_base", ctx, move || {
        let w = &cfg.weights;
        let c = &cfg;
        let mut options: Vec<(u32, S<Expr>)> = vec![
            (w.resolved, value().prop_map(|v| Expr::promise_static("resolve", vec![v])).boxed()),
            (w.rejected, Just(Expr::promise_static("reject", vec![Expr::str("r")])).boxed()),
            (w.reference, Just(Expr::ident(NEW_PROMISE)).boxed()),
            (
                w.executor,
                executor(c.clone(), ctx).prop_map(|f| Expr::new(Expr::ident("Promise"), vec![f])).boxed(),
            ),
            (w.subclass, subclass_instance(c.clone(), ctx)),
        ];
        if !ctx.leaf() {
            options.push((w.chain, chain(c.clone(), ctx)));
            options.push((w.combinator, combinator(c.clone(), ctx)));
        }
        weighted(options)
    })
}

/// `Promise.all/allSettled/race/any([..])` over mixed elements.
fn combinator(cfg: Rc<Gen>, ctx: Ctx) -> S<Expr> {
    let which = one_of![Just("all"), Just("allSettled"), Just("race"), Just("any")];
    let elements = prop::collection::vec(promise_expr(cfg.clone(), ctx.deeper()), 0..=cfg.max_elements);
    (which, elements).prop_map(|(which, xs)| Expr::promise_static(which, vec![Expr::Array(xs)])).boxed()
}

// ---------------------------------------------------------------------------
// Finalization: names and labels.

/// Resolves placeholders and numbers labels. Idempotent on finished programs.
pub fn finalize(mut p: Program) -> Program {
    let mut f = Finalizer::default();
    f.block(&mut p.body);
    p
}

#[derive(Default)]
struct Finalizer {
    /// Bindings visible at the current point, innermost last, with their kind.
    scope: Vec<(Kind, String)>,
    counters: [usize; 8],
    labels: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Promise,
    Timer,
    Function,
    Class,
    LoopVar,
    CatchVar,
    AsyncGenerator,
    Iterator,
}

impl Kind {
    fn of_placeholder(name: &str) -> Option<Kind> {
        Some(match name {
            NEW_PROMISE => Kind::Promise,
            NEW_TIMER => Kind::Timer,
            NEW_FUNCTION => Kind::Function,
            NEW_CLASS => Kind::Class,
            LOOP_VAR => Kind::LoopVar,
            CATCH_VAR => Kind::CatchVar,
            NEW_ASYNC_GENERATOR => Kind::AsyncGenerator,
            NEW_ITERATOR => Kind::Iterator,
            _ => return None,
        })
    }
    fn prefix(self) -> &'static str {
        match self {
            Kind::Promise => "p",
            Kind::Timer => "t",
            Kind::Function => "f",
            Kind::Class => "P",
            Kind::LoopVar => "x",
            Kind::CatchVar => "e",
            Kind::AsyncGenerator => "g",
            Kind::Iterator => "it",
        }
    }
}

impl Finalizer {
    fn fresh(&mut self, kind: Kind) -> String {
        let i = kind as usize;
        let name = format!("{}{}", kind.prefix(), self.counters[i]);
        self.counters[i] += 1;
        name
    }

    /// Declares `name` if it is a placeholder, returning the real name.
    fn declare(&mut self, name: &mut String) {
        if let Some(kind) = Kind::of_placeholder(name) {
            *name = self.fresh(kind);
            self.scope.push((kind, name.clone()));
        }
    }

    /// Most recent visible binding of `kind`.
    fn lookup(&self, kind: Kind) -> Option<String> {
        self.scope.iter().rev().find(|(k, _)| *k == kind).map(|(_, n)| n.clone())
    }

    fn block(&mut self, stmts: &mut [Stmt]) {
        let mark = self.scope.len();
        for s in stmts.iter_mut() {
            self.stmt(s);
        }
        self.scope.truncate(mark);
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::Expr(e) | Stmt::Throw(e) => self.expr(e),
            Stmt::Return(e) => {
                if let Some(e) = e {
                    self.expr(e)
                }
            }
            // The initializer is resolved before the name becomes visible.
            Stmt::Const { name, init } => {
                self.expr(init);
                self.declare(name);
            }
            Stmt::Try { body, catch, finally } => {
                self.block(body);
                if let Some(c) = catch {
                    let mark = self.scope.len();
                    if let Some(p) = &mut c.param {
                        self.pattern(p);
                    }
                    self.block(&mut c.body);
                    self.scope.truncate(mark);
                }
                if let Some(b) = finally {
                    self.block(b);
                }
            }
            Stmt::ForOf { var, body, .. } => {
                let mark = self.scope.len();
                self.pattern(var);
                self.block(body);
                self.scope.truncate(mark);
            }
            // Declared after its body: a function never sees itself, so never recurses.
            Stmt::Function { name, func } => {
                self.func(func);
                self.declare(name);
            }
            Stmt::PromiseSubclass { name } => self.declare(name),
            // Not generated (yet): its name is visible after it.
            Stmt::Class(c) => {
                if let Some(e) = &mut c.extends {
                    self.expr(e);
                }
                if let Some(name) = &mut c.name {
                    self.declare(name);
                }
            }
            Stmt::ForAwait { var, iterable, body, .. } => {
                self.expr(iterable);
                let mark = self.scope.len();
                self.pattern(var);
                self.block(body);
                self.scope.truncate(mark);
            }
            Stmt::Break | Stmt::Continue => {}
            Stmt::While { test, body } => {
                self.expr(test);
                self.block(body);
            }
            Stmt::DoWhile { body, test } => {
                self.block(body);
                self.expr(test);
            }
            Stmt::For { init, test, update, body } => {
                let mark = self.scope.len();
                for s in init.iter_mut() {
                    self.stmt(s);
                }
                if let Some(e) = test {
                    self.expr(e);
                }
                if let Some(e) = update {
                    self.expr(e);
                }
                self.block(body);
                self.scope.truncate(mark);
            }
            // Not generated (yet); resolved like `const`.
            Stmt::Let { name, init } | Stmt::Var { name, init } => {
                if let Some(e) = init {
                    self.expr(e);
                }
                self.declare(name);
            }
            Stmt::If { test, then, otherwise } => {
                self.expr(test);
                self.block(then);
                if let Some(b) = otherwise {
                    self.block(b);
                }
            }
            // Not generated (yet); resolved like `const`.
            Stmt::Destructure { pattern, init, .. } => {
                self.expr(init);
                self.pattern(pattern);
            }
        }
    }

    /// A binding target's defaults, then its names.
    fn pattern(&mut self, p: &mut Pattern) {
        for_each_pattern_child_mut(p, &mut |c| match c {
            ChildMut::Expr(e) => self.expr(e),
            ChildMut::Func(f) => self.func(f),
            ChildMut::Block(b) => self.block(b),
        });
        p.for_each_name_mut(&mut |n| self.declare(n));
    }

    fn func(&mut self, f: &mut Func) {
        let mark = self.scope.len();
        for p in &mut f.params {
            self.pattern(&mut p.target);
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
        }
        if let Some(r) = &mut f.rest {
            self.pattern(r);
        }
        match &mut f.body {
            Body::Block(b) => self.block(b),
            Body::Expr(e) => self.expr(e),
        }
        self.scope.truncate(mark);
    }

    fn expr(&mut self, e: &mut Expr) {
        if let Some(label) = e.as_log_mut() {
            self.label(label);
        }
        match e {
            Expr::Ident(name) => {
                if let Some(kind) = Kind::of_placeholder(name) {
                    *e = match (self.lookup(kind), kind) {
                        (Some(n), _) => Expr::Ident(n),
                        (None, Kind::Promise) => Expr::promise_static("resolve", vec![]),
                        (None, Kind::Function) => Expr::member(Expr::ident("Promise"), "resolve"),
                        (None, Kind::Class) => Expr::ident("Promise"),
                        // No timer to clear: an unknown id, which the host ignores.
                        (None, Kind::Timer) => Expr::Num(0),
                        (None, Kind::LoopVar | Kind::CatchVar) => Expr::str("?"),
                        // No async generator declared: an inline one that yields once.
                        (None, Kind::AsyncGenerator) => Expr::Func(Func::generator(
                            true,
                            vec![],
                            vec![Stmt::Expr(Expr::Yield(Box::new(Expr::Num(1))))],
                        )),
                        (None, Kind::Iterator) => unreachable!("iterators are bound right before their use"),
                    };
                }
            }
            e => for_each_child_mut(e, &mut |child| match child {
                ChildMut::Expr(x) => self.expr(x),
                ChildMut::Func(f) => self.func(f),
                ChildMut::Block(b) => self.block(b),
            }),
        }
    }

    /// Gives an empty label (or the empty prefix of a computed one) the next name.
    fn label(&mut self, label: &mut Expr) {
        if let Some((s, suffix)) = label.label_slot() {
            if s.is_empty() {
                *s = format!("{}{}", label_name(self.labels), suffix);
                self.labels += 1;
            }
        }
    }
}
