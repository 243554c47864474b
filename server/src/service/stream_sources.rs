//! Pull sources of delivery streams: an MQTT topic subscribed with QoS 1 (rumqttc). Each
//! message is one record, put into the stream as its owner (INSERT checked, and audited, when
//! the subscription starts); the broker gets its PUBACK only once the record is in the
//! fsynced log, and in the order the messages came (MQTT requires it), so a crash before
//! the sync has the broker send the message again: at least once, as QoS 1 is. Messages are
//! appended concurrently, so they share fsyncs; the broker's in-flight window bounds how
//! many wait. A replica runs sources only when configured to (`stream_sources`), so one
//! replica holds each subscription.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS};
use tokio::sync::{mpsc, oneshot};

use super::stream_delivery::AcceptError;
use super::streams::Streams;
use crate::domain::stream::{MAX_RECORD_BYTES, MqttSource, Stream};
use crate::ingest::batch::{Batch, Refusal};
use crate::store::streams;

/// How often the list of streams is read again (sources added, changed or deleted).
const RESCAN: Duration = Duration::from_secs(2);
/// Messages the broker may have in flight to one subscription.
const INFLIGHT: u16 = 256;

fn host_port(url: &str) -> Option<(String, u16)> {
    let rest = url.strip_prefix("mqtt://")?.trim_end_matches('/');
    let (host, port) = rest.rsplit_once(':').map_or((rest, "1883"), |(h, p)| (h, p));
    Some((host.to_owned(), port.parse().ok()?))
}

/// Keeps one subscription running per stream with an MQTT source until the process ends.
pub async fn run(streams: Arc<Streams>) {
    let mut running: HashMap<String, (MqttSource, tokio::task::JoinHandle<()>)> = HashMap::new();
    loop {
        match streams::all(&mut streams.store().conn()).await {
            Ok(all) => {
                let wanted: HashMap<String, Stream> =
                    all.into_iter().filter(|s| s.definition.mqtt.is_some()).map(|s| (s.id.clone(), s)).collect();
                running.retain(|id, (source, task)| {
                    let keep = wanted.get(id).and_then(|s| s.definition.mqtt.as_ref()) == Some(source);
                    if !keep {
                        task.abort();
                    }
                    keep
                });
                for (id, stream) in wanted {
                    if let (false, Some(source)) = (running.contains_key(&id), stream.definition.mqtt.clone()) {
                        let task = tokio::spawn(subscribe(streams.clone(), stream));
                        running.insert(id, (source, task));
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "reading the streams for their sources failed"),
        }
        tokio::time::sleep(RESCAN).await;
    }
}

/// Puts one message until it is accepted (the backlog may be full); the broker waits.
async fn put(streams: &Streams, stream: &Stream, payload: bytes::Bytes) -> bool {
    loop {
        let (records, refused) = if payload.len() > MAX_RECORD_BYTES {
            (vec![], vec![(0, Refusal::TooLarge)])
        } else {
            (vec![(0, payload.clone())], vec![])
        };
        let batch = Batch { arrival: Utc::now(), key: None, refused, records };
        match streams.put_from_source(stream, batch).await {
            Ok(()) => return true,
            Err(AcceptError::Backlog | AcceptError::StorageFull | AcceptError::Unavailable(_)) => {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(AcceptError::Service(e)) => {
                tracing::warn!(stream = %stream.name, error = %e, "an MQTT message could not be put");
                return false;
            }
        }
    }
}

async fn subscribe(streams: Arc<Streams>, stream: Stream) {
    let Some(source) = stream.definition.mqtt.clone() else { return };
    let Some((host, port)) = host_port(&source.url) else {
        tracing::warn!(stream = %stream.name, url = %source.url, "the MQTT source's URL is not mqtt://host:port");
        return;
    };
    if let Err(e) = streams.authorize_source(&stream).await {
        tracing::warn!(stream = %stream.name, error = %e, "the stream's owner may not write its table: not subscribing");
        return;
    }
    // A session kept by the broker (clean_session off): what was sent and not acknowledged
    // before a restart is sent again.
    let mut options = MqttOptions::new(format!("tarn-{}", stream.name), host, port);
    options.set_clean_session(false).set_manual_acks(true).set_keep_alive(Duration::from_secs(30));
    options.set_inflight(INFLIGHT).set_max_packet_size(MAX_RECORD_BYTES + 64 * 1024, 64 * 1024);
    let (client, mut events) = AsyncClient::new(options, 64);
    // Acknowledgements in arrival order, each once its message is durable.
    let (to_acker, mut pending) = mpsc::channel::<(rumqttc::Publish, oneshot::Receiver<bool>)>(usize::from(INFLIGHT));
    let acker = {
        let client = client.clone();
        tokio::spawn(async move {
            while let Some((publish, durable)) = pending.recv().await {
                if durable.await.unwrap_or(false) {
                    let _ = client.ack(&publish).await;
                }
            }
        })
    };
    let mut wait = Duration::from_millis(200);
    loop {
        match events.poll().await {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                wait = Duration::from_millis(200);
                if let Err(e) = client.subscribe(source.topic.clone(), QoS::AtLeastOnce).await {
                    tracing::warn!(stream = %stream.name, error = %e, "MQTT subscribe failed");
                }
            }
            Ok(Event::Incoming(Packet::Publish(publish))) => {
                let (done, durable) = oneshot::channel();
                let (streams, stream, payload) = (streams.clone(), stream.clone(), publish.payload.clone());
                tokio::spawn(async move {
                    let _ = done.send(put(&streams, &stream, payload).await);
                });
                if to_acker.send((publish, durable)).await.is_err() {
                    break;
                }
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(stream = %stream.name, error = %e, "the MQTT connection failed; reconnecting");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        }
    }
    acker.abort();
}

#[cfg(test)]
mod tests {
    #[test]
    fn urls_name_a_host_and_a_port() {
        assert_eq!(super::host_port("mqtt://127.0.0.1:1883"), Some(("127.0.0.1".to_owned(), 1883)));
        assert_eq!(super::host_port("mqtt://broker"), Some(("broker".to_owned(), 1883)));
        assert_eq!(super::host_port("http://x:1"), None);
    }
}
