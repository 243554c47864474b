//! The generated lake of the search benchmark: 100 databases of 1,000 tables, 20 columns each,
//! with names, descriptions and owners drawn from business vocabularies.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use tarn::domain::data_type::DataType;
use tarn::domain::database::Database;
use tarn::domain::grant::{ColumnScope, Grant, GrantResource};
use tarn::domain::names::{ColumnName, DatabaseName, TableName};
use tarn::domain::principal::{Principal, PrincipalKind, Privilege};
use tarn::domain::role::{Role, RoleAssignment, Scope};
use tarn::domain::table::{Business, Column, Format, Table, TableDefinition, TableVersion, Zone};
use tarn::domain::tag::TagKey;
use tarn::store::{Store, databases, grants, principals, tables, tags};

pub const DATABASES: usize = 100;
pub const TABLES_PER_DATABASE: usize = 1_000;
pub const PASSWORD: &str = "bench-password-1";

const DOMAINS: [&str; 8] = ["sales", "marketing", "finance", "logistics", "hr", "product", "support", "risk"];
const ENTITIES: [&str; 24] = [
    "customer",
    "order",
    "invoice",
    "payment",
    "shipment",
    "product",
    "supplier",
    "employee",
    "campaign",
    "lead",
    "account",
    "contract",
    "refund",
    "ticket",
    "session",
    "device",
    "store",
    "warehouse",
    "inventory",
    "price",
    "subscription",
    "claim",
    "transaction",
    "address",
];
const SUFFIXES: [&str; 10] =
    ["events", "daily", "snapshot", "history", "facts", "summary", "lines", "audit", "staging", "metrics"];
