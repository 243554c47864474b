//! The catalog's own vocabulary: names, types, databases, tables, partitions, principals.
//! Imports nothing else of Tarn's; every other layer speaks these types.

pub mod audit;
pub mod crawler;
pub mod data_filter;
pub mod data_type;
pub mod database;
pub mod diff;
pub mod event;
pub mod grant;
pub mod job;
pub mod names;
pub mod partition;
pub mod partition_filter;
pub mod pipeline;
pub mod principal;
pub mod query;
pub mod role;
pub mod stream;
pub mod table;
pub mod tag;

use thiserror::Error;

/// Input that breaks a rule of the model. `code` is the stable machine-readable reason.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct ValidationError {
    pub code: ValidationCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidationCode {
    InvalidName,
    InvalidType,
    DuplicateColumn,
    InvalidPartitionKeys,
    InvalidPartitionValues,
    InvalidFilter,
    InvalidQuery,
    InvalidRequest,
    InvalidPath,
    InvalidPipeline,
}

impl ValidationError {
    pub fn new(code: ValidationCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}
