//! Authorization benchmark (not a test). 10,000 tables in one database, 1,000 users in 100
//! groups nested under 10 parent groups, 100,000 grants. Measures:
//!   - the in-process decision (`Authorizer::access`) for random (user, table) pairs;
//!   - `GET /v1/databases/big/tables` over HTTP for a user who may see 100 tables and for
//!     one who may see all 10,000;
//!   - a management-plane decision through casbin with 1,000 role assignments.
//!
//!     cargo bench --bench authz

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "authz_roles.rs"]
mod authz_roles;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::{Value, json};
use tarn::authz::{Authorizer, Target};
use tarn::config::{Config, Settings};
use tarn::domain::data_type::DataType;
use tarn::domain::database::Database;
use tarn::domain::grant::{ColumnScope, Grant, GrantResource};
use tarn::domain::names::{ColumnName, DatabaseName, TableName};
use tarn::domain::principal::{Principal, PrincipalKind, Privilege};
use tarn::domain::table::{Business, Column, Format, Table, TableDefinition, TableVersion, Zone};
use tarn::store::{Store, databases, grants, principals, tables};

/// The allocator of the `tarn` binary, so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TABLES: usize = 10_000;
const USERS: usize = 1_000;
const GROUPS: usize = 100;
const PARENTS: usize = 10;
const PASSWORD: &str = "bench-password-1";

fn principal(kind: PrincipalKind, name: String) -> Principal {
    Principal { id: uuid::Uuid::now_v7().to_string(), kind, name }
}

fn table(i: usize) -> Table {
    let column = |name: &str, t: DataType| Column {
        name: ColumnName::parse(name).unwrap(),
        data_type: t,
        nullable: true,
        description: Some(format!("the {name} of the record")),
        sensitivity: None,
    };
    let definition = TableDefinition {
        description: Some(format!("generated table number {i}")),
        zone: Zone::Curated,
        format: Format::Parquet,
        format_options: BTreeMap::new(),
        location: None,
        columns: (0..20).map(|c| column(&format!("col_{c}"), DataType::Int64)).collect(),
        partition_keys: vec![],
        business: Business::default(),
    };
    let now = Utc::now();
    Table {
        id: uuid::Uuid::now_v7().to_string(),
        database: "big".into(),
        name: TableName::parse(&format!("t{i:05}")).unwrap(),
        version: 1,
        definition,
        created_by: "user:admin".into(),
        created_at: now,
        updated_at: now,
    }
}

fn grant(principal_id: &str, resource: GrantResource, privilege: Privilege) -> Grant {
    Grant {
        id: uuid::Uuid::now_v7().to_string(),
        principal_id: principal_id.to_owned(),
        resource,
        privilege,
        columns: ColumnScope::All,
        grantable: false,
        granted_by: "user:admin".into(),
        created_at: Utc::now(),
    }
}