const COLUMN_WORDS: [&str; 20] = [
    "id",
    "name",
    "amount",
    "status",
    "created_at",
    "updated_at",
    "region",
    "country",
    "email",
    "phone",
    "total",
    "quantity",
    "currency",
    "code",
    "type",
    "score",
    "date",
    "description",
    "owner",
    "channel",
];
const ADJECTIVES: [&str; 12] = [
    "Daily",
    "Cleaned",
    "Raw",
    "Aggregated",
    "Deduplicated",
    "Enriched",
    "Monthly",
    "Validated",
    "Historical",
    "Current",
    "Partitioned",
    "Joined",
];
const OWNERS: [&str; 40] = [
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia",
    "peggy", "rupert", "sybil", "trent", "victor", "walter", "xena", "yusuf", "zoe", "amir", "bea", "chen", "dana",
    "eli", "fatima", "gus", "hana", "igor", "jin", "kofi", "lena", "mia", "noor", "omar", "pia", "raj", "sara",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

pub fn database_name(d: usize) -> String {
    format!("{}_{d:02}", DOMAINS[d % DOMAINS.len()])
}

fn table(rng: &mut Rng, database: &str, domain: &str, t: usize) -> Table {
    let entity = rng.pick(&ENTITIES);
    let name = format!("{entity}_{}_{t:03}", rng.pick(&SUFFIXES));
    let mut columns = vec![format!("{entity}_id")];
    while columns.len() < 20 {
        let candidate = format!("{}_{}", rng.pick(&ENTITIES), rng.pick(&COLUMN_WORDS));
        if !columns.contains(&candidate) {
            columns.push(candidate);
        }
    }
    let columns = columns
        .into_iter()
        .map(|c| Column {
            description: Some(format!("{} {} of the {entity} record", rng.pick(&ADJECTIVES), c.replace('_', " "))),
            name: ColumnName::parse(&c).unwrap(),
            data_type: DataType::Utf8,
            nullable: true,
            sensitivity: (c.ends_with("email") || c.ends_with("phone")).then(|| "pii".to_owned()),
        })
        .collect();
    let zone = match rng.next() % 3 {
        0 => Zone::Raw,
        1 => Zone::Cleaned,
        _ => Zone::Curated,
    };
    let definition = TableDefinition {
        description: Some(format!(
            "{} {entity} data for the {domain} team, one row per {entity} and {}",
            rng.pick(&ADJECTIVES),
            rng.pick(&ENTITIES)
        )),
        zone,
        format: if rng.next() % 4 == 0 { Format::Csv } else { Format::Parquet },
        format_options: BTreeMap::new(),
        location: None,
        columns,
        partition_keys: vec![],
        business: Business {
            owner: Some(rng.pick(&OWNERS).to_owned()),
            steward: Some(rng.pick(&OWNERS).to_owned()),
            domain: Some(domain.to_owned()),
            classification: None,
            properties: BTreeMap::from([("sla".to_owned(), "daily".to_owned())]),
        },
    };
    let now = Utc::now();
    Table {
        id: uuid::Uuid::now_v7().to_string(),
        database: database.to_owned(),
        name: TableName::parse(&name).unwrap(),
        version: 1,
        definition,
        created_by: "user:admin".into(),
        created_at: now,
        updated_at: now,
    }
}

fn principal(name: &str) -> Principal {
    Principal { id: uuid::Uuid::now_v7().to_string(), kind: PrincipalKind::User, name: name.into() }
}

fn grant(principal: &Principal, resource: GrantResource) -> Grant {
    Grant {
        id: uuid::Uuid::now_v7().to_string(),
        principal_id: principal.id.clone(),
        resource,
        privilege: Privilege::Describe,
        columns: ColumnScope::All,
        grantable: false,
        granted_by: "user:admin".into(),
        created_at: Utc::now(),
    }
}

/// Writes the lake and three users: `one_percent` (DESCRIBE on one database of 100),
/// `every_db` (DESCRIBE on each database: every table, checked table by table) and `catalog`
/// (DESCRIBE on the catalog).
pub async fn populate(store: &Store) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let now = Utc::now();
    let mut tx = store.begin().await.unwrap();
    let domains: BTreeSet<String> = DOMAINS.iter().map(|d| (*d).to_owned()).collect();
    let key =
        TagKey { key: "domain".into(), allowed_values: domains, description: None, created_by: "user:admin".into() };
    tags::insert_key(&mut tx.conn(), &key).await.unwrap();
    let hash = tarn::authn::password::hash(PASSWORD).unwrap();
    let admin = principal("admin");
    let users = [principal("one_percent"), principal("every_db"), principal("catalog"), admin];
    for user in &users {
        principals::insert(&mut tx.conn(), user, Some(&hash), None, None).await.unwrap();
    }
    grants::insert(&mut tx.conn(), &grant(&users[2], GrantResource::Catalog)).await.unwrap();
    let lake_admin = RoleAssignment {
        principal_id: users[3].id.clone(),
        role: Role::LakeAdmin,
        scope: Scope::Lake,
        created_by: "bench".into(),
    };
    tarn::store::roles::insert(&mut tx.conn(), &lake_admin).await.unwrap();
    tx.commit().await.unwrap();
    for d in 0..DATABASES {
        let name = database_name(d);
        let domain = DOMAINS[d % DOMAINS.len()];
        let db = Database {
            id: uuid::Uuid::now_v7().to_string(),
            name: DatabaseName::parse(&name).unwrap(),
            description: Some(format!("Tables of the {domain} domain, part {d}")),
            location: None,
            parameters: BTreeMap::new(),
            created_by: "user:admin".into(),
            created_at: now,
            updated_at: now,
        };
        let mut tx = store.begin().await.unwrap();
        databases::insert(&mut tx.conn(), &db).await.unwrap();
        let tags = BTreeMap::from([("domain".to_owned(), domain.to_owned())]);
        tarn::store::tags::set(&mut tx.conn(), &format!("database:{name}"), &tags).await.unwrap();
        grants::insert(&mut tx.conn(), &grant(&users[1], GrantResource::Database(name.clone()))).await.unwrap();
        if d == 0 {
            grants::insert(&mut tx.conn(), &grant(&users[0], GrantResource::Database(name.clone()))).await.unwrap();
        }
        for t in 0..TABLES_PER_DATABASE {
            let table = table(&mut rng, &name, domain, t);
            tables::insert(&mut tx.conn(), &db.id, &table).await.unwrap();
            let version = TableVersion {
                version: 1,
                author: "user:admin".into(),
                created_at: now,
                definition: table.definition.clone(),
                summary: "created".into(),
            };
            tables::insert_version(&mut tx.conn(), &table.id, &version).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
}
