use super::*;

struct Org {
    dir: Directory,
    dept: Uuid,
    hospital: Uuid,
    ward: Uuid,
    night_shift: Uuid,
    chief: Person,
    ward_manager: Person,
    admin: Person,
    nurse: Person,
}

fn person(role: Role) -> Person {
    Person { id: Uuid::new_v4(), role }
}

/// hospital (chief) -> ward (ward_manager) -> night_shift (no manager)
fn org() -> Org {
    let dept = Uuid::new_v4();
    let (hospital, ward, night_shift) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let (chief, ward_manager, admin, nurse) =
        (person(Role::Manager), person(Role::Manager), person(Role::Admin), person(Role::Requester));
    let mut dir = Directory::default();
    dir.units.insert(hospital, UnitNode { parent_id: None, department_id: dept });
    dir.units.insert(ward, UnitNode { parent_id: Some(hospital), department_id: dept });
    dir.units.insert(night_shift, UnitNode { parent_id: Some(ward), department_id: dept });
    dir.managers.insert(hospital, vec![chief]);
    dir.managers.insert(ward, vec![ward_manager]);
    dir.people = vec![admin, chief, ward_manager, nurse];
    Org { dir, dept, hospital, ward, night_shift, chief, ward_manager, admin, nurse }
}

fn step(scope: UnitScope) -> Step {
    Step { step: 1, approver_role: Role::Manager, unit_scope: scope, is_required: true }
}

fn one(o: &Org, requester: Uuid, unit: Uuid, scope: UnitScope) -> Assignment {
    resolve(&o.dir, requester, Some(unit), &[step(scope)]).expect("resolved")[0]
}

#[test]
fn same_scope_picks_the_units_manager() {
    let o = org();
    let a = one(&o, o.nurse.id, o.ward, UnitScope::Same);
    assert_eq!((a.approver_id, a.is_fallback), (o.ward_manager.id, false));
}

#[test]
fn same_scope_walks_up_when_the_unit_has_no_manager() {
    let o = org();
    assert_eq!(one(&o, o.nurse.id, o.night_shift, UnitScope::Same).approver_id, o.ward_manager.id);
}

#[test]
fn nobody_approves_their_own_request() {
    let o = org();
    let a = one(&o, o.ward_manager.id, o.ward, UnitScope::Same);
    assert_eq!(a.approver_id, o.chief.id, "skips to the next candidate up the tree");
}

#[test]
fn parent_scope_starts_one_unit_up() {
    let o = org();
    assert_eq!(one(&o, o.nurse.id, o.ward, UnitScope::Parent).approver_id, o.chief.id);
}

#[test]
fn department_scope_prefers_the_shallowest_unit() {
    let o = org();
    assert_eq!(one(&o, o.nurse.id, o.night_shift, UnitScope::Department).approver_id, o.chief.id);
    let _ = o.dept;
}

#[test]
fn any_scope_takes_anyone_with_the_role() {
    let o = org();
    let a = one(&o, o.nurse.id, o.ward, UnitScope::Any);
    assert!(a.approver_id == o.chief.id || a.approver_id == o.ward_manager.id);
}

#[test]
fn no_candidate_falls_back_to_an_admin_flagged() {
    let o = org();
    let lonely = Uuid::new_v4();
    let mut dir = o.dir.clone();
    dir.units.insert(lonely, UnitNode { parent_id: None, department_id: Uuid::new_v4() });
    let a = resolve(&dir, o.nurse.id, Some(lonely), &[step(UnitScope::Same)]).expect("resolved")[0];
    assert_eq!((a.approver_id, a.is_fallback), (o.admin.id, true));
    let _ = o.hospital;
}

#[test]
fn role_must_reach_the_steps_role() {
    let o = org();
    let s = Step { step: 2, approver_role: Role::Admin, unit_scope: UnitScope::Same, is_required: false };
    let a = resolve(&o.dir, o.nurse.id, Some(o.ward), &[s]).expect("resolved")[0];
    assert_eq!((a.approver_id, a.is_fallback, a.step, a.is_required), (o.admin.id, true, 2, false));
}

#[test]
fn the_only_admin_cannot_approve_its_own_request() {
    let o = org();
    let lonely = Uuid::new_v4();
    let mut dir = o.dir.clone();
    dir.units.insert(lonely, UnitNode { parent_id: None, department_id: Uuid::new_v4() });
    assert_eq!(resolve(&dir, o.admin.id, Some(lonely), &[step(UnitScope::Same)]), Err(NoApprover(1)));
}
