//! The timeline picture of one program on several backends, as inline SVG:
//! one lane per backend (or per side of a bucket); in each, the script task
//! and every timer task as bands in run order; in each band, its jobs as
//! boxes numbered as the trace numbers them (job 0 is the task body), each
//! holding the events it logged; an arrow from every job to the job that
//! enqueued it; the first difference highlighted. Hovering or focusing a box
//! (every box is a tab stop) shows its mechanism.
//!
//! Where the boxes and arrows come from, per lane:
//! - the reference and its mutants explain their own runs (every job, what
//!   enqueued it, its mechanism): solid arrows;
//! - an engine reports task indices (and some, job indices): its events are
//!   matched by label (k-th occurrence to k-th occurrence) to the events of
//!   the reference, whose explanation supplies the mechanism and the dashed
//!   arrows, drawn to the nearest job of the chain the lane shows;
//! - a report's engine side has only labels: one band, boxes as matched.
//!
//! [`build`] is the layout as data (unit-tested), [`svg`] draws it.

use super::html::esc;
use crate::campaign::summary::BucketSummary;
use crate::outcome::{Event, Limits, Outcome, Status};
use crate::reference::{run_explained, Explained, Mutant};
use generators::model::Program;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The most job boxes drawn per lane: a minimized repro has a few dozen;
/// a long program's lane stops there and says how many events it left out.
pub const MAX_BOXES: usize = 300;

/// The most events drawn in one box (the rest are counted), and listed in
/// its description.
const MAX_BOX_EVENTS: usize = 12;
const MAX_LISTED_EVENTS: usize = 20;

/// The highlight of the first difference (a box's fill). Used nowhere else
/// on a report page, so a screenshot test can find it by its pixels.
pub const HIGHLIGHT: &str = "#ffd8b5";

/// One backend's run (or one side of a bucket), as the timeline takes it.
pub struct LaneInput<'a> {
    /// The backend, or the backends of one side.
    pub name: String,
    /// Said under the name, e.g. `same log: boa, v8`.
    pub note: Option<String>,
    /// How the run ended; `None` when that was not recorded.
    pub status: Option<Status>,
    pub detail: Option<String>,
    pub trace: Vec<Event>,
    /// Whether `trace` has the backend's own task indices (false: labels only).
    pub tasks_known: bool,
    /// The backend's own explanation (the reference or a mutant); used only
    /// when it gave exactly `trace`.
    pub explained: Option<&'a Explained>,
}

/// Where a lane's boxes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The backend's own explanation: exact jobs and arrows.
    Explained,
    /// The backend's task (and maybe job) indices; arrows from the reference.
    Tasks,
    /// Labels only; tasks, jobs and arrows from the reference.
    Labels,
}

#[derive(Debug)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    /// The index of the first event where the lanes' traces differ.
    pub first: Option<usize>,
}

#[derive(Debug)]
pub struct Lane {
    pub name: String,
    pub note: Option<String>,
    pub status: Option<Status>,
    pub detail: Option<String>,
    pub source: Source,
    pub bands: Vec<Band>,
    pub arrows: Vec<Arrow>,
    /// Events not drawn (past [`MAX_BOXES`]).
    pub omitted: usize,
    /// The trace ended before the first difference: its end is highlighted.
    pub ends_at_first: bool,
    /// Its events were matched to the reference's (there was one to match).
    pub matched: bool,
}

/// A task: the script (task 0) or a timer callback.
#[derive(Debug)]
pub struct Band {
    /// `None` in a labels-only lane.
    pub task: Option<u32>,
    pub caption: String,
    pub boxes: Vec<JobBox>,
}

#[derive(Debug)]
pub struct JobBox {
    /// The job index the backend reported; `None` when it does not count jobs.
    pub job: Option<u32>,
    /// Shown in the box: number and mechanism, short.
    pub header: String,
    /// Shown on hover and focus: what the job is and why it ran.
    pub mechanism: String,
    /// (index in the trace, label) of the events it logged.
    pub events: Vec<(usize, String)>,
    /// It logged the first differing event.
    pub first: bool,
}

/// A box of a lane: (band, box within the band).
pub type BoxRef = (usize, usize);

/// From a job to the job that enqueued it (or set its timer).
#[derive(Debug, PartialEq, Eq)]
pub struct Arrow {
    pub from: BoxRef,
    pub to: BoxRef,
    /// Solid: the lane's own explanation. Dashed: the reference's.
    pub exact: bool,
    /// Jobs of the reference's chain in between that the lane does not show.
    pub skipped: usize,
}

/// A job of an explained run: a task body or a checkpoint job (`Explained::jobs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RefJob {
    Body(u32),
    Job(usize),
}

/// Lanes for the outcomes of `names` on one program: the reference and its
/// mutants explained by themselves (when `model` is there), the engines
/// matched to the reference's explanation.
pub fn for_outcomes(
    model: Option<&Program>,
    names: &[&str],
    outcomes: &[Outcome],
    max_steps: u64,
    id: &str,
) -> String {
    let mutants: Vec<Option<Mutant>> = names.iter().map(|n| mutant_of(n)).collect();
    let mut explained: HashMap<Mutant, Explained> = HashMap::new();
    if let Some(model) = model {
        for m in [Mutant::None].into_iter().chain(mutants.iter().flatten().copied()) {
            explained.entry(m).or_insert_with(|| run_explained(model, m, max_steps));
        }
    }
    let lanes: Vec<LaneInput> = names
        .iter()
        .zip(outcomes)
        .zip(&mutants)
        .map(|((name, o), m)| LaneInput {
            name: name.to_string(),
            note: None,
            status: Some(o.status),
            detail: o.detail.clone(),
            trace: o.trace.clone(),
            tasks_known: true,
            explained: m.and_then(|m| explained.get(&m)),
        })
        .collect();
    svg(&build(&lanes, explained.get(&Mutant::None)), id)
}

