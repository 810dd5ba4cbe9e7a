//! The demo service catalog: real IT services of a hospital, each with its request
//! form (JSON Schema) and, where needed, approval rules.

use serde_json::{json, Value};

/// A demo category.
pub struct Category {
    pub name: &'static str,
    pub description: &'static str,
    pub icon: &'static str,
    /// Owning department (by name).
    pub department: &'static str,
    pub items: Vec<Item>,
}

/// A demo service item.
pub struct Item {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: &'static str,
    pub priority: &'static str,
    /// Fulfilment unit (by name).
    pub unit: &'static str,
    /// Response and resolution targets, minutes.
    pub sla: (i32, i32),
    pub keywords: &'static [&'static str],
    /// (approver_role, unit_scope, is_required) in step order; empty: no approval.
    pub rules: Vec<(&'static str, &'static str, bool)>,
    pub form: Value,
}

fn form(required: &[&str], properties: Value) -> Value {
    json!({"type": "object", "additionalProperties": false, "required": required, "properties": properties})
}

fn text(title: &str, help: &str) -> Value {
    json!({"type": "string", "title": title, "description": help, "maxLength": 200})
}

fn area(title: &str, help: &str) -> Value {
    json!({"type": "string", "title": title, "description": help, "x-widget": "textarea", "maxLength": 4000})
}

fn choice(title: &str, options: &[&str]) -> Value {
    json!({"type": "string", "title": title, "enum": options})
}

fn many(title: &str, options: &[&str]) -> Value {
    json!({"type": "array", "title": title, "items": {"type": "string", "enum": options}, "uniqueItems": true})
}

fn date(title: &str, help: &str) -> Value {
    json!({"type": "string", "format": "date", "title": title, "description": help})
}

fn number(title: &str, min: i64, max: i64) -> Value {
    json!({"type": "integer", "title": title, "minimum": min, "maximum": max})
}

fn flag(title: &str) -> Value {
    json!({"type": "boolean", "title": title})
}

const DESK: &str = "IT Service Desk";
const INFRA: &str = "Infrastructure & Networks";
const APPS: &str = "Clinical Applications";
const MANAGER_SAME: (&str, &str, bool) = ("manager", "same", true);

