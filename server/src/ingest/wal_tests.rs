//! The log on a real folder: appends survive a reopen in order, concurrent appends share
//! fsyncs, a torn tail is cut off, and released segments go away.

use std::io::Write;

use bytes::Bytes;

use super::wal::{Wal, WalOptions};

fn record(i: u64) -> Bytes {
    Bytes::from(format!("{{\"id\": {i}}}"))
}

#[tokio::test]
async fn appends_are_read_back_in_order_after_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, before) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    assert!(before.is_empty());
    assert_eq!(wal.append("clicks", vec![record(1), record(2)]).await.unwrap(), 1);
    assert_eq!(wal.append("metrics", vec![record(3)]).await.unwrap(), 3);
    drop(wal);
    let (wal, entries) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    let read: Vec<(u64, &str, Bytes)> =
        entries.iter().map(|e| (e.position, e.stream.as_str(), e.payload.clone())).collect();
    assert_eq!(read, [(1, "clicks", record(1)), (2, "clicks", record(2)), (3, "metrics", record(3))]);
    // Positions go on from where the log ended.
    assert_eq!(wal.append("clicks", vec![record(4)]).await.unwrap(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_appends_share_fsyncs() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, _) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let wal = wal.clone();
            tokio::spawn(async move { wal.append("clicks", vec![record(i)]).await.unwrap() })
        })
        .collect();
    let mut positions = Vec::new();
    for task in tasks {
        positions.push(task.await.unwrap());
    }
    positions.sort_unstable();
    assert_eq!(positions, (1..=200).collect::<Vec<u64>>(), "every append its own position, none lost");
    let stats = wal.stats();
    assert_eq!((stats.appends, stats.records), (200, 200));
    assert!(stats.syncs < 200, "group commit: {} syncs for 200 appends", stats.syncs);
    drop(wal);
    let (_, entries) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    assert_eq!(entries.len(), 200);
}

#[tokio::test]
async fn a_torn_tail_is_cut_off_and_the_log_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (wal, _) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    wal.append("clicks", vec![record(1), record(2)]).await.unwrap();
    drop(wal);
    // A crash in the middle of writing the next entry leaves half of it.
    let segment = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let mut file = std::fs::OpenOptions::new().append(true).open(&segment).unwrap();
    file.write_all(&[40, 0, 0, 0, 1, 2, 3, 4, 9, 9]).unwrap();
    drop(file);
    let (wal, entries) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    assert_eq!(entries.iter().map(|e| e.position).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(wal.append("clicks", vec![record(3)]).await.unwrap(), 3);
    drop(wal);
    let (_, entries) = Wal::open(dir.path(), WalOptions::default()).unwrap();
    assert_eq!(entries.iter().map(|e| e.position).collect::<Vec<_>>(), [1, 2, 3]);
}

#[tokio::test]
async fn segments_roll_over_and_released_ones_are_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let options = WalOptions { segment_bytes: 64, max_batch: 16, ..WalOptions::default() };
    let (wal, _) = Wal::open(dir.path(), options).unwrap();
    for i in 1..=6 {
        wal.append("clicks", vec![Bytes::from(vec![b'x'; 40]), record(i)]).await.unwrap();
    }
    let count = || std::fs::read_dir(dir.path()).unwrap().count();
    assert!(count() >= 5, "one segment per append past 64 bytes: {}", count());
    // Everything below position 7 (the first four appends) is delivered: their segments go.
    let removed = wal.release(7).await.unwrap();
    assert!(removed >= 3, "{removed}");
    drop(wal);
    let (wal, entries) = Wal::open(dir.path(), options).unwrap();
    assert!(entries.iter().all(|e| e.position >= 7) && entries.iter().any(|e| e.position == 12), "{entries:?}");
    // All of it released: a fresh segment begins where the log ended, and positions go on.
    wal.release(u64::MAX).await.unwrap();
    assert_eq!(wal.append("clicks", vec![record(7)]).await.unwrap(), 13);
    drop(wal);
    let (wal, entries) = Wal::open(dir.path(), options).unwrap();
    assert_eq!(entries.iter().map(|e| e.position).collect::<Vec<_>>(), [13]);
    assert_eq!(wal.append("clicks", vec![record(8)]).await.unwrap(), 14);
}

#[tokio::test]
async fn a_full_log_refuses_appends_whole_and_takes_them_again_once_released() {
    let dir = tempfile::tempdir().unwrap();
    let options = WalOptions { max_bytes: 200, ..WalOptions::default() };
    let (wal, _) = Wal::open(dir.path(), options).unwrap();
    wal.append("clicks", vec![Bytes::from(vec![b'x'; 100])]).await.unwrap();
    let full = wal.append("clicks", vec![Bytes::from(vec![b'y'; 60]), Bytes::from(vec![b'z'; 60])]).await;
    assert!(matches!(full, Err(super::wal::WalError::Full)), "{full:?}");
    wal.release(u64::MAX).await.unwrap();
    assert_eq!(wal.append("clicks", vec![Bytes::from(vec![b'y'; 60])]).await.unwrap(), 2);
    drop(wal);
    let (_, entries) = Wal::open(dir.path(), options).unwrap();
    assert_eq!(entries.len(), 1, "nothing of the refused append is in the log: {entries:?}");
}
