//! How text becomes searchable words: identifiers split on `_`, `-`, `.`, other punctuation and
//! camelCase, everything lowercased. The same function serves indexing, queries and highlights,
//! so what is indexed and what is asked for always agree.

/// The lowercase words of `text`: `customerOrders_v2.csv` -> `customer orders v2 csv`.
pub fn split(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (start, end) in spans(text) {
        words.push(text[start..end].to_lowercase());
    }
    words
}

/// Byte ranges of the words of `text`, in order (for highlighting the original text).
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return ascii_spans(text.as_bytes());
    }
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        if !c.is_alphanumeric() {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
            previous = None;
            continue;
        }
        // A lowercase letter or digit followed by an uppercase one starts a new word (camelCase).
        let boundary = matches!(previous, Some(p) if (p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase());
        if boundary {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        previous = Some(c);
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// [`spans`] for ASCII text, byte by byte (most catalog text; several times faster).
fn ascii_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
            previous = 0;
            continue;
        }
        let boundary = (previous.is_ascii_lowercase() || previous.is_ascii_digit()) && b.is_ascii_uppercase();
        if boundary {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
        }
        if start.is_none() {
            start = Some(i);
        }
        previous = b;
    }
    if let Some(s) = start {
        spans.push((s, bytes.len()));
    }
    spans
}

/// Joins words with single spaces: the form stored in tokenized fields, which the index then
/// splits on whitespace only.
pub fn joined(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (start, end) in spans(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        let word = &text[start..end];
        if word.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
            out.push_str(word);
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// Edit distance with adjacent transpositions counted as one edit (optimal string alignment),
/// bounded: returns `max + 1` as soon as the distance is known to exceed `max`.
pub fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        let mut row_min = rows[i][0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
    }
    rows[a.len()][b.len()].min(max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_split_on_separators_and_camel_case() {
        assert_eq!(split("customer_orders"), ["customer", "orders"]);
        assert_eq!(split("customerOrders-v2.CSV"), ["customer", "orders", "v2", "csv"]);
        assert_eq!(split("HTTPServer log2File"), ["httpserver", "log2", "file"]);
        assert_eq!(split("  __ "), Vec::<String>::new());
        assert_eq!(split("Größe_totalAmount"), ["größe", "total", "amount"], "the non-ASCII path agrees");
    }

    #[test]
    fn distance_counts_transpositions_once() {
        assert_eq!(distance("custmer", "customer", 2), 1);
        assert_eq!(distance("cusotmer", "customer", 2), 1);
        assert_eq!(distance("orders", "order", 2), 1);
        assert_eq!(distance("abc", "xyz", 1), 2);
    }
}
