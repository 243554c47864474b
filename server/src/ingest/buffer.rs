//! One stream's accepted requests between the log and a delivery. A buffer is due when it
//! holds its size hint or its oldest request has waited the interval, whichever comes first
//! (Firehose's buffering hints); a delivery takes whole requests from the front (a request
//! is delivered whole, so one log position is the unit a checkpoint moves by) and, if it
//! fails, puts them back in front, so the next attempt covers the same positions first.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::batch::Batch;
use super::convert::Pending;

/// A request as it waits: its log position and when this replica received (or replayed) it.
#[derive(Debug, Clone)]
pub struct Held {
    pub position: u64,
    pub batch: Batch,
    pub since: Instant,
}

/// Requests taken for one delivery, oldest first.
#[derive(Debug, Clone)]
pub struct Taken {
    pub held: Vec<Held>,
}

impl Taken {
    pub fn first(&self) -> u64 {
        self.held.first().map_or(0, |h| h.position)
    }

    pub fn last(&self) -> u64 {
        self.held.last().map_or(0, |h| h.position)
    }

    pub fn bytes(&self) -> usize {
        self.held.iter().map(|h| h.batch.record_bytes()).sum()
    }

    /// Every accepted record, in log order.
    pub fn records(&self) -> Vec<Pending> {
        let mut out = Vec::with_capacity(self.held.iter().map(|h| h.batch.records.len()).sum());
        for h in &self.held {
            for (index, data) in &h.batch.records {
                out.push(Pending { position: h.position, index: *index, arrival: h.batch.arrival, data: data.clone() });
            }
        }
        out
    }

    /// (idempotency key, log position) of the requests that had one.
    pub fn keys(&self) -> Vec<(String, u64)> {
        self.held.iter().filter_map(|h| h.batch.key.clone().map(|k| (k, h.position))).collect()
    }
}

#[derive(Debug, Default)]
pub struct Buffer {
    held: VecDeque<Held>,
    bytes: usize,
}

impl Buffer {
    /// Requests come in log order (appends and a replay both give them so).
    pub fn push(&mut self, held: Held) {
        self.bytes += held.batch.record_bytes();
        self.held.push_back(held);
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// Accepted records waiting, over every request.
    pub fn records(&self) -> u64 {
        self.held.iter().map(|h| h.batch.records.len() as u64).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// How long the oldest request has waited.
    pub fn age(&self, now: Instant) -> Option<Duration> {
        self.held.front().map(|h| now.saturating_duration_since(h.since))
    }

    /// The lowest position still waiting: the log may be released below it.
    pub fn oldest_position(&self) -> Option<u64> {
        self.held.front().map(|h| h.position)
    }

    pub fn due(&self, size_bytes: usize, interval: Duration, now: Instant) -> bool {
        !self.is_empty() && (self.bytes >= size_bytes || self.age(now).is_some_and(|a| a >= interval))
    }

    /// Whole requests from the front up to `size_bytes` (at least one, however large).
    pub fn take(&mut self, size_bytes: usize) -> Option<Taken> {
        let mut held = Vec::new();
        let mut bytes = 0;
        while let Some(next) = self.held.front() {
            let size = next.batch.record_bytes();
            if !held.is_empty() && bytes + size > size_bytes {
                break;
            }
            bytes += size;
            held.extend(self.held.pop_front());
        }
        self.bytes -= bytes;
        (!held.is_empty()).then_some(Taken { held })
    }

    /// A delivery that failed: its requests wait in front again, in order.
    pub fn restore(&mut self, taken: Taken) {
        for h in taken.held.into_iter().rev() {
            self.bytes += h.batch.record_bytes();
            self.held.push_front(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use chrono::Utc;

    use super::*;

    fn held(position: u64, sizes: &[usize], key: Option<&str>, since: Instant) -> Held {
        let records = sizes.iter().enumerate().map(|(i, n)| (i as u32, Bytes::from(vec![b'x'; *n]))).collect();
        let batch = Batch { arrival: Utc::now(), key: key.map(str::to_owned), refused: vec![], records };
        Held { position, batch, since }
    }

    #[test]
    fn a_buffer_is_due_at_its_size_or_its_interval_whichever_comes_first() {
        let start = Instant::now();
        let mut b = Buffer::default();
        let interval = Duration::from_secs(60);
        assert!(!b.due(100, interval, start), "empty is never due");
        b.push(held(1, &[40], None, start));
        assert!(!b.due(100, interval, start));
        assert!(b.due(100, interval, start + interval), "the oldest waited the interval");
        b.push(held(2, &[70], None, start));
        assert!(b.due(100, interval, start), "the size is reached");
        assert!(b.due(1000, Duration::ZERO, start), "interval 0: at once");
        assert_eq!((b.len(), b.bytes(), b.oldest_position()), (2, 110, Some(1)));
    }

    #[test]
    fn deliveries_take_whole_requests_in_order_and_a_failed_one_is_put_back_in_front() {
        let now = Instant::now();
        let mut b = Buffer::default();
        b.push(held(3, &[30, 30], Some("k3"), now));
        b.push(held(5, &[50], None, now));
        b.push(held(9, &[500], Some("k9"), now));
        assert_eq!(b.take(100).map(|t| t.last()), Some(3), "the next request would pass the hint");
        b.restore(Taken { held: vec![held(3, &[30, 30], Some("k3"), now)] });
        let first = b.take(110).unwrap();
        assert_eq!((first.first(), first.last(), first.bytes()), (3, 5, 110));
        let records = first.records();
        assert_eq!(records.iter().map(|r| (r.position, r.index)).collect::<Vec<_>>(), [(3, 0), (3, 1), (5, 0)]);
        assert_eq!(first.keys(), [("k3".to_owned(), 3)]);
        assert_eq!((b.len(), b.bytes()), (1, 500));
        b.restore(first);
        assert_eq!((b.oldest_position(), b.bytes()), (Some(3), 610));
        // The same positions come first again; one request larger than the hint goes alone.
        assert_eq!(b.take(110).unwrap().last(), 5);
        let big = b.take(110).unwrap();
        assert_eq!((big.first(), big.bytes()), (9, 500));
        assert!(b.take(110).is_none() && b.is_empty());
    }
}