/// Lanes for a bucket of a report, one per side, from what the campaign
/// recorded (each side's log) and the reference re-run on the repro: a side
/// with the reference or a mutant is explained by it, when it gives the
/// side's log; the others are matched by label. `Err` says why there is no
/// timeline.
pub fn for_bucket(b: &BucketSummary, id: &str) -> Result<String, String> {
    let model = crate::frontend::parse_program(&b.repro_js, &format!("{}.js", b.repro))
        .map_err(|e| format!("the reference cannot run the repro ({e})"))?;
    let max_steps = Limits::default().max_steps;
    let reference = run_explained(&model, Mutant::None, max_steps);
    if reference.outcome.status == Status::Unsupported {
        let why = reference.outcome.detail.unwrap_or_default();
        return Err(format!("the reference does not model the repro ({why})"));
    }
    let sides: Vec<(&Vec<String>, &Vec<String>)> = b.groups.iter().zip(&b.traces).collect();
    // Per side: the backend that explains it (the reference first) and its run.
    let own: Vec<Option<(String, Explained)>> = sides
        .iter()
        .map(|(group, log)| {
            let mut explainers: Vec<(&String, Mutant)> =
                group.iter().filter_map(|n| mutant_of(n).map(|m| (n, m))).collect();
            explainers.sort_by_key(|(n, _)| n.len());
            let (name, m) = explainers.first()?;
            let ex = run_explained(&model, *m, max_steps);
            (ex.outcome.labels() == log.iter().map(String::as_str).collect::<Vec<_>>())
                .then(|| (name.to_string(), ex))
        })
        .collect();
    let lanes: Vec<LaneInput> = sides
        .iter()
        .zip(&own)
        .enumerate()
        .map(|(i, ((group, log), own))| {
            let letter = super::html::side_letter(i);
            match own {
                Some((name, ex)) => {
                    let others: Vec<&str> = group.iter().filter(|n| *n != name).map(String::as_str).collect();
                    LaneInput {
                        name: format!("{letter}: {name}"),
                        note: (!others.is_empty()).then(|| format!("same log: {}", others.join(", "))),
                        status: Some(ex.outcome.status),
                        detail: ex.outcome.detail.clone(),
                        trace: ex.outcome.trace.clone(),
                        tasks_known: true,
                        explained: Some(ex),
                    }
                }
                None => LaneInput {
                    name: format!("{letter}: {}", group.join(", ")),
                    note: None,
                    status: None,
                    detail: None,
                    trace: log.iter().map(|l| Event::new(l.as_str(), 0, None)).collect(),
                    tasks_known: false,
                    explained: None,
                },
            }
        })
        .collect();
    Ok(svg(&build(&lanes, Some(&reference)), id))
}

/// `reference` or `reference:<mutant>` as its mutant.
fn mutant_of(name: &str) -> Option<Mutant> {
    match name.strip_prefix("reference") {
        Some("") => Some(Mutant::None),
        Some(rest) => rest.strip_prefix(':').and_then(|m| m.parse().ok()),
        None => None,
    }
}

/// The layout as data: lanes, bands, boxes, arrows, the first difference.
pub fn build(inputs: &[LaneInput], reference: Option<&Explained>) -> Timeline {
    let voting: Vec<Vec<String>> = inputs
        .iter()
        .filter(|l| l.status != Some(Status::Unsupported))
        .map(|l| l.trace.iter().map(|e| e.label.clone()).collect())
        .collect();
    let first = super::first_divergent_event(&voting);
    let align = reference.map(Alignment::new);
    let lanes = inputs
        .iter()
        .map(|input| {
            let mut lane = match input.explained.filter(|ex| ex.outcome.trace == input.trace) {
                _ if input.status == Some(Status::Unsupported) => empty_lane(input),
                Some(ex) => explained_lane(input, ex),
                None => matched_lane(input, align.as_ref()),
            };
            if let Some(f) = first.filter(|_| input.status != Some(Status::Unsupported)) {
                mark_first(&mut lane, f, input.trace.len());
            }
            lane
        })
        .collect();
    Timeline { lanes, first }
}

fn empty_lane(input: &LaneInput) -> Lane {
    Lane {
        name: input.name.clone(),
        note: input.note.clone(),
        status: input.status,
        detail: input.detail.clone(),
        source: if input.tasks_known { Source::Tasks } else { Source::Labels },
        bands: Vec::new(),
        arrows: Vec::new(),
        omitted: 0,
        ends_at_first: false,
        matched: false,
    }
}

fn mark_first(lane: &mut Lane, first: usize, trace_len: usize) {
    if first >= trace_len {
        lane.ends_at_first = true;
        return;
    }
    for b in lane.bands.iter_mut().flat_map(|band| band.boxes.iter_mut()) {
        if b.events.iter().any(|(i, _)| *i == first) {
            b.first = true;
        }
    }
}

/// A lane from the backend's own explanation: every job that ran, its events
/// and what enqueued it.
fn explained_lane(input: &LaneInput, ex: &Explained) -> Lane {
    let mut lane = Lane { source: Source::Explained, ..empty_lane(input) };
    let mut at: HashMap<RefJob, BoxRef> = HashMap::new();
    let mut ran: Vec<Vec<(u32, usize)>> = vec![Vec::new(); ex.tasks.len()];
    for (r, job) in ex.jobs.iter().enumerate() {
        if let (Some(index), Some(list)) = (job.index, ran.get_mut(job.task as usize)) {
            list.push((index, r));
        }
    }
    let mut boxes = 0;
    'tasks: for (t, task) in ex.tasks.iter().enumerate() {
        let band = lane.bands.len();
        // The arrow shows what set a timer: the caption need not say it.
        let name = match task.name.find(", set by ") {
            Some(i) => format!("{})", &task.name[..i]),
            None => task.name.clone(),
        };
        lane.bands.push(Band {
            task: Some(t as u32),
            caption: format!("task {t} · {name}"),
            boxes: Vec::new(),
        });
        ran[t].sort_unstable();
        let jobs =
            [(0, RefJob::Body(t as u32))].into_iter().chain(ran[t].iter().map(|&(i, r)| (i, RefJob::Job(r))));
        for (index, j) in jobs {
            if boxes == MAX_BOXES {
                break 'tasks;
            }
            boxes += 1;
            let (header, mechanism) = describe(ex, j);
            at.insert(j, (band, lane.bands[band].boxes.len()));
            lane.bands[band].boxes.push(JobBox {
                job: Some(index),
                header: format!("job {index} · {header}"),
                mechanism,
                events: Vec::new(),
                first: false,
            });
        }
    }
    for (i, e) in ex.outcome.trace.iter().enumerate() {
        match at.get(&job_of_event(ex, i)) {
            Some(&(band, b)) => lane.bands[band].boxes[b].events.push((i, e.label.clone())),
            None => lane.omitted += 1,
        }
    }
    for (&j, &from) in &at {
        if let Some(to) = parent(ex, j).and_then(|p| at.get(&p)) {
            lane.arrows.push(Arrow { from, to: *to, exact: true, skipped: 0 });
        }
    }
    lane.arrows.sort_by_key(|a| a.from);
    lane
}