/// The hospital's catalog.
pub fn hospital() -> Vec<Category> {
    vec![
        Category { name: "Hardware", description: "Computers, screens, phones and printers", icon: "laptop", department: "Information Technology", items: vec![
            Item { name: "New laptop", description: "A standard or high-performance laptop for a member of staff. **Needs your line manager's approval.**", kind: "request", priority: "medium", unit: DESK, sla: (240, 4320), keywords: &["computer", "notebook", "pc"], rules: vec![MANAGER_SAME],
                form: form(&["laptopModel", "neededBy"], json!({
                    "laptopModel": choice("Laptop model", &["Standard 14-inch", "Performance 16-inch", "Rugged tablet (wards)"]),
                    "neededBy": date("Needed by", "The date the laptop must be ready"),
                    "accessories": many("Accessories", &["Docking station", "Headset", "Laptop bag", "Privacy screen"]),
                    "justification": area("Justification", "Why is a new laptop needed?")})) },
            Item { name: "Monitor or peripheral", description: "An extra monitor, keyboard, mouse, webcam or headset.", kind: "request", priority: "low", unit: DESK, sla: (480, 7200), keywords: &["screen", "keyboard", "mouse", "webcam"], rules: vec![],
                form: form(&["peripheral", "quantity"], json!({
                    "peripheral": choice("Peripheral", &["24-inch monitor", "Keyboard and mouse", "Webcam", "USB headset"]),
                    "quantity": number("Quantity", 1, 4),
                    "location": text("Deliver to", "Building, floor and room")})) },
            Item { name: "Mobile phone", description: "A hospital mobile phone with a data plan. Needs your manager's and the department's approval.", kind: "request", priority: "medium", unit: DESK, sla: (480, 7200), keywords: &["smartphone", "cell", "sim"], rules: vec![MANAGER_SAME, ("manager", "department", false)],
                form: form(&["model", "onCallRota"], json!({
                    "model": choice("Phone", &["Standard smartphone", "Ruggedised handset"]),
                    "onCallRota": flag("Used on an on-call rota"),
                    "justification": area("Justification", "What will the phone be used for?")})) },
            Item { name: "Printer fault", description: "A printer is jammed, offline or printing badly.", kind: "incident", priority: "medium", unit: DESK, sla: (60, 480), keywords: &["print", "jam", "toner"], rules: vec![],
                form: form(&["printerLocation", "symptom"], json!({
                    "printerLocation": text("Printer location", "Ward or office and the printer's asset tag"),
                    "symptom": choice("What happens", &["Paper jam", "Offline", "Poor print quality", "Out of toner", "Other"]),
                    "details": area("Details", "Anything else we should know")})) },
            Item { name: "Hardware repair", description: "A computer, screen or device is broken or damaged.", kind: "incident", priority: "high", unit: DESK, sla: (60, 960), keywords: &["broken", "damaged", "repair"], rules: vec![],
                form: form(&["assetTag", "problem"], json!({
                    "assetTag": {"type": "string", "title": "Asset tag", "description": "On the sticker, e.g. RRH-012345", "pattern": "^RRH-[0-9]{6}$"},
                    "problem": area("Problem", "What is broken and since when?")})) },
        ]},
        Category { name: "Software", description: "Licences, installations and application problems", icon: "apps", department: "Information Technology", items: vec![
            Item { name: "Software licence", description: "A licence for commercial software. Needs your line manager's approval (cost centre charged).", kind: "request", priority: "low", unit: DESK, sla: (480, 7200), keywords: &["license", "subscription"], rules: vec![MANAGER_SAME],
                form: form(&["product", "costCentre"], json!({
                    "product": choice("Product", &["Microsoft Visio", "Microsoft Project", "Adobe Acrobat Pro", "SPSS Statistics", "NVivo"]),
                    "costCentre": {"type": "string", "title": "Cost centre", "description": "Four digits, e.g. 4410", "pattern": "^[0-9]{4}$"},
                    "justification": area("Justification", "What will you use it for?")})) },
            Item { name: "Software installation", description: "Install approved software from the hospital's catalogue.", kind: "request", priority: "low", unit: DESK, sla: (480, 2880), keywords: &["install", "application"], rules: vec![],
                form: form(&["software", "computerName"], json!({
                    "software": text("Software", "Name and version"),
                    "computerName": text("Computer name", "Shown on the desktop, e.g. RRH-WS-0412")})) },
            Item { name: "Application error", description: "An application shows an error, freezes or crashes.", kind: "incident", priority: "medium", unit: APPS, sla: (60, 960), keywords: &["crash", "error", "bug", "freeze"], rules: vec![],
                form: form(&["application", "impact"], json!({
                    "application": text("Application", "Which application?"),
                    "impact": choice("Impact", &["Just me", "My team", "The whole ward or department", "Patient care is affected"]),
                    "errorMessage": area("Error message", "Copy the message, if any")})) },
        ]},
        Category { name: "Accounts & Access", description: "Passwords, remote access, shared drives and starters and leavers", icon: "key", department: "Information Technology", items: vec![
            Item { name: "Password reset", description: "Reset a forgotten or expired password.", kind: "request", priority: "high", unit: DESK, sla: (30, 120), keywords: &["password", "locked", "login", "account"], rules: vec![],
                form: form(&["system"], json!({
                    "system": choice("System", &["Windows / e-mail", "Electronic patient record", "Rostering", "Payroll self-service"]),
                    "contactNumber": text("Contact number", "Where we can call you back")})) },
            Item { name: "VPN access", description: "Remote access to the hospital network from home. Needs your manager's approval.", kind: "request", priority: "medium", unit: INFRA, sla: (240, 2880), keywords: &["remote", "home working", "vpn"], rules: vec![MANAGER_SAME],
                form: form(&["reason", "startDate"], json!({
                    "reason": choice("Reason", &["Regular home working", "On-call", "Temporary (travel)"]),
                    "startDate": date("Start date", "From when you need access"),
                    "endDate": date("End date", "Leave empty for permanent access")})) },
            Item { name: "Shared-drive access", description: "Access to a department's shared folder. The folder owner's manager approves.", kind: "request", priority: "low", unit: DESK, sla: (240, 2880), keywords: &["folder", "share", "drive", "permissions"], rules: vec![MANAGER_SAME],
                form: form(&["folderPath", "accessLevel"], json!({
                    "folderPath": text("Folder path", "e.g. \\\\rrh-fs01\\Radiology\\Rotas"),
                    "accessLevel": choice("Access level", &["Read only", "Read and write"])})) },
            Item { name: "New-starter onboarding", description: "Accounts, e-mail, equipment and access for a new member of staff.", kind: "request", priority: "medium", unit: DESK, sla: (480, 7200), keywords: &["starter", "new employee", "joiner", "onboarding"], rules: vec![MANAGER_SAME, ("admin", "any", true)],
                form: form(&["starterName", "jobTitle", "startDate", "needs"], json!({
                    "starterName": text("Starter's full name", ""),
                    "jobTitle": text("Job title", ""),
                    "startDate": date("Start date", "First working day"),
                    "needs": many("Needs", &["Network account", "E-mail", "Electronic patient record", "Laptop", "Desk phone", "ID badge"]),
                    "notes": area("Notes", "Anything else for day one")})) },
            Item { name: "Leaver offboarding", description: "Close accounts and collect equipment when someone leaves.", kind: "request", priority: "medium", unit: DESK, sla: (480, 4320), keywords: &["leaver", "offboarding", "exit"], rules: vec![],
                form: form(&["leaverName", "lastDay"], json!({
                    "leaverName": text("Leaver's full name", ""),
                    "lastDay": date("Last working day", ""),
                    "equipmentToReturn": many("Equipment to collect", &["Laptop", "Mobile phone", "ID badge", "Pager"])})) },
        ]},
        Category { name: "Network & Telephony", description: "Wi-Fi, network points, desk phones and pagers", icon: "wifi", department: "Information Technology", items: vec![
            Item { name: "Wi-Fi problem", description: "No Wi-Fi, or a slow or dropping connection.", kind: "incident", priority: "medium", unit: INFRA, sla: (60, 480), keywords: &["wifi", "wireless", "network"], rules: vec![],
                form: form(&["location", "network"], json!({
                    "location": text("Location", "Building, floor and ward"),
                    "network": choice("Network", &["RRH-Staff", "RRH-Clinical", "RRH-Guest"]),
                    "affectedDevices": number("Devices affected", 1, 500)})) },
            Item { name: "Network outage", description: "A whole area has lost network access. For patient-affecting outages also phone 4444.", kind: "incident", priority: "critical", unit: INFRA, sla: (15, 240), keywords: &["outage", "down", "no network"], rules: vec![],
                form: form(&["area", "patientImpact"], json!({
                    "area": text("Affected area", "Ward, floor or building"),
                    "patientImpact": flag("Patient care is affected"),
                    "since": text("Since when", "Time the problem started")})) },
            Item { name: "Desk phone move or new line", description: "Move a desk phone or set up a new extension.", kind: "request", priority: "low", unit: INFRA, sla: (480, 7200), keywords: &["phone", "extension", "telephony"], rules: vec![],
                form: form(&["extension", "newLocation"], json!({
                    "extension": {"type": "string", "title": "Extension", "description": "Four or five digits", "pattern": "^[0-9]{4,5}$"},
                    "newLocation": text("New location", "Building, floor and room")})) },
            Item { name: "Pager request", description: "A new or replacement pager for on-call staff.", kind: "request", priority: "medium", unit: INFRA, sla: (240, 1440), keywords: &["bleep", "pager"], rules: vec![MANAGER_SAME],
                form: form(&["rota"], json!({
                    "rota": text("On-call rota", "Which rota the pager is for"),
                    "replacement": flag("Replaces a lost or broken pager")})) },
        ]},
        Category { name: "Clinical Systems", description: "Patient record, imaging and clinical device systems", icon: "heart", department: "Information Technology", items: vec![
            Item { name: "Electronic patient record access", description: "A role in the electronic patient record. Needs your manager's approval; information governance reviews privileged roles.", kind: "request", priority: "high", unit: APPS, sla: (240, 1440), keywords: &["epr", "patient record", "clinical access"], rules: vec![MANAGER_SAME, ("manager", "parent", false)],
                form: form(&["role", "professionalRegistration"], json!({
                    "role": choice("Role", &["Nurse", "Doctor", "Allied health professional", "Ward clerk", "Pharmacist"]),
                    "professionalRegistration": text("Professional registration number", "NMC, GMC or HCPC number"),
                    "wards": many("Wards", &["Emergency Department", "Surgical Wards", "Radiology", "Pharmacy"])})) },
            Item { name: "Imaging system (PACS) access", description: "Access to view or report images in PACS.", kind: "request", priority: "medium", unit: APPS, sla: (240, 2880), keywords: &["pacs", "imaging", "x-ray", "radiology"], rules: vec![MANAGER_SAME],
                form: form(&["accessType"], json!({
                    "accessType": choice("Access", &["View images", "Report images"]),
                    "justification": area("Justification", "")})) },
            Item { name: "Medical device connection", description: "Connect a medical device to the network or the patient record.", kind: "request", priority: "medium", unit: APPS, sla: (480, 10080), keywords: &["device", "integration", "monitor"], rules: vec![("manager", "department", true)],
                form: form(&["deviceType", "serialNumber"], json!({
                    "deviceType": choice("Device", &["Patient monitor", "Infusion pump", "ECG", "Other"]),
                    "serialNumber": text("Serial number", ""),
                    "location": text("Location", "")})) },
        ]},
        Category { name: "Facilities IT", description: "Meeting rooms, badges and audio-visual equipment", icon: "building", department: "Facilities & Estates", items: vec![
            Item { name: "Meeting room AV set-up", description: "Projector, screen or video-conference set-up for a meeting.", kind: "request", priority: "low", unit: "Estates & Facilities", sla: (480, 2880), keywords: &["projector", "video", "teams", "room"], rules: vec![],
                form: form(&["room", "date", "equipment"], json!({
                    "room": text("Room", ""),
                    "date": date("Date", ""),
                    "equipment": many("Equipment", &["Projector", "Video conference", "Microphone", "Flip chart"]),
                    "attendees": number("Attendees", 1, 200)})) },
            Item { name: "ID badge and door access", description: "A new or replacement ID badge, or extra door access.", kind: "request", priority: "medium", unit: "Estates & Facilities", sla: (240, 2880), keywords: &["badge", "door", "card", "access control"], rules: vec![MANAGER_SAME],
                form: form(&["requestType"], json!({
                    "requestType": choice("Request", &["New badge", "Replacement (lost)", "Extra door access"]),
                    "doors": text("Doors", "Which doors or areas")})) },
        ]},
    ]
}

