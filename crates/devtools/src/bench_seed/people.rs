//! The benchmark organisations' structure and people: each has the demo hospital's
//! departments, units and named staff (so `emma.clarke@bench-01.example` is a
//! requester and `tom.becker@bench-01.example` a technician), topped up with
//! generated technicians and requesters to [`USERS_PER_ORG`].

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::Rng;
use uuid::Uuid;

use ferrodesk_api::seed::org_data::{email, HOSPITAL};

use super::copy::Table;

/// Organisations in the benchmark dataset.
pub const ORGS: usize = 20;
/// People per organisation (20 × 500 = 10,000 users).
pub const USERS_PER_ORG: usize = 500;
/// The password of every benchmark user.
pub const BENCH_PASSWORD: &str = "ferrodesk-bench-2026";

const FIRST: &[&str] = &[
    "Ada", "Ben", "Cara", "Dev", "Elif", "Finn", "Gita", "Hugo", "Iris", "Jon", "Kai", "Lea", "Milo", "Nina", "Omar",
    "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Vik", "Wren", "Xena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Abbott", "Baker", "Costa", "Dahl", "Egan", "Fox", "Garcia", "Holm", "Ito", "Jensen", "Khan", "Lopez", "Moreau",
    "Nakamura", "Olsen", "Perez", "Quist", "Reyes", "Silva", "Tran", "Ueda", "Vance", "Weiss", "Yilmaz", "Zhou",
];
/// Units that fulfil catalog items; generated technicians work in them.
const TECH_UNITS: &[&str] =
    &["IT Service Desk", "Infrastructure & Networks", "Clinical Applications", "Estates & Facilities"];

/// A benchmark user, as ticket generation needs it.
#[derive(Clone)]
pub struct Person {
    pub id: Uuid,
    pub unit: Uuid,
}

/// One benchmark organisation after its structure and people are generated.
pub struct BenchOrg {
    pub id: Uuid,
    pub departments: HashMap<&'static str, Uuid>,
    pub units: HashMap<&'static str, Uuid>,
    /// Unit id -> parent unit id.
    pub parents: HashMap<Uuid, Option<Uuid>>,
    /// Unit id -> its managers.
    pub managers: HashMap<Uuid, Vec<Uuid>>,
    pub requesters: Vec<Person>,
    pub staff: Vec<Person>,
    /// Unit id -> technicians working in it.
    pub technicians: HashMap<Uuid, Vec<Uuid>>,
    pub admins: Vec<Uuid>,
}

/// A random (version 4) UUID drawn from the seeded generator.
pub fn uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.gen()).into_uuid()
}

/// The organisation's e-mail domain, `bench-01.example` for the first.
pub fn domain(index: usize) -> String {
    format!("bench-{:02}.example", index + 1)
}

/// Generates organisation `index` and appends its rows to the COPY buffers.
pub fn generate(rng: &mut StdRng, index: usize, hash: &str, t: &mut StructureTables) -> BenchOrg {
    let id = uuid(rng);
    let dom = domain(index);
    t.organisations.row(&[
        &id.to_string(),
        &format!("Bench Organisation {:02}", index + 1),
        &format!("bench-{:02}", index + 1),
    ]);
    let mut org = BenchOrg {
        id,
        departments: HashMap::new(),
        units: HashMap::new(),
        parents: HashMap::new(),
        managers: HashMap::new(),
        requesters: Vec::new(),
        staff: Vec::new(),
        technicians: HashMap::new(),
        admins: Vec::new(),
    };
    let org_s = id.to_string();
    for (name, owner) in HOSPITAL.departments {
        let d = uuid(rng);
        t.departments.row(&[&d.to_string(), &org_s, name, if *owner { "t" } else { "f" }]);
        org.departments.insert(name, d);
    }
    for (name, dept, parent) in HOSPITAL.units {
        let u = uuid(rng);
        let parent = parent.and_then(|p| org.units.get(p).copied());
        let parent_s = parent.map(|p| p.to_string());
        let dept_s = org.departments[dept].to_string();
        t.units.row_opt(&[Some(&u.to_string()), Some(&org_s), Some(&dept_s), parent_s.as_deref(), Some(name)]);
        org.units.insert(name, u);
        org.parents.insert(u, parent);
    }
    let requester_units: Vec<Uuid> = HOSPITAL
        .units
        .iter()
        .filter(|u| !TECH_UNITS.contains(&u.0) && u.0 != "IT Department")
        .map(|u| org.units[u.0])
        .collect();
    let mut add =
        |org: &mut BenchOrg, t: &mut StructureTables, mail: String, name: &str, role: &'static str, unit: Uuid| {
            let uid = uuid(rng);
            t.users.row(&[&uid.to_string(), &org_s, &mail, name, role, &unit.to_string(), hash]);
            let person = Person { id: uid, unit };
            match role {
                "requester" => org.requesters.push(person),
                "technician" => {
                    org.technicians.entry(unit).or_default().push(uid);
                    org.staff.push(person);
                }
                "admin" => {
                    org.admins.push(uid);
                    org.staff.push(person);
                }
                _ => org.staff.push(person),
            }
            uid
        };
    for p in HOSPITAL.people {
        let unit = org.units[p.unit];
        let uid = add(&mut org, t, email(p.name, &dom), p.name, p.role, unit);
        for m in p.manages {
            let unit = org.units[m];
            t.unit_managers.row(&[&org_s, &unit.to_string(), &uid.to_string()]);
            org.managers.entry(unit).or_default().push(uid);
        }
    }
    for n in HOSPITAL.people.len()..USERS_PER_ORG {
        let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
        let mail =
            format!("{}.{}.{n}@{dom}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]).to_lowercase();
        let (role, unit) = if n % 9 == 0 {
            let unit = org.units[TECH_UNITS[(n / 9) % TECH_UNITS.len()]];
            ("technician", unit)
        } else {
            ("requester", requester_units[n % requester_units.len()])
        };
        add(&mut org, t, mail, &name, role, unit);
    }
    org
}

/// COPY buffers of the structure tables.
pub struct StructureTables {
    pub organisations: Table,
    pub departments: Table,
    pub units: Table,
    pub users: Table,
    pub unit_managers: Table,
}

impl Default for StructureTables {
    fn default() -> Self {
        Self {
            organisations: Table::new("organisations", "id, name, slug"),
            departments: Table::new("departments", "id, organisation_id, name, is_service_owner"),
            units: Table::new("units", "id, organisation_id, department_id, parent_id, name"),
            users: Table::new("users", "id, organisation_id, email, name, role, unit_id, password_hash"),
            unit_managers: Table::new("unit_managers", "organisation_id, unit_id, user_id"),
        }
    }
}

impl StructureTables {
    /// The buffers in foreign-key order.
    pub fn all(self) -> Vec<Table> {
        vec![self.organisations, self.departments, self.units, self.users, self.unit_managers]
    }
}