/// The reference's events by label, k-th occurrence to k-th occurrence.
struct Alignment<'a> {
    ex: &'a Explained,
    by_label: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Alignment<'a> {
    fn new(ex: &'a Explained) -> Self {
        let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in ex.outcome.trace.iter().enumerate() {
            by_label.entry(e.label.as_str()).or_default().push(i);
        }
        Alignment { ex, by_label }
    }

    /// Per event of `trace`: the reference's job that logged the same label
    /// (as often before), if any.
    fn jobs_of(&self, trace: &[Event]) -> Vec<Option<RefJob>> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        trace
            .iter()
            .map(|e| {
                let k = seen.entry(e.label.as_str()).or_default();
                *k += 1;
                let i = *self.by_label.get(e.label.as_str())?.get(*k - 1)?;
                Some(job_of_event(self.ex, i))
            })
            .collect()
    }
}

/// What groups an engine's consecutive events into one box.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BoxKey {
    /// The job index the engine reported.
    Own(u32),
    /// The reference job its label matched (`None`: no match).
    Matched(Option<RefJob>),
}

/// A lane from an engine's trace: its tasks when it reports them, its jobs
/// when it reports them, else boxes as its labels match the reference's jobs.
fn matched_lane(input: &LaneInput, align: Option<&Alignment>) -> Lane {
    let source = if input.tasks_known { Source::Tasks } else { Source::Labels };
    let mut lane = Lane { source, matched: align.is_some(), ..empty_lane(input) };
    let matched = align.map(|a| a.jobs_of(&input.trace)).unwrap_or_else(|| vec![None; input.trace.len()]);
    if !input.tasks_known {
        lane.bands.push(Band {
            task: None,
            caption: "tasks not recorded: events in the order logged".into(),
            boxes: Vec::new(),
        });
    }
    let mut box_of: Vec<Option<RefJob>> = Vec::new(); // per drawn box, in order: its match
    let mut refs: Vec<BoxRef> = Vec::new();
    let mut last: Option<(u32, BoxKey)> = None;
    for (i, e) in input.trace.iter().enumerate() {
        let task = if input.tasks_known { e.task } else { 0 };
        let key = match e.job {
            Some(j) if input.tasks_known => BoxKey::Own(j),
            _ => BoxKey::Matched(matched[i]),
        };
        // An event of an unknown job matched to no job of the reference is a box of its own.
        if last != Some((task, key)) || key == BoxKey::Matched(None) {
            if refs.len() == MAX_BOXES {
                lane.omitted = input.trace.len() - i;
                break;
            }
            while input.tasks_known && lane.bands.len() <= task as usize {
                let t = lane.bands.len();
                let what = if t == 0 { "script" } else { "timer callback" };
                lane.bands.push(Band {
                    task: Some(t as u32),
                    caption: format!("task {t} · {what}"),
                    boxes: Vec::new(),
                });
            }
            let band = lane.bands.len() - 1;
            let m = matched[i];
            let number = match key {
                BoxKey::Own(j) => format!("job {j}"),
                BoxKey::Matched(_) => "job ?".into(),
            };
            let (header, mechanism) = match (m, align) {
                (Some(j), Some(a)) => {
                    let (short, long) = describe(a.ex, j);
                    let (rt, rj) = number_of(a.ex, j);
                    let at = if input.tasks_known && rt == task {
                        format!("j{rj}")
                    } else {
                        format!("t{rt} j{rj}")
                    };
                    (
                        format!("{number} · ref {at} {short}"),
                        format!("as the reference's job {rj} of task {rt}: {long}"),
                    )
                }
                _ if align.is_some() => (number, "no event with this label in the reference's trace".into()),
                _ => (number, "no explanation: the reference has no model of this program".into()),
            };
            let job = match key {
                BoxKey::Own(j) => Some(j),
                BoxKey::Matched(_) => None,
            };
            refs.push((band, lane.bands[band].boxes.len()));
            box_of.push(m);
            lane.bands[band].boxes.push(JobBox { job, header, mechanism, events: Vec::new(), first: false });
            last = Some((task, key));
        }
        let band = lane.bands.len() - 1;
        lane.bands[band].boxes.last_mut().expect("a box was pushed").events.push((i, e.label.clone()));
    }
    if let Some(a) = align {
        let mut first_at: HashMap<RefJob, BoxRef> = HashMap::new();
        for (m, r) in box_of.iter().zip(&refs) {
            if let Some(j) = m {
                first_at.entry(*j).or_insert(*r);
            }
        }
        for (m, &from) in box_of.iter().zip(&refs) {
            let Some(mut j) = *m else { continue };
            let mut skipped = 0;
            while let Some(p) = parent(a.ex, j) {
                match first_at.get(&p) {
                    Some(&to) if to != from => {
                        lane.arrows.push(Arrow { from, to, exact: false, skipped });
                        break;
                    }
                    _ => {
                        skipped += 1;
                        j = p;
                    }
                }
            }
        }
    }
    lane
}

/// The job of the reference that logged event `i`.
fn job_of_event(ex: &Explained, i: usize) -> RefJob {
    match ex.event_jobs.get(i).copied().flatten() {
        Some(r) => RefJob::Job(r),
        None => RefJob::Body(ex.outcome.trace[i].task),
    }
}

/// What enqueued a job (a task body: what set its timer); `None` for the script.
fn parent(ex: &Explained, j: RefJob) -> Option<RefJob> {
    match j {
        RefJob::Job(r) => {
            let job = &ex.jobs[r];
            Some(job.parent.map(RefJob::Job).unwrap_or(RefJob::Body(job.task)))
        }
        RefJob::Body(0) => None,
        RefJob::Body(t) => {
            let task = ex.tasks.get(t as usize)?;
            Some(task.set_by.map(RefJob::Job).unwrap_or(RefJob::Body(task.set_in)))
        }
    }
}

/// (task, job index) of a job of the reference.
fn number_of(ex: &Explained, j: RefJob) -> (u32, u32) {
    match j {
        RefJob::Body(t) => (t, 0),
        RefJob::Job(r) => (ex.jobs[r].task, ex.jobs[r].index.unwrap_or(0)),
    }
}

