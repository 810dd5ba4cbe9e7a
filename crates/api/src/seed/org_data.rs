//! The demo organisations' structure and people.

/// The password of every demo user (README, "Demo logins").
pub const DEMO_PASSWORD: &str = "ferrodesk-demo-2026";

/// A demo organisation: departments (name, is_service_owner), units (name,
/// department, parent), people (name, role, unit, manages).
pub struct Org {
    pub name: &'static str,
    pub slug: &'static str,
    pub domain: &'static str,
    pub departments: &'static [(&'static str, bool)],
    pub units: &'static [(&'static str, &'static str, Option<&'static str>)],
    pub people: &'static [Person],
}

/// A demo user. The e-mail is `first.last@domain`.
pub struct Person {
    pub name: &'static str,
    pub role: &'static str,
    pub unit: &'static str,
    /// Units this person manages.
    pub manages: &'static [&'static str],
}

const fn p(name: &'static str, role: &'static str, unit: &'static str, manages: &'static [&'static str]) -> Person {
    Person { name, role, unit, manages }
}

/// A 400-person regional hospital: 4 departments, 14 units, 40 users.
pub const HOSPITAL: Org = Org {
    name: "Riverside Regional Hospital",
    slug: "riverside-hospital",
    domain: "riverside-hospital.example",
    departments: &[
        ("Clinical Services", false),
        ("Information Technology", true),
        ("Facilities & Estates", true),
        ("Corporate Services", false),
    ],
    units: &[
        ("Clinical Services Directorate", "Clinical Services", None),
        ("Emergency Department", "Clinical Services", Some("Clinical Services Directorate")),
        ("ED Night Shift", "Clinical Services", Some("Emergency Department")),
        ("Surgical Wards", "Clinical Services", Some("Clinical Services Directorate")),
        ("Radiology", "Clinical Services", Some("Clinical Services Directorate")),
        ("Pharmacy", "Clinical Services", Some("Clinical Services Directorate")),
        ("IT Department", "Information Technology", None),
        ("IT Service Desk", "Information Technology", Some("IT Department")),
        ("Infrastructure & Networks", "Information Technology", Some("IT Department")),
        ("Clinical Applications", "Information Technology", Some("IT Department")),
        ("Estates & Facilities", "Facilities & Estates", None),
        ("Corporate Services", "Corporate Services", None),
        ("Human Resources", "Corporate Services", Some("Corporate Services")),
        ("Finance", "Corporate Services", Some("Corporate Services")),
    ],
    people: &[
        p("Alex Morgan", "admin", "IT Department", &[]),
        p("Sofia Lindqvist", "admin", "IT Department", &[]),
        p("Helen Ward", "manager", "Clinical Services Directorate", &["Clinical Services Directorate"]),
        p("Priya Shah", "manager", "Emergency Department", &["Emergency Department"]),
        p("James O'Connor", "manager", "Surgical Wards", &["Surgical Wards"]),
        p("Aisha Rahman", "manager", "Radiology", &["Radiology"]),
        p("Martin Kowalski", "manager", "Pharmacy", &["Pharmacy"]),
        p("Daniel Novak", "manager", "IT Department", &["IT Department"]),
        p("Grace Liu", "manager", "IT Service Desk", &["IT Service Desk", "Infrastructure & Networks"]),
        p("Robert Evans", "manager", "Estates & Facilities", &["Estates & Facilities"]),
        p("Fiona Campbell", "manager", "Corporate Services", &["Corporate Services", "Human Resources", "Finance"]),
        p("Tom Becker", "technician", "IT Service Desk", &[]),
        p("Nadia Haddad", "technician", "IT Service Desk", &[]),
        p("Lucas Ferreira", "technician", "IT Service Desk", &[]),
        p("Oliver Brennan", "technician", "Infrastructure & Networks", &[]),
        p("Mei Tanaka", "technician", "Infrastructure & Networks", &[]),
        p("Samuel Okafor", "technician", "Clinical Applications", &[]),
        p("Ingrid Larsen", "technician", "Clinical Applications", &[]),
        p("Kevin Walsh", "technician", "Estates & Facilities", &[]),
        p("Emma Clarke", "requester", "Emergency Department", &[]),
        p("Liam Hughes", "requester", "Emergency Department", &[]),
        p("Chloe Martin", "requester", "ED Night Shift", &[]),
        p("Ravi Patel", "requester", "ED Night Shift", &[]),
        p("Hannah Schmidt", "requester", "Surgical Wards", &[]),
        p("George Adeyemi", "requester", "Surgical Wards", &[]),
        p("Isabel Romero", "requester", "Surgical Wards", &[]),
        p("Jack Thompson", "requester", "Radiology", &[]),
        p("Zara Ahmed", "requester", "Radiology", &[]),
        p("Noah Fischer", "requester", "Pharmacy", &[]),
        p("Amelia Byrne", "requester", "Pharmacy", &[]),
        p("Ethan Murphy", "requester", "Clinical Services Directorate", &[]),
        p("Olivia Price", "requester", "Human Resources", &[]),
        p("William Chen", "requester", "Human Resources", &[]),
        p("Sophie Dubois", "requester", "Finance", &[]),
        p("Mohammed Ali", "requester", "Finance", &[]),
        p("Lucy Bennett", "requester", "Estates & Facilities", &[]),
        p("Adam Novotny", "requester", "Estates & Facilities", &[]),
        p("Grace O'Neill", "requester", "Corporate Services", &[]),
        p("Daniel Kim", "requester", "Emergency Department", &[]),
        p("Maya Singh", "requester", "Radiology", &[]),
    ],
};

/// A small logistics firm, so tenant isolation can be seen.
pub const LOGISTICS: Org = Org {
    name: "Northgate Logistics",
    slug: "northgate-logistics",
    domain: "northgate-logistics.example",
    departments: &[("Operations", true)],
    units: &[
        ("Head Office", "Operations", None),
        ("Depot IT", "Operations", Some("Head Office")),
        ("Warehouse", "Operations", Some("Head Office")),
    ],
    people: &[
        p("Lena Fischer", "admin", "Head Office", &[]),
        p("Marco Rossi", "manager", "Warehouse", &["Warehouse"]),
        p("Anna Kowalczyk", "technician", "Depot IT", &[]),
        p("Peter Brandt", "requester", "Warehouse", &[]),
        p("Julia Weber", "requester", "Warehouse", &[]),
    ],
};

/// `first.last@domain`, lower case, apostrophes dropped.
pub fn email(name: &str, domain: &str) -> String {
    let local: String = name.to_lowercase().replace('\'', "").split_whitespace().collect::<Vec<_>>().join(".");
    format!("{local}@{domain}")
}
