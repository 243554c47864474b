mod auth;
mod databases;
mod errors;
mod grants;
mod partitions;
mod principals;
mod tables;
mod versions;
