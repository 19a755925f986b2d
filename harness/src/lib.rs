//! tickdiff harness: the reference scheduler, the engine backends and their
//! host event loop, the runner, the differ, and the CLI's commands.

pub mod backends;
pub mod bucket;
pub mod campaign;
pub mod commands;
pub mod differ;
pub mod engines;
pub mod error;
pub mod export;
pub mod frontend;
pub mod fsutil;
pub mod inputs;
pub mod minimize;
pub mod outcome;
pub mod reference;
pub mod report;
pub mod runner;