/// A job's mechanism: short (in the box) and in full (on hover and focus).
fn describe(ex: &Explained, j: RefJob) -> (String, String) {
    match j {
        RefJob::Body(t) => {
            let name = ex.tasks.get(t as usize).map(|t| t.name.as_str()).unwrap_or("?");
            let short = if t == 0 { "script body" } else { "timer callback" };
            (short.into(), format!("the body of task {t}: {name}"))
        }
        RefJob::Job(r) => {
            let job = &ex.jobs[r];
            let (short, spec) = mechanism_names(job.mechanism);
            let mut full = format!("{spec}. {}", job.what);
            // The spec steps (reference::coverage) that enqueued it and that it took.
            if let Some(at) = job.enqueued_at {
                full.push_str(&format!(" Enqueued by {}.", at.name()));
            }
            if !job.steps.is_empty() {
                let steps: Vec<&str> = job.steps.iter().map(|s| s.name()).collect();
                full.push_str(&format!(" Steps: {}.", steps.join("; ")));
            }
            (short.into(), full)
        }
    }
}

/// A mechanism token of the reference (`reference::interp`'s `mechanism`)
/// as a short name and as the spec's job and step.
fn mechanism_names(token: &str) -> (&'static str, &'static str) {
    match token {
        "await-resume" => ("await resumes", "PromiseReactionJob resuming an await (Await's onFulfilled/onRejected)"),
        "thenable-job" => (
            "ResolveThenableJob",
            "PromiseResolveThenableJob: a promise resolved with a thenable calls its then (await thenable, return thenable, resolve(thenable))",
        ),
        "microtask" => ("queueMicrotask", "a host job: the queueMicrotask callback (HostEnqueueGenericJob)"),
        "reaction" => ("reaction", "PromiseReactionJob running a then/catch handler"),
        "reaction-passthrough" => ("pass-through", "PromiseReactionJob without a handler: passes the result on"),
        "finally" => ("finally", "PromiseReactionJob running finally's thenFinally/catchFinally"),
        "combinator-element" => ("combinator", "PromiseReactionJob running a combinator's element function"),
        "resolve-function" => ("resolve fn", "PromiseReactionJob calling a promise's resolve or reject function"),
        "async-generator-await-return" => ("gen return", "PromiseReactionJob: AsyncGeneratorAwaitReturn settles"),
        "async-from-sync-unwrap" => ("from-sync unwrap", "PromiseReactionJob: AsyncFromSyncIteratorContinuation's unwrap"),
        "async-from-sync-close" => (
            "from-sync close",
            "PromiseReactionJob: AsyncFromSyncIteratorContinuation's closeIterator (closeOnRejection)",
        ),
        _ => ("built-in", "PromiseReactionJob running a built-in handler"),
    }
}

// ---------------------------------------------------------------- drawing

const LANE_W: f64 = 260.0;
const LANE_GAP: f64 = 16.0;
const MARGIN: f64 = 8.0;
/// Left of the bands: where the arrows bend.
const GUTTER: f64 = 34.0;
const HEADER_H: f64 = 54.0;
const BAND_HEAD: f64 = 20.0;
const BAND_PAD: f64 = 6.0;
const BAND_GAP: f64 = 10.0;
const BOX_HEAD: f64 = 17.0;
const EVENT_H: f64 = 15.0;
const BOX_GAP: f64 = 6.0;
/// Width of a character of the 11 px monospace font.
const CHAR_W: f64 = 6.7;
const TIP_W: f64 = 400.0;
const TIP_LINE: f64 = 15.0;

fn box_w() -> f64 {
    LANE_W - GUTTER - 2.0 * BAND_PAD
}

fn box_h(b: &JobBox) -> f64 {
    let n = b.events.len();
    let lines = n.clamp(1, MAX_BOX_EVENTS) + usize::from(n > MAX_BOX_EVENTS);
    BOX_HEAD + lines as f64 * EVENT_H + 4.0
}

fn band_h(b: &Band) -> f64 {
    let boxes: f64 = b.boxes.iter().map(|x| box_h(x) + BOX_GAP).sum();
    BAND_HEAD + boxes + BAND_PAD
}

/// `s` cut to `n` characters, with an ellipsis when cut.
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Words of `s` in lines of at most `n` characters (longer words are cut).
fn wrap(s: &str, n: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > n {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, n)).collect()
}

/// How a label is shown: JSON-quoted when empty or holding spaces.
fn shown_label(l: &str) -> String {
    if l == crate::outcome::UNCAUGHT {
        "uncaught exception".into()
    } else if l.is_empty() || l.chars().any(char::is_whitespace) {
        super::event_text(&serde_json::to_string(l).unwrap_or_default())
    } else {
        format!("log {}", super::event_text(l))
    }
}

fn source_note(lane: &Lane) -> &'static str {
    match (lane.source, lane.matched) {
        (Source::Explained, _) => "explained by itself",
        (Source::Tasks, true) => "jobs matched by label",
        (Source::Tasks, false) => "as reported; nothing to match",
        (Source::Labels, true) => "log only, matched by label",
        (Source::Labels, false) => "log only",
    }
}

/// Text of a box for hover, focus and screen readers.
fn box_text(
    lane: &Lane,
    band: &Band,
    b: &JobBox,
    enqueued_by: Option<(&JobBox, &Arrow)>,
    first: Option<usize>,
) -> String {
    let task = band.task.map(|t| format!("task {t}")).unwrap_or_else(|| "task not recorded".into());
    let job = b.job.map(|j| format!("job {j}")).unwrap_or_else(|| "job not reported".into());
    let mut s = format!("{} · {task} · {job}: {}.", lane.name, b.mechanism);
    if !b.events.is_empty() {
        let logs: Vec<String> = b
            .events
            .iter()
            .take(MAX_LISTED_EVENTS)
            .map(|(i, l)| format!("#{i} {}", shown_label(l)))
            .collect();
        let more = b.events.len().saturating_sub(MAX_LISTED_EVENTS);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let _ = write!(s, " Events: {}{more}.", logs.join(", "));
    }
    if let Some((p, a)) = enqueued_by {
        let via =
            if a.skipped > 0 { format!(" (via {} job(s) not shown here)", a.skipped) } else { String::new() };
        let who = if a.exact { "" } else { ", as the reference explains it" };
        let _ = write!(s, " Enqueued by {}{via}{who}.", p.header);
    }
    if let Some(f) = first.filter(|_| b.first) {
        let _ = write!(s, " The first difference: event #{f}.");
    }
    s
}

