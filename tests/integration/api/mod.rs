mod auth;
mod databases;
mod errors;
mod partitions;
mod tables;
mod versions;
