//! PATCH bodies distinguish "absent" (keep) from `null` (clear) from a value (set).

use serde::{Deserialize, Deserializer};

/// Deserialises a present field into `Some(value_or_null)`; with `#[serde(default)]` an
/// absent field stays `None`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
