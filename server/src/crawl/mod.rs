//! Crawling support: detecting, sampling and inferring the schemas of data files in a lake.

pub mod detect;
pub mod infer;
pub mod merge;
pub mod scan;