/// Writes the catalog, principals and grants straight into the store.
async fn populate(store: &Store) -> (Vec<Principal>, Vec<String>) {
    let started = Instant::now();
    let hash = tarn::authn::password::hash(PASSWORD).unwrap();
    let mut tx = store.begin().await.unwrap();
    let now = Utc::now();
    let db = Database {
        id: uuid::Uuid::now_v7().to_string(),
        name: DatabaseName::parse("big").unwrap(),
        description: None,
        location: None,
        parameters: BTreeMap::new(),
        created_by: "user:admin".into(),
        created_at: now,
        updated_at: now,
    };
    databases::insert(&mut tx.conn(), &db).await.unwrap();
    let mut names = Vec::new();
    for i in 0..TABLES {
        let t = table(i);
        tables::insert(&mut tx.conn(), &db.id, &t).await.unwrap();
        let v = TableVersion {
            version: 1,
            author: "user:admin".into(),
            created_at: now,
            definition: t.definition.clone(),
            summary: "created".into(),
        };
        tables::insert_version(&mut tx.conn(), &t.id, &v).await.unwrap();
        names.push(t.name.to_string());
    }
    let parents: Vec<Principal> =
        (0..PARENTS).map(|i| principal(PrincipalKind::Group, format!("division{i}"))).collect();
    let groups: Vec<Principal> = (0..GROUPS).map(|i| principal(PrincipalKind::Group, format!("team{i}"))).collect();
    let users: Vec<Principal> = (0..USERS).map(|i| principal(PrincipalKind::User, format!("user{i}"))).collect();
    for p in parents.iter().chain(&groups) {
        principals::insert(&mut tx.conn(), p, None, None, None).await.unwrap();
    }
    for (i, u) in users.iter().enumerate() {
        principals::insert(&mut tx.conn(), u, Some(&hash), None, None).await.unwrap();
        principals::add_member(&mut tx.conn(), &groups[i % GROUPS].id, &u.id).await.unwrap();
    }
    for (i, g) in groups.iter().enumerate() {
        principals::add_member(&mut tx.conn(), &parents[i % PARENTS].id, &g.id).await.unwrap();
    }
    // 100,000 grants: each team SELECTs 1,000 tables (overlapping ranges).
    let mut count = 0;
    for (g, group) in groups.iter().enumerate() {
        for k in 0..1_000 {
            let t = &names[(g * 97 + k) % TABLES];
            let resource = GrantResource::Table { database: "big".into(), table: t.clone() };
            grants::insert(&mut tx.conn(), &grant(&group.id, resource, Privilege::Select)).await.unwrap();
            count += 1;
        }
    }
    // Two viewers for the listing: one sees 100 tables, one the whole database.
    let few = principal(PrincipalKind::User, "viewer100".into());
    let all = principal(PrincipalKind::User, "viewerall".into());
    principals::insert(&mut tx.conn(), &few, Some(&hash), None, None).await.unwrap();
    principals::insert(&mut tx.conn(), &all, Some(&hash), None, None).await.unwrap();
    for k in 0..100 {
        let resource = GrantResource::Table { database: "big".into(), table: names[k * 100].clone() };
        grants::insert(&mut tx.conn(), &grant(&few.id, resource, Privilege::Describe)).await.unwrap();
        count += 1;
    }
    grants::insert(&mut tx.conn(), &grant(&all.id, GrantResource::Database("big".into()), Privilege::Describe))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    println!(
        "populated {TABLES} tables, {} principals, {} grants in {:.1} s",
        USERS + GROUPS + PARENTS + 2,
        count + 1,
        started.elapsed().as_secs_f64()
    );
    (users, names)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn decisions(store: &Store, users: &[Principal], names: &[String]) {
    let started = Instant::now();
    let authz = Authorizer::load(store.clone()).await.unwrap();
    println!("policy snapshot loaded in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    let columns: Vec<String> = (0..20).map(|c| format!("col_{c}")).collect();
    let mut times = Vec::with_capacity(100_000);
    let mut allowed = 0;
    let mut rng = 0x2545F4914F6CDD1Du64;
    for _ in 0..100_000 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let user = &users[(rng % users.len() as u64) as usize];
        let name = &names[((rng >> 20) % names.len() as u64) as usize];
        let target = Target::Table { database: "big", name, owner: "user:admin", columns: &columns };
        let t = Instant::now();
        let access = authz.access(user, &target);
        times.push(t.elapsed());
        allowed += usize::from(access.has(Privilege::Select));
    }
    times.sort();
    println!(
        "decision (user in a group in a group, 100,000 grants, 10,000 tables): p50 {:.1} us, p99 {:.1} us, max {:.1} us ({allowed} of 100,000 allowed)",
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.99).as_secs_f64() * 1e6,
        times.last().unwrap().as_secs_f64() * 1e6,
    );
}

async fn listing(url: &str, dir: &std::path::Path) {
    let settings = Settings {
        data_dir: Some(dir.to_path_buf()),
        database_url: Some(url.to_owned()),
        log_level: Some("warn".into()),
        ..Default::default()
    };
    let config = Config::resolve(settings, Some(PASSWORD.into())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tarn::server::run(listener, config, std::future::pending()));
    let client = reqwest::Client::new();
    for user in ["viewer100", "viewerall"] {
        let body = json!({"grant_type": "password", "username": user, "password": PASSWORD});
        let token: Value =
            client.post(format!("{base}/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
        let token = token["access_token"].as_str().unwrap().to_owned();
        let list = || client.get(format!("{base}/v1/databases/big/tables")).bearer_auth(&token).send();
        let first: Value = list().await.unwrap().json().await.unwrap();
        let mut times = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            let response = list().await.unwrap();
            assert!(response.status().is_success());
            response.bytes().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "list tables as {user}: first page of {} tables (20 columns each), p50 {:.2} ms, p99 {:.2} ms (50 runs, over HTTP)",
            first["tables"].as_array().unwrap().len(),
            percentile(&times, 0.5).as_secs_f64() * 1000.0,
            percentile(&times, 0.99).as_secs_f64() * 1000.0
        );
    }
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let store = Store::connect(&url, 4).await.unwrap();
        store.migrate().await.unwrap();
        let (users, names) = populate(&store).await;
        decisions(&store, &users, &names).await;
        listing(&url, dir.path()).await;
        // Roles last: the data-plane figures above are taken without any, as before.
        if std::env::var("TARN_BENCH_SKIP_ROLES").is_err() {
            authz_roles::management(&store, &users).await;
        }
    });
}
