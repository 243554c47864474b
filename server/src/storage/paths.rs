//! Object paths in the lake. Every path is built here from validated parts, so a name from a
//! user can never leave its prefix: traversal, absolute paths, encoded separators and hidden
//! names are refused before any storage call.

use object_store::path::{Path, PathPart};

use crate::domain::names::ColumnName;

/// Longest file name, partition value or path segment accepted (common filesystem limit).
pub const MAX_SEGMENT_LEN: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PathError(pub String);

/// Checks one path segment taken from user input.
fn segment(kind: &str, s: &str) -> Result<(), PathError> {
    let bad = |why: &str| Err(PathError(format!("invalid {kind} `{}`: {why}", s.escape_default())));
    if s.is_empty() {
        return bad("it is empty");
    }
    if s.len() > MAX_SEGMENT_LEN {
        return bad("it is longer than 255 bytes");
    }
    if s == "." || s == ".." {
        return bad("it would leave its folder");
    }
    if s.contains(['/', '\\']) {
        return bad("it contains a path separator");
    }
    // Percent-encoding could smuggle a separator past an intermediary that decodes it.
    if s.contains('%') {
        return bad("it contains `%`");
    }
    if s.chars().any(char::is_control) {
        return bad("it contains a control character");
    }
    // object_store percent-encodes these in object names, so the object would not be stored
    // under the name the catalog records (and queries read)
    if PathPart::from(s).as_ref() != s {
        return bad(
            "it contains a character object storage would rename (non-ASCII, or one of \\ { } ^ ` [ ] \" < > # | * ?)",
        );
    }
    Ok(())
}

/// Whether `value` can name a partition folder (`key=value`): what a write of it would refuse.
pub fn check_partition_value(value: &str) -> Result<(), PathError> {
    segment("partition value", value)?;
    if value.contains('=') {
        return Err(PathError(format!("partition value `{}` contains `=`", value.escape_default())));
    }
    Ok(())
}

/// The name of a file inside a table's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName(String);

