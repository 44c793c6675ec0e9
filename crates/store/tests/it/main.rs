//! The history stores against their contract (`contract.rs`), and what only SQLite has.

mod contract;
mod dynamodb;
mod sqlite;
