//! A stream subscribed to an MQTT topic on the local Mosquitto (127.0.0.1:1883, which `.ci/run`
//! starts when it is down): messages published with QoS 1 become rows of the table.

use std::time::Duration;

use rumqttc::{AsyncClient, MqttOptions, QoS};
use serde_json::json;

use crate::support::TestApp;

fn broker_up() -> bool {
    let up = std::net::TcpStream::connect_timeout(&"127.0.0.1:1883".parse().unwrap(), Duration::from_secs(1)).is_ok();
    if !up {
        assert!(std::env::var("CI").is_err(), "Mosquitto must listen on 127.0.0.1:1883 under CI");
        eprintln!("no MQTT broker on 127.0.0.1:1883 (apt-get install mosquitto): skipping the MQTT source test");
    }
    up
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (_, body) = app.post("/v1/query", json!({"sql": sql})).await;
    body["rows"][0]["n"].as_i64().unwrap_or(0)
}

#[tokio::test]
async fn messages_of_an_mqtt_topic_are_delivered_into_the_table() {
    if !broker_up() {
        return;
    }
    let app = TestApp::sqlite().await;
    app.create_database("iot").await;
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let (name, topic) = (format!("t{}", &unique[..12]), format!("tarn/test/{unique}"));
    let body = json!({
        "name": name, "database": "iot", "table": "readings",
        "schema": {"columns": [{"name": "id", "type": "int64", "nullable": false}, {"name": "value", "type": "float64"}]},
        "buffering": {"size_mib": 1, "interval_seconds": 0},
        "mqtt": {"url": "mqtt://127.0.0.1:1883", "topic": topic},
    });
    let (status, created) = app.post("/v1/streams", body).await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{created}");
    assert_eq!(created["mqtt"]["topic"], topic);

    let mut options = MqttOptions::new(format!("pub-{unique}"), "127.0.0.1", 1883);
    options.set_keep_alive(Duration::from_secs(5));
    let (client, mut events) = AsyncClient::new(options, 1000);
    let driver = tokio::spawn(async move { while events.poll().await.is_ok() {} });
    // Probes (negative ids) until the subscription is up: QoS 1 keeps nothing for a topic
    // nobody has subscribed to yet.
    let mut probe = -1i64;
    while count(&app, "SELECT COUNT(*) AS n FROM iot.readings").await == 0 {
        assert!(probe > -200, "the stream never subscribed");
        let message = json!({"id": probe, "value": 0.0}).to_string();
        client.publish(topic.clone(), QoS::AtLeastOnce, false, message).await.unwrap();
        probe -= 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for id in 0..300i64 {
        let message = json!({"id": id, "value": id as f64 * 1.5}).to_string();
        client.publish(topic.clone(), QoS::AtLeastOnce, false, message).await.unwrap();
    }
    client.publish(topic.clone(), QoS::AtLeastOnce, false, "not json").await.unwrap();
    let sql = "SELECT COUNT(DISTINCT id) AS n FROM iot.readings WHERE id >= 0";
    let mut n = 0;
    for _ in 0..200 {
        n = count(&app, sql).await;
        if n == 300 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(n, 300);
    let mut errors = 0;
    for _ in 0..100 {
        errors = count(&app, "SELECT COUNT(*) AS n FROM iot.readings_errors WHERE error_kind = 'parse'").await;
        if errors == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(errors, 1, "a message that is not JSON goes to the error table");
    let (_, shown) = app.get(&format!("/v1/streams/{name}")).await;
    assert!(shown["status"]["put_records"].as_u64().unwrap() >= 301, "{shown}");
    driver.abort();
}