impl FileName {
    pub fn parse(s: &str) -> Result<Self, PathError> {
        segment("file name", s)?;
        // Crawlers and engines skip names starting with `_` or `.` (temporary and hidden files).
        if s.starts_with(['_', '.']) {
            return Err(PathError(format!("invalid file name `{s}`: names starting with `_` or `.` are hidden")));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hive-style partition folders, `year=2024/month=06`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartitionPath(Vec<(String, String)>);

impl PartitionPath {
    pub fn parse(s: &str) -> Result<Self, PathError> {
        let mut parts = Vec::new();
        for folder in s.trim_end_matches('/').split('/') {
            let Some((key, value)) = folder.split_once('=') else {
                return Err(PathError(format!("partition folder `{}` is not key=value", folder.escape_default())));
            };
            ColumnName::parse(key).map_err(|e| PathError(format!("partition key: {e}")))?;
            segment("partition value", value)?;
            if value.contains('=') {
                return Err(PathError(format!("partition value `{value}` contains `=`")));
            }
            if parts.iter().any(|(k, _)| k == key) {
                return Err(PathError(format!("partition key `{key}` appears twice")));
            }
            parts.push((key.to_owned(), value.to_owned()));
        }
        Ok(Self(parts))
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// `year=2024/month=06` (empty when there are no partition values).
    pub fn to_folder(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("/")
    }
}

/// A location inside the lake, relative to its root: folders, no leading or trailing `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LakePath(String);

impl LakePath {
    /// Validates a relative path such as `raw/sales/orders`.
    pub fn parse(s: &str) -> Result<Self, PathError> {
        let trimmed = s.trim_matches('/');
        if trimmed.is_empty() {
            return Ok(Self(String::new()));
        }
        for part in trimmed.split('/') {
            segment("path segment", part)?;
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn root() -> Self {
        Self(String::new())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// A child; `part` must already be a validated single segment.
    pub fn join(&self, part: &str) -> Self {
        if self.0.is_empty() { Self(part.to_owned()) } else { Self(format!("{}/{part}", self.0)) }
    }

    pub fn join_partition(&self, partition: &PartitionPath) -> Self {
        partition.pairs().iter().fold(self.clone(), |path, (k, v)| path.join(&format!("{k}={v}")))
    }

    /// Whether `self` is `ancestor` or inside it.
    pub fn is_within(&self, ancestor: &LakePath) -> bool {
        ancestor.0.is_empty()
            || self.0 == ancestor.0
            || (self.0.starts_with(&ancestor.0) && self.0.as_bytes().get(ancestor.0.len()) == Some(&b'/'))
    }

    /// The path below `ancestor` (`None` when not within it).
    pub fn relative_to<'a>(&'a self, ancestor: &LakePath) -> Option<&'a str> {
        if !self.is_within(ancestor) {
            return None;
        }
        Some(if ancestor.0.is_empty() { &self.0 } else { self.0[ancestor.0.len()..].trim_start_matches('/') })
    }

    pub(super) fn to_object_path(&self, prefix: &Path) -> Path {
        let mut parts: Vec<PathPart<'static>> = prefix.parts().map(|p| PathPart::from(p.as_ref().to_owned())).collect();
        parts.extend(self.0.split('/').filter(|s| !s.is_empty()).map(|s| PathPart::from(s.to_owned())));
        Path::from_iter(parts)
    }

    pub(super) fn from_object_path(path: &Path, prefix: &Path) -> Option<Self> {
        let parts: Vec<String> = path.prefix_match(prefix)?.map(|p| p.as_ref().to_owned()).collect();
        Some(Self(parts.join("/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_cannot_escape_their_folder() {
        for bad in [
            "",
            ".",
            "..",
            "a/b",
            "a\\b",
            "..%2Fx",
            "%2e%2e",
            "a\0b",
            "_tmp",
            ".hidden",
            &"x".repeat(256),
            "Zürich",
            "a*b",
            "a?b",
            "a#b",
        ] {
            assert!(FileName::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(FileName::parse("orders 2024-06.csv").is_ok());
        for good in ["a (1).csv", "a,b;c.csv", "x+y@z.csv", "v=1&w=2.csv", "it's.csv", "a$b!c.csv"] {
            assert!(FileName::parse(good).is_ok(), "{good:?} refused");
        }
        assert!(PartitionPath::parse("city=Zürich").is_err(), "stored as city=Z%C3%BCrich");
        for bad in ["/etc/passwd", "raw/../secret", "raw/./x", "raw//x", "raw/%2F"] {
            assert!(LakePath::parse(bad.trim_start_matches('/')).is_err() || bad.starts_with('/'), "{bad}");
        }
        assert!(LakePath::parse("raw/../x").is_err());
        assert!(LakePath::parse("raw//x").is_err());
    }

    #[test]
    fn partitions_are_key_value_folders() {
        let p = PartitionPath::parse("year=2024/month=06").unwrap();
        assert_eq!(p.to_folder(), "year=2024/month=06");
        assert!(PartitionPath::parse("2024/06").is_err());
        assert!(PartitionPath::parse("year=").is_err());
        assert!(PartitionPath::parse("Year=1").is_err());
        assert!(PartitionPath::parse("year=../x").is_err());
        assert!(PartitionPath::parse("year=1/year=2").is_err());
    }

    #[test]
    fn within_respects_segment_boundaries() {
        let a = LakePath::parse("raw/sales").unwrap();
        assert!(LakePath::parse("raw/sales/orders").unwrap().is_within(&a));
        assert!(!LakePath::parse("raw/salesx/orders").unwrap().is_within(&a));
        assert_eq!(LakePath::parse("raw/sales/o/x.csv").unwrap().relative_to(&a), Some("o/x.csv"));
    }
}
