//! Spec-step coverage: every step of the reference's algorithms that
//! branches or enqueues a job has a stable name, and a run counts the steps
//! it took. The list below is the whole of what the reference implements:
//! each entry is marked at its site (`self.mark(Step::X)`), and
//! `harness/tests/coverage.rs` checks that every declared step has a mark
//! site in the reference's source, so the total cannot drift from the code.
//!
//! Section numbers and algorithm names are those of the current ECMA-262
//! draft as its machine-readable index (`@tc39/ecma262-biblio` 2.2.3180)
//! numbers them, with Explicit Resource Management merged (Promise objects
//! are §27.5 there, §27.2 in ES2025). A step is named by its algorithm and
//! the branch it takes in words: the draft's step numbers move with every
//! editorial change, and were not checked one by one.

/// Declares the steps: `Ident => "section Algorithm: branch"`.
macro_rules! spec_steps {
    ($($id:ident => $name:literal,)*) => {
        /// One implemented spec step.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Step { $($id,)* }

        impl Step {
            /// Every implemented step, in declaration order (the index is `Step as usize`).
            pub const ALL: &'static [Step] = &[$(Step::$id,)*];
            /// The identifiers as written in the source, for the drift test.
            pub const IDENTS: &'static [&'static str] = &[$(stringify!($id),)*];

            /// The stable name: section, algorithm, branch.
            pub fn name(self) -> &'static str {
                match self { $(Step::$id => $name,)* }
            }
        }
    };
}