/// The small second organisation's catalog.
pub fn logistics() -> Vec<Category> {
    vec![Category {
        name: "IT Support",
        description: "Everything IT",
        icon: "laptop",
        department: "Operations",
        items: vec![
            Item {
                name: "Handheld scanner fault",
                description: "A warehouse scanner does not scan or sync.",
                kind: "incident",
                priority: "high",
                unit: "Depot IT",
                sla: (30, 240),
                keywords: &["scanner"],
                rules: vec![],
                form: form(
                    &["scannerId"],
                    json!({"scannerId": text("Scanner ID", ""), "details": area("Details", "")}),
                ),
            },
            Item {
                name: "New driver tablet",
                description: "A tablet for a delivery driver.",
                kind: "request",
                priority: "medium",
                unit: "Depot IT",
                sla: (240, 2880),
                keywords: &["tablet"],
                rules: vec![MANAGER_SAME],
                form: form(
                    &["driverName"],
                    json!({"driverName": text("Driver", ""), "neededBy": date("Needed by", "")}),
                ),
            },
            Item {
                name: "Password reset",
                description: "Reset a password.",
                kind: "request",
                priority: "high",
                unit: "Depot IT",
                sla: (30, 120),
                keywords: &["password"],
                rules: vec![],
                form: form(&[], json!({"system": choice("System", &["Windows", "Route planner"])})),
            },
        ],
    }]
}