/// Draws a timeline; `id` (letters, digits, `-`) keeps its element ids apart
/// from other timelines on the page.
pub fn svg(t: &Timeline, id: &str) -> String {
    let lanes = t.lanes.len().max(1) as f64;
    let width = 2.0 * MARGIN + lanes * LANE_W + (lanes - 1.0) * LANE_GAP;
    let top = MARGIN + HEADER_H;
    // Bands of one task share a row across the lanes that know their tasks.
    let mut rows: Vec<f64> = Vec::new();
    for lane in t.lanes.iter().filter(|l| l.source != Source::Labels) {
        for (i, b) in lane.bands.iter().enumerate() {
            if rows.len() <= i {
                rows.push(0.0);
            }
            rows[i] = rows[i].max(band_h(b));
        }
    }
    let band_y = |lane: &Lane, i: usize| -> f64 {
        if lane.source == Source::Labels {
            top
        } else {
            top + rows[..i].iter().map(|h| h + BAND_GAP).sum::<f64>()
        }
    };

    struct Placed {
        lane: usize,
        band: usize,
        idx: usize,
        x: f64,
        y: f64,
        h: f64,
    }
    let mut placed: Vec<Placed> = Vec::new();
    let mut bottom = top;
    let mut body = String::new();
    for (li, lane) in t.lanes.iter().enumerate() {
        let x0 = MARGIN + li as f64 * (LANE_W + LANE_GAP);
        let _ = writeln!(body, "<g class=\"lane\" data-lane=\"{li}\">");
        let status = match (lane.status, &lane.detail) {
            (Some(s), Some(d)) if s != Status::Ok => format!("{s}: {}", d.lines().next().unwrap_or("")),
            (Some(s), _) => s.to_string(),
            (None, _) => "status not recorded".into(),
        };
        let chars = (LANE_W / CHAR_W) as usize;
        let _ = writeln!(
            body,
            "<text class=\"lane-name\" x=\"{x0}\" y=\"{}\"><title>{}</title>{}</text>",
            MARGIN + 13.0,
            esc(&lane.name),
            esc(&fit(&lane.name, chars - 2))
        );
        let second =
            if lane.bands.is_empty() { status.clone() } else { format!("{status} · {}", source_note(lane)) };
        let _ = writeln!(
            body,
            "<text class=\"lane-note\" x=\"{x0}\" y=\"{}\"><title>{}</title>{}</text>",
            MARGIN + 29.0,
            esc(&second),
            esc(&fit(&second, chars))
        );
        if let Some(n) = &lane.note {
            let _ = writeln!(
                body,
                "<text class=\"lane-note\" x=\"{x0}\" y=\"{}\"><title>{}</title>{}</text>",
                MARGIN + 44.0,
                esc(n),
                esc(&fit(n, chars))
            );
        }
        let mut lane_bottom = top;
        for (bi, band) in lane.bands.iter().enumerate() {
            let y = band_y(lane, bi);
            let h = if lane.source == Source::Labels { band_h(band) } else { rows[bi] };
            let bx = x0 + GUTTER;
            let _ = writeln!(
                body,
                "<rect class=\"band\" x=\"{bx}\" y=\"{y}\" width=\"{}\" height=\"{h}\" rx=\"4\"><title>{}</title></rect>",
                LANE_W - GUTTER,
                esc(&band.caption)
            );
            let _ = writeln!(
                body,
                "<text class=\"band-caption\" x=\"{}\" y=\"{}\">{}</text>",
                bx + BAND_PAD,
                y + 14.0,
                esc(&fit(&band.caption, ((LANE_W - GUTTER - 2.0 * BAND_PAD) / CHAR_W) as usize))
            );
            let mut by = y + BAND_HEAD;
            for idx in 0..band.boxes.len() {
                let b = &band.boxes[idx];
                placed.push(Placed { lane: li, band: bi, idx, x: bx + BAND_PAD, y: by, h: box_h(b) });
                by += box_h(b) + BOX_GAP;
            }
            lane_bottom = lane_bottom.max(y + h);
        }
        if lane.ends_at_first || lane.omitted > 0 {
            let y = lane_bottom + BAND_GAP;
            if lane.ends_at_first {
                let _ = writeln!(
                    body,
                    "<g class=\"end first\" tabindex=\"0\" role=\"img\" aria-label=\"{0}\"><title>{0}</title><rect class=\"box\" x=\"{1}\" y=\"{y}\" width=\"{2}\" height=\"22\" rx=\"3\"/><text x=\"{3}\" y=\"{4}\">end of trace ({5})</text></g>",
                    esc(&format!("{}: the trace ends here, before the first difference", lane.name)),
                    x0 + GUTTER + BAND_PAD,
                    box_w(),
                    x0 + GUTTER + BAND_PAD + 6.0,
                    y + 15.0,
                    esc(&fit(&status, 24))
                );
                lane_bottom = y + 22.0;
            }
            if lane.omitted > 0 {
                let y = lane_bottom + 16.0;
                let _ = writeln!(
                    body,
                    "<text class=\"lane-note\" x=\"{}\" y=\"{y}\">… {} more event(s) not drawn</text>",
                    x0 + GUTTER,
                    lane.omitted
                );
                lane_bottom = y;
            }
        }
        body.push_str("</g>\n");
        bottom = bottom.max(lane_bottom);
    }
    let find = |li: usize, r: BoxRef| placed.iter().find(|p| p.lane == li && (p.band, p.idx) == r);

    // Arrows under the boxes: from each job's left edge to its enqueuer's.
    for (li, lane) in t.lanes.iter().enumerate() {
        for a in &lane.arrows {
            let (Some(f), Some(to)) = (find(li, a.from), find(li, a.to)) else { continue };
            // Out of the lower half of a box's header, into the upper half, so that
            // arrows leaving and entering one box do not meet.
            let (x, y1, y2) = (f.x, f.y + BOX_HEAD * 0.7, to.y + BOX_HEAD * 0.35);
            let d = (8.0 + (y1 - y2).abs() / 12.0).min(GUTTER + BAND_PAD - 4.0);
            let class = if a.exact { "arrow" } else { "arrow inferred" };
            let _ = writeln!(
                body,
                "<path class=\"{class}\" data-lane=\"{li}\" d=\"M{x},{y1} C{},{y1} {},{y2} {},{y2}\"/>",
                x - d,
                x - d,
                x - 6.0
            );
            // The head, drawn (a marker would need a url() reference).
            let _ = writeln!(
                body,
                "<path class=\"head\" d=\"M{},{} L{},{y2} L{},{} z\"/>",
                x - 7.0,
                y2 - 3.5,
                x - 0.5,
                x - 7.0,
                y2 + 3.5
            );
            if a.skipped > 0 {
                let _ = writeln!(
                    body,
                    "<text class=\"skipped\" x=\"{}\" y=\"{}\">+{}</text>",
                    x - d - 2.0,
                    (y1 + y2) / 2.0 + 3.0,
                    a.skipped
                );
            }
        }
    }

    // The boxes, then (painted over them) the tips they show.
    let tip_w = TIP_W.min(width - 2.0 * MARGIN);
    let tip_chars = ((tip_w - 16.0) / CHAR_W) as usize;
    let mut tips = String::new();
    let mut css = String::new();
    let mut tip_bottom = bottom;
    for (n, p) in placed.iter().enumerate() {
        let lane = &t.lanes[p.lane];
        let band = &lane.bands[p.band];
        let b = &band.boxes[p.idx];
        let enqueued_by = lane
            .arrows
            .iter()
            .find(|a| a.from == (p.band, p.idx))
            .map(|a| (&lane.bands[a.to.0].boxes[a.to.1], a));
        let text = box_text(lane, band, b, enqueued_by, t.first);
        let class = if b.first { "job first" } else { "job" };
        let _ = writeln!(
            body,
            "<g class=\"{class}\" id=\"{id}-b{n}\" data-lane=\"{}\" tabindex=\"0\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
            p.lane,
            esc(&text),
            esc(&text)
        );
        let _ = writeln!(
            body,
            "<rect class=\"box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>",
            p.x,
            p.y,
            box_w(),
            p.h
        );
        let chars = ((box_w() - 10.0) / CHAR_W) as usize;
        let _ = writeln!(
            body,
            "<text class=\"job-head\" x=\"{}\" y=\"{}\">{}</text>",
            p.x + 5.0,
            p.y + 12.0,
            esc(&fit(&b.header, chars))
        );
        if b.events.is_empty() {
            let _ = writeln!(
                body,
                "<text class=\"quiet\" x=\"{}\" y=\"{}\">(logs nothing)</text>",
                p.x + 12.0,
                p.y + BOX_HEAD + 11.0
            );
        }
        if b.events.len() > MAX_BOX_EVENTS {
            let _ = writeln!(
                body,
                "<text class=\"quiet\" x=\"{}\" y=\"{}\">… {} more event(s)</text>",
                p.x + 12.0,
                p.y + BOX_HEAD + 11.0 + MAX_BOX_EVENTS as f64 * EVENT_H,
                b.events.len() - MAX_BOX_EVENTS
            );
        }
        for (k, (i, label)) in b.events.iter().take(MAX_BOX_EVENTS).enumerate() {
            let first = t.first == Some(*i);
            let _ = writeln!(
                body,
                "<text class=\"{}\" x=\"{}\" y=\"{}\">{}#{i} {}</text>",
                if first { "event first" } else { "event" },
                p.x + 12.0,
                p.y + BOX_HEAD + 11.0 + k as f64 * EVENT_H,
                if first { "▶ " } else { "" },
                esc(&fit(&shown_label(label), chars.saturating_sub(6)))
            );
        }
        body.push_str("</g>\n");

        let lines = wrap(&text, tip_chars);
        let th = 8.0 + lines.len() as f64 * TIP_LINE;
        let tx = p.x.min(width - MARGIN - tip_w).max(MARGIN);
        let below = p.y + p.h + 4.0;
        let ty = if below + th <= bottom || p.y - th - 4.0 < 0.0 { below } else { p.y - th - 4.0 };
        tip_bottom = tip_bottom.max(ty + th);
        let _ = writeln!(tips, "<g class=\"tip\" id=\"{id}-t{n}\" aria-hidden=\"true\"><rect x=\"{tx}\" y=\"{ty}\" width=\"{tip_w}\" height=\"{th}\" rx=\"4\"/>");
        for (k, l) in lines.iter().enumerate() {
            let _ = writeln!(
                tips,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                tx + 8.0,
                ty + 15.0 + k as f64 * TIP_LINE,
                esc(l)
            );
        }
        tips.push_str("</g>\n");
        let _ =
            writeln!(css, "#{id}-b{n}:hover~#{id}-t{n},#{id}-b{n}:focus~#{id}-t{n}{{visibility:visible}}");
    }
    let height = tip_bottom.max(bottom) + MARGIN;
    let mut o = String::new();
    let summary = format!(
        "Timeline of {} lane(s){}",
        t.lanes.len(),
        t.first.map(|f| format!("; first difference at event #{f}")).unwrap_or_default()
    );
    let _ = writeln!(
        o,
        "<svg class=\"timeline\" id=\"{id}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{}\">",
        esc(&summary)
    );
    let _ = writeln!(o, "<style>{}{css}</style>", svg_css(id));
    o.push_str(&body);
    o.push_str(&tips);
    o.push_str("</svg>\n");
    o
}