spec_steps! {
    // §27.5.1.3 CreateResolvingFunctions: the resolve and reject closures.
    ResolveAlreadyResolved => "27.5.1.3 CreateResolvingFunctions resolve: alreadyResolved, ignored",
    ResolveSelf => "27.5.1.3 CreateResolvingFunctions resolve: resolution is the promise, reject with a TypeError",
    ResolveNonObject => "27.5.1.3 CreateResolvingFunctions resolve: resolution not an Object, FulfillPromise",
    ResolveThenThrows => "27.5.1.3 CreateResolvingFunctions resolve: Get(resolution, \"then\") throws, RejectPromise",
    ResolveThenNotCallable => "27.5.1.3 CreateResolvingFunctions resolve: then not callable, FulfillPromise",
    ResolveThenable => "27.5.1.3 CreateResolvingFunctions resolve: then callable, enqueue NewPromiseResolveThenableJob",
    RejectAlreadyResolved => "27.5.1.3 CreateResolvingFunctions reject: alreadyResolved, ignored",
    Reject => "27.5.1.3 CreateResolvingFunctions reject: RejectPromise",
    // §27.5.1.5 NewPromiseCapability with a constructor other than %Promise%.
    CapabilityNotConstructor => "27.5.1.5 NewPromiseCapability: C not a constructor, TypeError",
    CapabilityConstruct => "27.5.1.5 NewPromiseCapability: Construct(C, executor)",
    CapabilityExecutorTwice => "27.5.1.5 NewPromiseCapability executor: resolve or reject already set, TypeError",
    CapabilityNotCallable => "27.5.1.5 NewPromiseCapability: resolve or reject not callable, TypeError",
    // §27.5.1.8 TriggerPromiseReactions.
    TriggerReaction => "27.5.1.8 TriggerPromiseReactions: enqueue NewPromiseReactionJob",
    // §27.5.2 Promise jobs.
    ReactionPassFulfill => "27.5.2.1 NewPromiseReactionJob: handler empty, Fulfill, value passes on",
    ReactionPassReject => "27.5.2.1 NewPromiseReactionJob: handler empty, Reject, reason passes on",
    ReactionCallHandler => "27.5.2.1 NewPromiseReactionJob: HostCallJobCallback(handler)",
    ReactionNoCapability => "27.5.2.1 NewPromiseReactionJob: promiseCapability undefined (Await, AsyncGeneratorAwaitReturn)",
    ReactionRejectDerived => "27.5.2.1 NewPromiseReactionJob: handlerResult abrupt, Call(capability.[[Reject]])",
    ReactionResolveDerived => "27.5.2.1 NewPromiseReactionJob: handlerResult normal, Call(capability.[[Resolve]])",
    ThenableJobCallThen => "27.5.2.2 NewPromiseResolveThenableJob: HostCallJobCallback(then, thenable)",
    ThenableJobThenThrows => "27.5.2.2 NewPromiseResolveThenableJob: then throws, Call(resolvingFunctions.[[Reject]])",
    // §27.5.3.1 Promise ( executor ).
    ConstructorNotCallable => "27.5.3.1 Promise: executor not callable, TypeError",
    ConstructorExecutorThrows => "27.5.3.1 Promise: executor throws, Call(resolvingFunctions.[[Reject]])",
    // §27.5.4 Promise constructor functions.
    GetPromiseResolveNotCallable => "27.5.4.1.1 GetPromiseResolve: promiseResolve not callable, TypeError",
    CombinatorThenAll => "27.5.4.1.2 PerformPromiseAll: Invoke(nextPromise, \"then\", resolveElement, reject)",
    CombinatorThenAllSettled => "27.5.4.2.1 PerformPromiseAllSettled: Invoke(nextPromise, \"then\", onFulfilled, onRejected)",
    CombinatorThenAny => "27.5.4.3.1 PerformPromiseAny: Invoke(nextPromise, \"then\", resolve, rejectElement)",
    CombinatorThenRace => "27.5.4.5.1 PerformPromiseRace: Invoke(nextPromise, \"then\", resolve, reject)",
    CombinatorDoneAtEnd => "27.5.4.1.2 PerformPromiseAll (and AllSettled, Any): iteration done, remainingElements 0, settle",
    CombinatorElementCalledTwice => "27.5.4.1.2 PerformPromiseAll element functions: alreadyCalled, ignored",
    CombinatorElementLast => "27.5.4.1.2 PerformPromiseAll element functions: remainingElements 0, settle",
    CombinatorAbrupt => "27.5.4.1 Promise.all (and allSettled, any, race): IfAbruptRejectPromise",
    PromiseResolveSameConstructor => "27.5.4.7.1 PromiseResolve: IsPromise(x) and x.constructor is C, return x",
    PromiseResolveNewCapability => "27.5.4.7.1 PromiseResolve: NewPromiseCapability(C), Call(resolve, x)",
    PromiseTryNormal => "27.5.4.8 Promise.try: callback returns, Call(capability.[[Resolve]])",
    PromiseTryThrows => "27.5.4.8 Promise.try: callback throws, Call(capability.[[Reject]])",
    // §27.5.5 Promise.prototype.
    FinallyNotCallable => "27.5.5.3 Promise.prototype.finally: onFinally not callable, passed to then as is",
    ThenFinally => "27.5.5.3 Promise.prototype.finally thenFinally: PromiseResolve(C, result), then(valueThunk)",
    CatchFinally => "27.5.5.3 Promise.prototype.finally catchFinally: PromiseResolve(C, result), then(thrower)",
    ThenPending => "27.5.5.4.1 PerformPromiseThen: promise pending, append the reactions",
    ThenFulfilled => "27.5.5.4.1 PerformPromiseThen: promise fulfilled, enqueue NewPromiseReactionJob",
    ThenRejected => "27.5.5.4.1 PerformPromiseThen: promise rejected, enqueue NewPromiseReactionJob",
    // §27.10.5 Async function abstract operations.
    Await => "27.10.5.3 Await: PromiseResolve(%Promise%, value), PerformPromiseThen, suspend",
    AwaitPromiseResolveThrows => "27.10.5.3 Await: PromiseResolve throws, the await throws",
    AsyncBlockReturn => "27.10.5.2 AsyncBlockStart: body returns, Call(promiseCapability.[[Resolve]])",
    AsyncBlockThrow => "27.10.5.2 AsyncBlockStart: body throws, Call(promiseCapability.[[Reject]])",
    // §27.8.3 Generator abstract operations.
    GeneratorExecuting => "27.8.3.2 GeneratorValidate: generator executing, TypeError",
    GeneratorResumeStart => "27.8.3.3 GeneratorResume: suspended-start, run the body",
    GeneratorAbruptWhileDone => "27.8.3.4 GeneratorResumeAbrupt: suspended-start or completed, complete at once",
    GeneratorResumeYield => "27.8.3.3 GeneratorResume (and ResumeAbrupt): suspended-yield, resume",
    GeneratorYield => "27.8.3.6 GeneratorYield: suspend with an iterator result",
    GeneratorDone => "27.8.3.1 GeneratorStart: body completes, iterator result done",
    // §27.9 AsyncGenerator objects.
    AsyncGeneratorInvalid => "27.9.3.3 AsyncGeneratorValidate: not an async generator, reject",
    AsyncGeneratorNextCompleted => "27.9.1.2 %AsyncGeneratorPrototype%.next: completed, resolve {undefined, done}",
    AsyncGeneratorThrowCompleted => "27.9.1.4 %AsyncGeneratorPrototype%.throw: suspended-start or completed, reject",
    AsyncGeneratorReturnStart => "27.9.1.3 %AsyncGeneratorPrototype%.return: suspended-start or completed, AsyncGeneratorAwaitReturn",
    AsyncGeneratorEnqueueWaits => "27.9.3.4 AsyncGeneratorEnqueue: executing or draining-queue, the request waits",
    AsyncGeneratorResume => "27.9.3.6 AsyncGeneratorResume",
    AsyncGeneratorYieldAwaits => "27.8.3.7 Yield: in an async generator, AsyncGeneratorYield(? Await(value))",
    AsyncGeneratorYieldQueued => "27.9.3.8 AsyncGeneratorYield: a request is queued, resume at once",
    AsyncGeneratorYieldSuspend => "27.9.3.8 AsyncGeneratorYield: queue empty, suspended-yield",
    AsyncGeneratorUnwrapReturn => "27.9.3.7 AsyncGeneratorUnwrapYieldResumption: return completion, Await(value)",
    AsyncGeneratorStartDone => "27.9.3.2 AsyncGeneratorStart: body completes, AsyncGeneratorCompleteStep, DrainQueue",
    AsyncGeneratorCompleteNormal => "27.9.3.5 AsyncGeneratorCompleteStep: normal, resolve with an iterator result",
    AsyncGeneratorCompleteThrow => "27.9.3.5 AsyncGeneratorCompleteStep: throw, reject",
    AsyncGeneratorAwaitReturn => "27.9.3.9 AsyncGeneratorAwaitReturn: PromiseResolve, PerformPromiseThen",
    AsyncGeneratorAwaitReturnThrows => "27.9.3.9 AsyncGeneratorAwaitReturn: PromiseResolve throws, AsyncGeneratorCompleteStep",
    AsyncGeneratorAwaitReturnSettled => "27.9.3.9 AsyncGeneratorAwaitReturn: onFulfilled or onRejected, CompleteStep, DrainQueue",
    AsyncGeneratorDrainEmpty => "27.9.3.10 AsyncGeneratorDrainQueue: queue empty, completed",
    AsyncGeneratorDrainReturn => "27.9.3.10 AsyncGeneratorDrainQueue: return request, AsyncGeneratorAwaitReturn",
    AsyncGeneratorDrainComplete => "27.9.3.10 AsyncGeneratorDrainQueue: next or throw request, AsyncGeneratorCompleteStep",
    // §27.1.5 Async-from-sync iterators.
    CreateAsyncFromSync => "7.4.4 GetIterator: async, no @@asyncIterator, CreateAsyncFromSyncIterator",
    AsyncFromSyncNext => "27.1.5.2.1 %AsyncFromSyncIteratorPrototype%.next: IteratorNext, Continuation",
    AsyncFromSyncReturnMissing => "27.1.5.2.2 %AsyncFromSyncIteratorPrototype%.return: no return, resolve {value, done}",
    AsyncFromSyncReturn => "27.1.5.2.2 %AsyncFromSyncIteratorPrototype%.return: Call(return), Continuation",
    AsyncFromSyncThrowMissing => "27.1.5.2.3 %AsyncFromSyncIteratorPrototype%.throw: no throw, IteratorClose, reject with a TypeError",
    AsyncFromSyncThrow => "27.1.5.2.3 %AsyncFromSyncIteratorPrototype%.throw: Call(throw), Continuation",
    AsyncFromSyncResultNotObject => "27.1.5.2 %AsyncFromSyncIteratorPrototype% methods: result not an Object, reject with a TypeError",
    AsyncFromSyncContinuation => "27.1.5.4 AsyncFromSyncIteratorContinuation: PromiseResolve(value), PerformPromiseThen(unwrap)",
    AsyncFromSyncCloseOnRejection => "27.1.5.4 AsyncFromSyncIteratorContinuation: not done, closeOnRejection, onRejected closes the iterator",
    AsyncFromSyncValueThrowsClose => "27.1.5.4 AsyncFromSyncIteratorContinuation: PromiseResolve throws, closeOnRejection, IteratorClose",
    AsyncFromSyncCloseRejected => "27.1.5.4 AsyncFromSyncIteratorContinuation closeIterator: rejection closes the sync iterator",
    // §7.4 Operations on iterator objects.
    IteratorCloseNoReturn => "7.4.11 IteratorClose: no return method",
    IteratorCloseCallReturn => "7.4.11 IteratorClose: Call(return)",
    AsyncIteratorCloseNoReturn => "7.4.15 AsyncIteratorClose: no return method",
    AsyncIteratorCloseAwait => "7.4.15 AsyncIteratorClose: Call(return), Await(innerResult)",
    AsyncIteratorCloseNotObject => "7.4.15 AsyncIteratorClose: innerResult not an Object, TypeError",
    // §14.7.5.7 ForIn/OfBodyEvaluation with iteratorKind async.
    ForAwaitNext => "14.7.5.7 ForIn/OfBodyEvaluation: async, Await(Call(next))",
    ForAwaitDone => "14.7.5.7 ForIn/OfBodyEvaluation: async, result done, leave the loop",
    ForAwaitBody => "14.7.5.7 ForIn/OfBodyEvaluation: async, bind the value, run the body",
    ForAwaitResultNotObject => "14.7.5.7 ForIn/OfBodyEvaluation: async, result not an Object, TypeError",
    // §15.5.5 YieldExpression : yield * AssignmentExpression, in async generators.
    DelegateCall => "15.5.5 Evaluation yield*: Call(next, throw or return), Await(innerResult)",
    DelegateYield => "15.5.5 Evaluation yield*: not done, AsyncGeneratorYield(IteratorValue)",
    DelegateDone => "15.5.5 Evaluation yield*: done, the value of yield* (or return it)",
    DelegateNoReturn => "15.5.5 Evaluation yield*: return received, no return method, Await(value), return",
    DelegateNoThrow => "15.5.5 Evaluation yield*: throw received, no throw method, AsyncIteratorClose, TypeError",
    DelegateNotObject => "15.5.5 Evaluation yield*: innerResult not an Object, TypeError",
    // §9.5 host hooks and the host of DESIGN.md §1.
    HostEnqueuePromiseJob => "9.5.5 HostEnqueuePromiseJob: a job joins the FIFO queue",
    HostQueueMicrotask => "host queueMicrotask: HostEnqueueGenericJob of the callback",
    HostSetTimeout => "host setTimeout: a timer task, due at now + delay",
    HostTimerTask => "host timers: the earliest (due, id) timer runs as a task",
    HostUncaught => "host: an exception escapes a task or job, !uncaught",
}

