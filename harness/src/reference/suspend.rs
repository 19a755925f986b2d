//! `await` and `yield` inside expressions (`log(await p)`, `x = await p`,
//! `(await a) + (await b)`, `f(yield v)`): an expression that holds one is
//! evaluated as an explicit work list on the frame's control stack
//! (`Ctl::Expr`), so it can suspend in its middle and resume with the values
//! of the operands it had evaluated before, in the spec's left-to-right
//! order. Its parts that hold no suspension are evaluated by `Interp::eval`
//! as always.
//!
//! Which expressions hold one is computed once per program
//! (`Interp::suspending`); a program without such an expression never
//! takes this path.

use super::coverage::Step;
use super::heap::*;
use super::interp::*;
use super::machine::*;
use super::patterns::Bind;
use super::Abort;
use generators::model::*;

/// One step of an expression's evaluation. Values are on the `Ctl::Expr`'s
/// value stack; each step pops its operands and pushes its result.
pub enum Work<'p> {
    Eval(&'p Expr),
    Add,
    Binary(BinOp),
    /// The left operand is on the stack; the right one is evaluated unless it short-circuits.
    Logical(LogicalOp, &'p Expr),
    /// The test is on the stack.
    Cond(&'p Expr, &'p Expr),
    Unary(UnaryOp),
    Array(usize),
    /// `object.property`: pops the object.
    Get(&'p str),
    /// A method callee: pops the object, pushes the function and the object as `this`.
    Method(&'p str),
    /// A plain callee: pushes `undefined` as `this`.
    NoThis,
    /// Pops the arguments, `this` and the function.
    Call(usize),
    /// Pops the arguments and the constructor.
    Construct(usize),
    /// A compound assignment reads its target before the right side runs.
    AssignRead(&'p str, AssignOp),
    AssignWrite(&'p str, AssignOp),
    Await,
    Yield,
    /// ToString of the value on top (a template's substitution).
    ToStr,
    /// Pops a template's converted substitutions.
    Template(&'p [String], usize),
}

/// What the value of a whole suspending expression is for.
#[derive(Clone, Copy)]
pub enum ExprDone<'p> {
    /// An expression statement.
    Discard,
    /// A declaration's initializer.
    Bind(Bind<'p>),
    /// `return e` (or a concise arrow body).
    Return,
    Throw,
    /// `if (e)`: the branches.
    If(&'p [Stmt], Option<&'p [Stmt]>),
    /// The iterable of a for-of or for-await loop, and the loop's environment.
    Iterate(&'p Stmt, EnvId),
}

/// The address of every expression that holds an `await`, `yield` or
/// `yield*` of its own function, sorted (empty for most programs).
pub fn suspending_exprs(p: &Program) -> Vec<usize> {
    fn expr(e: &Expr, out: &mut Vec<usize>) -> bool {
        let mut any = matches!(e, Expr::Await(_) | Expr::Yield(_) | Expr::YieldStar(_));
        for_each_child(e, &mut |c| match c {
            Child::Expr(x) => any |= expr(x, out),
            // Another function's (or getter's) suspensions are its own.
            Child::Func(f) => func(f, out),
            Child::Block(b) => block(b, out),
        });
        if any {
            out.push(e as *const Expr as usize);
        }
        any
    }
    fn func(f: &Func, out: &mut Vec<usize>) {
        for_each_func_child(f, &mut |c| child(c, out))
    }
    fn child(c: Child, out: &mut Vec<usize>) {
        match c {
            Child::Expr(x) => {
                expr(x, out);
            }
            Child::Func(f) => func(f, out),
            Child::Block(b) => block(b, out),
        }
    }
    fn block(b: &[Stmt], out: &mut Vec<usize>) {
        for s in b {
            for_each_stmt_child(s, &mut |c| child(c, out))
        }
    }
    let mut out = Vec::new();
    block(&p.body, &mut out);
    out.sort_unstable();
    out
}

fn pop(vals: &mut Vec<Value>) -> Value {
    vals.pop().expect("an operand on the stack")
}

impl<'p> Interp<'p> {
    /// Whether `e` holds a suspension.
    pub fn suspends(&self, e: &Expr) -> bool {
        !self.suspending.is_empty() && self.suspending.binary_search(&(e as *const Expr as usize)).is_ok()
    }

    /// Whether `e` needs the work list: it suspends other than as the
    /// statement heads the machine runs itself (`await x`, `yield x`,
    /// `yield* x` whose operand `x` does not suspend).
    pub fn needs_work_list(&self, e: &Expr) -> bool {
        if !self.suspends(e) {
            return false;
        }
        match e {
            Expr::Await(x) | Expr::Yield(x) | Expr::YieldStar(x) => self.suspends(x),
            _ => true,
        }
    }

    /// Starts evaluating `e` on the work list.
    pub fn push_expr(&mut self, frame: &mut Frame<'p>, e: &'p Expr, env: EnvId, done: ExprDone<'p>) {
        frame.ctl.push(Ctl::Expr { work: vec![Work::Eval(e)], vals: Vec::new(), env, done });
    }

    /// One step of the `Ctl::Expr` on top.
    pub fn expr_step(&mut self, frame: &mut Frame<'p>) -> JsResult<Option<MachineExit>> {
        let Some(Ctl::Expr { work, vals, env, done }) = frame.ctl.last_mut() else { unreachable!() };
        let (env, done) = (*env, *done);
        let Some(w) = work.pop() else {
            let v = vals.pop().expect("a finished expression leaves its value");
            frame.ctl.pop();
            return self.expr_done(frame, v, done, env);
        };
        let mut work = std::mem::take(work);
        let mut vals = std::mem::take(vals);
        let r = self.work_step(frame, w, &mut work, &mut vals, env);
        if let Some(Ctl::Expr { work: w, vals: v, .. }) = frame.ctl.last_mut() {
            *w = work;
            *v = vals;
        }
        match r {
            Ok(exit) => Ok(exit),
            Err(Abrupt::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
            Err(abort) => Err(abort),
        }
    }

    fn work_step(
        &mut self,
        frame: &mut Frame<'p>,
        w: Work<'p>,
        work: &mut Vec<Work<'p>>,
        vals: &mut Vec<Value>,
        env: EnvId,
    ) -> JsResult<Option<MachineExit>> {
        let v = match w {
            Work::Eval(e) => {
                if !self.suspends(e) {
                    let v = self.eval(e, env)?;
                    vals.push(v);
                    return Ok(None);
                }
                self.expand(e, work)?;
                return Ok(None);
            }
            Work::Add => {
                let r = pop(vals);
                let l = pop(vals);
                self.add_values(l, r)?
            }
            Work::Binary(op) => {
                let r = pop(vals);
                let l = pop(vals);
                self.binary(op, l, r)?
            }
            Work::Logical(op, right) => {
                let l = pop(vals);
                let short = match op {
                    LogicalOp::And => !self.to_boolean(&l),
                    LogicalOp::Or => self.to_boolean(&l),
                    LogicalOp::Nullish => !matches!(l, Value::Undefined | Value::Null),
                };
                if !short {
                    work.push(Work::Eval(right));
                    return Ok(None);
                }
                l
            }
            Work::Cond(then, otherwise) => {
                let t = pop(vals);
                work.push(Work::Eval(if self.to_boolean(&t) { then } else { otherwise }));
                return Ok(None);
            }
            Work::Unary(op) => {
                let x = pop(vals);
                self.unary(op, x)?
            }
            Work::Array(n) => {
                let items = vals.split_off(vals.len() - n);
                self.new_array(items)
            }
            Work::Get(property) => {
                let o = pop(vals);
                self.get_member(&o, property, env)?
            }
            Work::Method(property) => {
                let o = pop(vals);
                let f = self.get_member(&o, property, env)?;
                vals.push(f);
                o
            }
            Work::NoThis => Value::Undefined,
            Work::Call(n) => {
                let args = vals.split_off(vals.len() - n);
                let this = vals.pop().expect("this");
                let f = vals.pop().expect("the callee");
                if !self.is_callable(&f) {
                    return self.throw_type_error();
                }
                self.call(&f, &this, &args)?
            }
            Work::Construct(n) => {
                let args = vals.split_off(vals.len() - n);
                let ctor = vals.pop().expect("the constructor");
                self.construct(&ctor, &args)?
            }
            Work::AssignRead(target, op) => {
                if op.is_plain() {
                    return Ok(None);
                }
                self.lookup(target, env)?
            }
            Work::AssignWrite(target, op) => {
                let r = pop(vals);
                let v = match op {
                    AssignOp::Plain => r,
                    op => {
                        let l = pop(vals);
                        self.compound(op, l, r)?
                    }
                };
                self.set_variable(target, env, v.clone())?;
                v
            }
            Work::ToStr => {
                let v = pop(vals);
                let s = self.to_string(&v)?;
                Value::Str(std::rc::Rc::from(s))
            }
            Work::Template(quasis, n) => {
                let parts = vals
                    .split_off(vals.len() - n)
                    .into_iter()
                    .map(|v| match v {
                        Value::Str(s) => s.to_string(),
                        _ => unreachable!("converted by ToStr"),
                    })
                    .collect();
                self.template_string(quasis, parts)?
            }
            Work::Await => {
                let v = pop(vals);
                frame.target = Target::Ctl;
                return Ok(Some(MachineExit::Await(v)));
            }
            Work::Yield => {
                let v = pop(vals);
                if matches!(frame.owner, Owner::AsyncGenerator(_)) {
                    // AsyncGeneratorYield(? Await(v)).
                    self.mark(Step::AsyncGeneratorYieldAwaits);
                    frame.target = Target::YieldAwaitedCtl;
                    return Ok(Some(MachineExit::Await(v)));
                }
                if matches!(frame.owner, Owner::Generator) {
                    frame.target = Target::Ctl;
                    return Ok(Some(MachineExit::Yield(v)));
                }
                return Err(Abort::Unsupported("yield outside a generator".into()).into());
            }
        };
        vals.push(v);
        Ok(None)
    }

    /// Pushes the steps that evaluate `e` (which suspends somewhere inside),
    /// in reverse, so they pop in evaluation order.
    fn expand(&mut self, e: &'p Expr, work: &mut Vec<Work<'p>>) -> JsResult<()> {
        let mut steps: Vec<Work<'p>> = Vec::new();
        match e {
            Expr::Await(x) => steps.extend([Work::Eval(x), Work::Await]),
            Expr::Yield(x) => steps.extend([Work::Eval(x), Work::Yield]),
            Expr::YieldStar(_) => return Err(Abort::Unsupported("yield* inside an expression".into()).into()),
            Expr::Add(a, b) => steps.extend([Work::Eval(a), Work::Eval(b), Work::Add]),
            Expr::Binary { op, left, right } => {
                steps.extend([Work::Eval(left), Work::Eval(right), Work::Binary(*op)])
            }
            Expr::Logical { op, left, right } => steps.extend([Work::Eval(left), Work::Logical(*op, right)]),
            Expr::Cond { test, then, otherwise } => {
                steps.extend([Work::Eval(test), Work::Cond(then, otherwise)])
            }
            Expr::Unary { op, operand } => steps.extend([Work::Eval(operand), Work::Unary(*op)]),
            Expr::Array(xs) => {
                steps.extend(xs.iter().map(Work::Eval));
                steps.push(Work::Array(xs.len()));
            }
            Expr::Call { callee, args } => {
                match &**callee {
                    Expr::Member { object, property } => {
                        steps.extend([Work::Eval(object), Work::Method(property)])
                    }
                    callee => steps.extend([Work::Eval(callee), Work::NoThis]),
                }
                steps.extend(args.iter().map(Work::Eval));
                steps.push(Work::Call(args.len()));
            }
            Expr::New { callee, args } => {
                steps.push(Work::Eval(callee));
                steps.extend(args.iter().map(Work::Eval));
                steps.push(Work::Construct(args.len()));
            }
            Expr::Member { object, property } => steps.extend([Work::Eval(object), Work::Get(property)]),
            Expr::Assign { target, op, value } => steps.extend([
                Work::AssignRead(target, *op),
                Work::Eval(value),
                Work::AssignWrite(target, *op),
            ]),
            Expr::Template { quasis, exprs } => {
                for x in exprs {
                    steps.extend([Work::Eval(x), Work::ToStr]);
                }
                steps.push(Work::Template(quasis, exprs.len()));
            }
            Expr::Object(_) => {
                return Err(Abort::Unsupported("await or yield inside an object literal".into()).into())
            }
            Expr::Index { .. } | Expr::SetMember { .. } | Expr::UpdateMember { .. } => {
                return Err(Abort::Unsupported("await or yield inside a property reference".into()).into())
            }
            Expr::Spread(_) => {
                return Err(Abort::Unsupported("spread beside an await or yield".into()).into())
            }
            Expr::SuperCall(_) | Expr::Class(_) => {
                return Err(Abort::Unsupported("await or yield inside `super(..)` or a class".into()).into())
            }
            Expr::Undefined
            | Expr::Null
            | Expr::Bool(_)
            | Expr::Num(_)
            | Expr::Str(_)
            | Expr::Ident(_)
            | Expr::Func(_)
            | Expr::NamedFunc { .. }
            | Expr::This
            | Expr::SuperMember(_)
            | Expr::Update { .. } => unreachable!("holds no suspension of its own function"),
        }
        work.extend(steps.into_iter().rev());
        Ok(())
    }

    /// The whole expression's value goes where its statement says.
    fn expr_done(
        &mut self,
        frame: &mut Frame<'p>,
        v: Value,
        done: ExprDone<'p>,
        env: EnvId,
    ) -> JsResult<Option<MachineExit>> {
        match done {
            ExprDone::Discard => Ok(None),
            ExprDone::Bind(b) => match self.bind_result(b, v) {
                Err(Abrupt::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
                r => r.map(|()| None),
            },
            ExprDone::Return => {
                // `return v` in an async generator awaits v.
                if matches!(frame.owner, Owner::AsyncGenerator(_)) {
                    frame.target = Target::Return;
                    return Ok(Some(MachineExit::Await(v)));
                }
                self.unwind(frame, Completion::Return(v))
            }
            ExprDone::Throw => self.unwind(frame, Completion::Throw(v)),
            ExprDone::If(then, otherwise) => {
                let branch = if self.to_boolean(&v) { Some(then) } else { otherwise };
                if let Some(stmts) = branch {
                    let env = self.block_env(stmts, env);
                    frame.ctl.push(Ctl::Block { stmts, idx: 0, env });
                }
                Ok(None)
            }
            ExprDone::Iterate(s, outer) => match self.start_iteration(frame, s, &v, outer) {
                Err(Abrupt::Throw(e)) => self.unwind(frame, Completion::Throw(e)),
                r => r,
            },
        }
    }

    /// A suspended `Ctl::Expr` takes its resumption: the awaited (or sent) value.
    pub fn expr_resume(&mut self, frame: &mut Frame<'p>, input: Completion) -> JsResult<Option<MachineExit>> {
        match input {
            Completion::Normal(v) => {
                let Some(Ctl::Expr { vals, .. }) = frame.ctl.last_mut() else { unreachable!() };
                vals.push(v);
                Ok(None)
            }
            // A generator resumed by `return(v)`: an async generator awaits v
            // first (AsyncGeneratorUnwrapYieldResumption).
            Completion::Return(v) if matches!(frame.owner, Owner::AsyncGenerator(_)) => {
                self.mark(Step::AsyncGeneratorUnwrapReturn);
                frame.target = Target::Return;
                Ok(Some(MachineExit::Await(v)))
            }
            c => self.unwind(frame, c),
        }
    }
}
