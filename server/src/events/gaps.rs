//! Holes in the outbox sequence. On PostgreSQL a transaction that took seq 10 may commit after
//! the one that took seq 11, and a rolled-back one leaves 10 empty for good. A follower that
//! moved its cursor past 11 at once would lose 10; one that waited forever would stall.

use std::time::{Duration, Instant};

use crate::store::outbox::OutboxEvent;

/// How long a hole is waited for before it is taken as a rolled-back transaction.
pub const GAP_GRACE: Duration = Duration::from_secs(5);

/// The first missing position after a cursor, and since when it has been missing.
#[derive(Debug, Default)]
pub struct GapWatch {
    gap: Option<(i64, Instant)>,
}

impl GapWatch {
    /// How many of `events` (read after `cursor`) may be applied in order now: the run without
    /// holes, or all of them once the first hole is older than [`GAP_GRACE`].
    pub fn ready(&mut self, cursor: i64, events: &[OutboxEvent]) -> usize {
        let contiguous = events.iter().zip(cursor + 1..).take_while(|(e, expected)| e.seq == *expected).count();
        if contiguous == events.len() {
            self.gap = None;
            return contiguous;
        }
        let missing = cursor + 1 + contiguous as i64;
        match self.gap {
            Some((seq, since)) if seq == missing && since.elapsed() >= GAP_GRACE => {
                tracing::debug!(seq, "outbox seq never committed; moving past it");
                self.gap = None;
                events.len()
            }
            Some((seq, _)) if seq == missing => contiguous,
            _ => {
                self.gap = Some((missing, Instant::now()));
                contiguous
            }
        }
    }

    #[cfg(test)]
    fn age(&mut self, by: Duration) {
        if let Some((_, since)) = &mut self.gap {
            *since -= by;
        }
    }
}

/// Positions an eager follower went past while they were empty: a transaction that took one
/// may still commit, and its event is then handed out late (if within [`GAP_GRACE`]).
#[derive(Debug, Default)]
pub struct LateWatch {
    holes: Vec<(i64, Instant)>,
}

impl LateWatch {
    /// Notes the positions in `after+1 ..= last of events` that `events` does not hold.
    pub fn note(&mut self, after: i64, events: &[OutboxEvent]) {
        let now = Instant::now();
        let mut expected = after + 1;
        for event in events {
            self.holes.extend((expected..event.seq).map(|seq| (seq, now)));
            expected = event.seq + 1;
        }
    }

    /// The holes still watched, oldest first (those older than the grace are dropped).
    pub fn watched(&mut self) -> Vec<i64> {
        self.holes.retain(|(_, since)| since.elapsed() < GAP_GRACE);
        self.holes.iter().map(|(seq, _)| *seq).collect()
    }

    /// Stops watching positions that have been handed out.
    pub fn filled(&mut self, seqs: &[i64]) {
        self.holes.retain(|(seq, _)| !seqs.contains(seq));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::Event;

    fn events(seqs: &[i64]) -> Vec<OutboxEvent> {
        seqs.iter()
            .map(|&seq| OutboxEvent {
                seq,
                occurred_at: chrono::Utc::now(),
                event: Event::DatabaseUpdated { database: "a".into() },
            })
            .collect()
    }

    #[test]
    fn a_hole_holds_the_cursor_until_it_is_old() {
        let mut watch = GapWatch::default();
        assert_eq!(watch.ready(0, &events(&[1, 2, 3])), 3);
        // 4 may still commit: apply 5 and 6 only after it, or once the hole is old.
        assert_eq!(watch.ready(3, &events(&[5, 6])), 0);
        assert_eq!(watch.ready(3, &events(&[5, 6])), 0);
        watch.age(GAP_GRACE);
        assert_eq!(watch.ready(3, &events(&[5, 6])), 2);
        assert_eq!(watch.ready(3, &events(&[4, 5, 7])), 2, "4 committed late: applied in order");
    }

    #[test]
    fn late_positions_are_watched_until_filled() {
        let mut late = LateWatch::default();
        late.note(2, &events(&[3, 6, 8]));
        assert_eq!(late.watched(), [4, 5, 7]);
        late.filled(&[5]);
        assert_eq!(late.watched(), [4, 7]);
    }
}
