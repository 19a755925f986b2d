//! tickdiff harness: the reference scheduler, the engine backends and their
//! host event loop, the runner, the differ, and the CLI's commands.

// The docs are built with --document-private-items (and checked so in CI),
// where a public item's link to a private one resolves.
#![allow(rustdoc::private_intra_doc_links)]

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