/// How many times a run took each step, indexed by `Step as usize`.
#[derive(Clone, PartialEq, Eq)]
pub struct StepCounts(pub [u32; Step::ALL.len()]);

impl Default for StepCounts {
    fn default() -> Self {
        StepCounts([0; Step::ALL.len()])
    }
}

impl std::fmt::Debug for StepCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.hit().map(Step::name)).finish()
    }
}

impl StepCounts {
    #[inline]
    pub fn mark(&mut self, step: Step) {
        let slot = &mut self.0[step as usize];
        *slot = slot.saturating_add(1);
    }

    pub fn count(&self, step: Step) -> u32 {
        self.0[step as usize]
    }

    /// The steps taken at least once, in declaration order.
    pub fn hit(&self) -> impl Iterator<Item = Step> + '_ {
        Step::ALL.iter().copied().filter(|s| self.0[*s as usize] > 0)
    }

    /// The steps never taken, in declaration order.
    pub fn missed(&self) -> impl Iterator<Item = Step> + '_ {
        Step::ALL.iter().copied().filter(|s| self.0[*s as usize] == 0)
    }
}

impl super::interp::Interp<'_> {
    /// Notes that `step` was taken: counted, and in an explained run
    /// listed on the job that took it.
    #[inline]
    pub fn mark(&mut self, step: Step) {
        self.spec_steps.mark(step);
        self.last_step = Some(step);
        if let (Some(log), Some(j)) = (&mut self.job_log, self.current_job) {
            let steps = &mut log[j].steps;
            if !steps.contains(&step) {
                steps.push(step);
            }
        }
    }
}