fn svg_css(id: &str) -> String {
    format!(
        "#{id} text{{font:11px ui-monospace,\"DejaVu Sans Mono\",monospace;fill:#1f2328}}\
#{id} .lane-name{{font-weight:700;font-size:12px}}\
#{id} .lane-note,#{id} .quiet,#{id} .skipped{{fill:#656d76}}\
#{id} .skipped{{font-size:9px}}\
#{id} .band{{fill:#f6f8fa;stroke:#d0d7de}}\
#{id} .band-caption{{fill:#57606a;font-weight:600}}\
#{id} .box{{fill:#ffffff;stroke:#8c959f}}\
#{id} .job-head{{font-weight:600}}\
#{id} .first .box{{fill:{HIGHLIGHT};stroke:#bc4c00;stroke-width:2}}\
#{id} .event.first{{font-weight:700;fill:#953800}}\
#{id} .job,#{id} .end{{outline:none}}\
#{id} .job:hover .box,#{id} .job:focus .box,#{id} .end:focus .box{{stroke:#0969da;stroke-width:3}}\
#{id} .arrow{{fill:none;stroke:#57606a;stroke-width:1.3}}\
#{id} .arrow.inferred{{stroke-dasharray:4 3}}\
#{id} .head{{fill:#57606a}}\
#{id} .tip{{visibility:hidden;pointer-events:none}}\
#{id} .tip rect{{fill:#1f2328}}\
#{id} .tip text{{fill:#ffffff}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two timers whose delays and registration order disagree (so
    /// `timers-fifo` swaps them), a reaction that returns a thenable (a
    /// PromiseResolveThenableJob between it and the next reaction) and a
    /// host microtask. By ECMA-262 and HTML, task 0 runs: job 1 the first
    /// reaction (`a`), job 2 the microtask (`b`), job 3 the thenable job
    /// (`th.then` resolves the derived promise: enqueues the reaction of
    /// `g`), job 4 `g`; task 1 is the 0 ms timer (`d`), task 2 the 1 ms one (`c`).
    const PROGRAM: &str = "const th = { then(r) { r(1); } };\n\
        Promise.resolve().then(() => { log('a'); return th; }).then(() => log('g'));\n\
        queueMicrotask(() => log('b'));\n\
        setTimeout(() => log('c'), 1);\n\
        setTimeout(() => log('d'), 0);\n";

    fn explained(m: Mutant) -> Explained {
        let model = crate::frontend::parse_program(PROGRAM, "t.js").unwrap();
        run_explained(&model, m, 1000)
    }

    fn ev(label: &str, task: u32, job: Option<u32>) -> Event {
        Event::new(label, task, job)
    }

    fn lane<'a>(
        name: &str,
        trace: Vec<Event>,
        tasks_known: bool,
        ex: Option<&'a Explained>,
    ) -> LaneInput<'a> {
        LaneInput {
            name: name.into(),
            note: None,
            status: Some(Status::Ok),
            detail: None,
            trace,
            tasks_known,
            explained: ex,
        }
    }

    /// Per band: the (job, labels) of its boxes.
    fn shape(l: &Lane) -> Vec<Vec<(Option<u32>, Vec<&str>)>> {
        l.bands
            .iter()
            .map(|b| {
                b.boxes.iter().map(|x| (x.job, x.events.iter().map(|(_, l)| l.as_str()).collect())).collect()
            })
            .collect()
    }

    fn firsts(l: &Lane) -> Vec<BoxRef> {
        let mut out = Vec::new();
        for (bi, b) in l.bands.iter().enumerate() {
            for (i, x) in b.boxes.iter().enumerate() {
                if x.first {
                    out.push((bi, i));
                }
            }
        }
        out
    }

    fn arrow(from: BoxRef, to: BoxRef, exact: bool, skipped: usize) -> Arrow {
        Arrow { from, to, exact, skipped }
    }

    #[test]
    fn reference_and_mutant_lanes_come_from_their_own_explanations() {
        let (r, m) = (explained(Mutant::None), explained(Mutant::TimersFifo));
        assert_eq!(r.outcome.labels(), ["a", "b", "g", "d", "c"]);
        assert_eq!(m.outcome.labels(), ["a", "b", "g", "c", "d"]);
        let inputs = [
            lane("reference", r.outcome.trace.clone(), true, Some(&r)),
            lane("reference:timers-fifo", m.outcome.trace.clone(), true, Some(&m)),
        ];
        let t = build(&inputs, Some(&r));
        assert_eq!(t.lanes.len(), 2);
        assert_eq!(t.first, Some(3));
        let task0 = vec![
            (Some(0), vec![]),
            (Some(1), vec!["a"]),
            (Some(2), vec!["b"]),
            (Some(3), vec![]),
            (Some(4), vec!["g"]),
        ];
        let refl = &t.lanes[0];
        assert_eq!(refl.source, Source::Explained);
        assert_eq!(shape(refl), vec![task0.clone(), vec![(Some(0), vec!["d"])], vec![(Some(0), vec!["c"])]]);
        assert_eq!(shape(&t.lanes[1]), vec![task0, vec![(Some(0), vec!["c"])], vec![(Some(0), vec!["d"])]]);
        let headers: Vec<&str> = refl.bands[0].boxes.iter().map(|b| b.header.as_str()).collect();
        assert_eq!(
            headers,
            [
                "job 0 · script body",
                "job 1 · reaction",
                "job 2 · queueMicrotask",
                "job 3 · ResolveThenableJob",
                "job 4 · reaction"
            ]
        );
        assert!(refl.bands[0].boxes[3].mechanism.starts_with("PromiseResolveThenableJob"));
        assert_eq!(refl.bands[1].caption, "task 1 · timer #2 (due at 0 ms)");
        // Each job points at what enqueued it; each timer task at the script that set it.
        let expected = vec![
            arrow((0, 1), (0, 0), true, 0),
            arrow((0, 2), (0, 0), true, 0),
            arrow((0, 3), (0, 1), true, 0),
            arrow((0, 4), (0, 3), true, 0),
            arrow((1, 0), (0, 0), true, 0),
            arrow((2, 0), (0, 0), true, 0),
        ];
        assert_eq!(refl.arrows, expected);
        assert_eq!(t.lanes[1].arrows, expected);
        // The first difference: event 3, `d` in the reference's task 1, `c` in the mutant's.
        assert_eq!(firsts(refl), [(1, 0)]);
        assert_eq!(firsts(&t.lanes[1]), [(1, 0)]);
    }

    #[test]
    fn engine_lanes_are_matched_to_the_reference_by_label() {
        let r = explained(Mutant::None);
        // As JavaScriptCore reports it: task indices, no job indices.
        let jsc =
            vec![ev("a", 0, None), ev("b", 0, None), ev("g", 0, None), ev("d", 1, None), ev("c", 2, None)];
        // As QuickJS reports it, job indices included, with the timers swapped.
        let qjs = vec![
            ev("a", 0, Some(1)),
            ev("b", 0, Some(2)),
            ev("g", 0, Some(4)),
            ev("c", 1, Some(0)),
            ev("d", 2, Some(0)),
        ];
        // As a report's engine side has it: labels only.
        let labels =
            vec![ev("a", 0, None), ev("b", 0, None), ev("g", 0, None), ev("c", 0, None), ev("d", 0, None)];
        let inputs = [
            lane("reference", r.outcome.trace.clone(), true, Some(&r)),
            lane("jsc", jsc, true, None),
            lane("quickjs", qjs, true, None),
            lane("B: boa", labels, false, None),
        ];
        let t = build(&inputs, Some(&r));
        assert_eq!(t.first, Some(3));
        let (jsc, qjs, labels) = (&t.lanes[1], &t.lanes[2], &t.lanes[3]);
        assert_eq!(jsc.source, Source::Tasks);
        assert_eq!(
            shape(jsc),
            vec![
                vec![(None, vec!["a"]), (None, vec!["b"]), (None, vec!["g"])],
                vec![(None, vec!["d"])],
                vec![(None, vec!["c"])]
            ]
        );
        assert_eq!(jsc.bands[0].boxes[2].header, "job ? · ref j4 reaction");
        // `g` was enqueued by the thenable job, which logs nothing, which `a`'s job enqueued.
        assert_eq!(jsc.arrows, vec![arrow((0, 2), (0, 0), false, 1)]);
        assert_eq!(firsts(jsc), [(1, 0)]);
        assert_eq!(
            shape(qjs),
            vec![
                vec![(Some(1), vec!["a"]), (Some(2), vec!["b"]), (Some(4), vec!["g"])],
                vec![(Some(0), vec!["c"])],
                vec![(Some(0), vec!["d"])]
            ]
        );
        // `c` ran in task 1 here, in the reference's task 2.
        assert_eq!(qjs.bands[1].boxes[0].header, "job 0 · ref t2 j0 timer callback");
        assert_eq!(labels.source, Source::Labels);
        assert_eq!(labels.bands.len(), 1);
        assert_eq!(labels.bands[0].task, None);
        assert_eq!(shape(labels)[0].len(), 5);
        assert_eq!(labels.arrows, vec![arrow((0, 2), (0, 0), false, 1)]);
        assert_eq!(firsts(labels), [(0, 3)]);
    }

    #[test]
    fn unmatched_labels_short_traces_and_unsupported_lanes() {
        let r = explained(Mutant::None);
        let short = vec![ev("a", 0, None), ev("b", 0, None), ev("x", 0, None), ev("y", 0, None)];
        let mut unsupported = lane("reference", Vec::new(), true, None);
        unsupported.status = Some(Status::Unsupported);
        let inputs = [
            lane("reference", r.outcome.trace.clone(), true, Some(&r)),
            lane("xs", short, true, None),
            unsupported,
        ];
        let t = build(&inputs, Some(&r));
        // The unsupported lane has no vote and no boxes.
        assert_eq!(t.first, Some(2));
        assert!(t.lanes[2].bands.is_empty() && !t.lanes[2].ends_at_first);
        let xs = &t.lanes[1];
        assert_eq!(xs.bands[0].boxes[2].mechanism, "no event with this label in the reference's trace");
        // Unmatched events of jobs it does not number: nothing says they share a job.
        assert_eq!(
            shape(xs),
            vec![vec![(None, vec!["a"]), (None, vec!["b"]), (None, vec!["x"]), (None, vec!["y"])]]
        );
        assert_eq!(firsts(xs), [(0, 2)]);
        // A trace that ends before the first difference has its end marked.
        let ended = [
            lane("reference", r.outcome.trace.clone(), true, Some(&r)),
            lane("v8", vec![ev("a", 0, None)], true, None),
        ];
        let t = build(&ended, Some(&r));
        assert_eq!(t.first, Some(1));
        assert!(t.lanes[1].ends_at_first && firsts(&t.lanes[1]).is_empty());
    }

    #[test]
    fn a_job_with_many_events_draws_the_first_few_and_counts_the_rest() {
        let trace: Vec<Event> = (0..30).map(|i| ev(&format!("e{i}"), 0, Some(1))).collect();
        let t = build(&[lane("quickjs", trace, true, None)], None);
        assert_eq!(shape(&t.lanes[0]).concat().len(), 1);
        let s = svg(&t, "x");
        assert!(s.contains("#11 log e11") && !s.contains("#12 log e12<"), "{s}");
        assert!(s.contains("… 18 more event(s)") && s.contains("#19 log e19 and 10 more."), "{s}");
        assert!(s.contains("ok · as reported; nothing to match"), "{s}");
    }

    #[test]
    fn a_long_lane_stops_at_the_box_limit_and_says_so() {
        let trace: Vec<Event> = (0..MAX_BOXES + 50).map(|i| ev(&format!("e{i}"), i as u32, None)).collect();
        let t = build(&[lane("node", trace, true, None)], None);
        let boxes: usize = t.lanes[0].bands.iter().map(|b| b.boxes.len()).sum();
        assert_eq!((boxes, t.lanes[0].omitted), (MAX_BOXES, 50));
        assert!(svg(&t, "x").contains("… 50 more event(s) not drawn"));
    }

    #[test]
    fn the_svg_has_a_lane_per_backend_a_focusable_box_per_job_and_the_highlight() {
        let (r, m) = (explained(Mutant::None), explained(Mutant::TimersFifo));
        let inputs = [
            lane("reference", r.outcome.trace.clone(), true, Some(&r)),
            lane("reference:timers-fifo", m.outcome.trace.clone(), true, Some(&m)),
        ];
        let s = svg(&build(&inputs, Some(&r)), "t1");
        assert!(s.starts_with("<svg class=\"timeline\" id=\"t1\""), "{s}");
        assert_eq!(s.matches("<g class=\"lane\"").count(), 2);
        // 7 jobs per lane: 5 in the script's task, one per timer.
        assert_eq!(s.matches("<g class=\"job").count(), 14);
        assert_eq!(s.matches("<g class=\"job first\"").count(), 2);
        assert_eq!(s.matches("tabindex=\"0\"").count(), 14);
        assert_eq!(s.matches("<rect class=\"band\"").count(), 6);
        assert_eq!(s.matches("<path class=\"arrow\"").count(), 12);
        assert_eq!(s.matches("<g class=\"tip\"").count(), 14);
        assert!(s.contains("▶ #3 log d") && s.contains("▶ #3 log c"), "{s}");
        assert!(s.contains("PromiseResolveThenableJob: a promise resolved with a thenable"), "{s}");
        assert!(s.contains("#t1-b3:hover~#t1-t3,#t1-b3:focus~#t1-t3{visibility:visible}"));
        assert!(s.contains(HIGHLIGHT));
        let lower = s.to_lowercase();
        assert!(!lower.contains("<script") && !lower.contains("http"), "{s}");
    }
}
