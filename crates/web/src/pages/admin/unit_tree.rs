//! The unit tree built from the flat `GET /units` list, and a unit `<select>`.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use shared_types::Unit;
use uuid::Uuid;

/// Units in tree order (each parent before its children, siblings by name) with their
/// depth (0 for roots). A unit whose parent is missing counts as a root.
pub fn tree_order(units: &[Unit]) -> Vec<(Unit, usize)> {
    let ids: HashSet<Uuid> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<Uuid>, Vec<&Unit>> = HashMap::new();
    for unit in units {
        let parent = unit.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(unit);
    }
    for list in children.values_mut() {
        list.sort_by_key(|u| u.name.to_lowercase());
    }
    let mut out = Vec::with_capacity(units.len());
    let mut seen = HashSet::new();
    let roots = children.get(&None).cloned().unwrap_or_default();
    // Units caught in a cycle have no root above them: they follow, each as a root.
    for start in roots.into_iter().chain(units.iter()) {
        let mut stack = vec![(start, 0)];
        while let Some((unit, depth)) = stack.pop() {
            if !seen.insert(unit.id) {
                continue;
            }
            out.push((unit.clone(), depth));
            if let Some(kids) = children.get(&Some(unit.id)) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
    }
    out
}

/// `id` and every unit below it: where `id` may not be moved.
pub fn subtree(units: &[Unit], id: Uuid) -> HashSet<Uuid> {
    let mut out = HashSet::from([id]);
    loop {
        let before = out.len();
        for unit in units {
            if unit.parent_id.is_some_and(|p| out.contains(&p)) {
                out.insert(unit.id);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// `<option>`s of a unit select, indented by depth; `selected` is the current id as
/// text (empty for none) and units in `excluded` are left out.
pub fn unit_options(units: &[Unit], selected: RwSignal<String>, excluded: &HashSet<Uuid>) -> impl IntoView {
    tree_order(units)
        .into_iter()
        .filter(|(u, _)| !excluded.contains(&u.id))
        .map(|(unit, depth)| {
            let id = unit.id.to_string();
            let label = format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), unit.name);
            let is = id.clone();
            view! { <option value=id selected=move || selected.with(|s| s == &is)>{label}</option> }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, id: u128, parent: Option<u128>) -> Unit {
        Unit {
            id: Uuid::from_u128(id),
            name: name.into(),
            department_id: Uuid::nil(),
            department_name: "D".into(),
            parent_id: parent.map(Uuid::from_u128),
            user_count: 0,
            managers: Vec::new(),
        }
    }

    #[test]
    fn orders_parents_first_and_siblings_by_name() {
        let units = vec![
            unit("Wards", 3, Some(1)),
            unit("Hospital", 1, None),
            unit("Admin", 2, Some(1)),
            unit("Ward 7", 4, Some(3)),
        ];
        let order: Vec<(String, usize)> = tree_order(&units).into_iter().map(|(u, d)| (u.name, d)).collect();
        assert_eq!(order, vec![("Hospital".into(), 0), ("Admin".into(), 1), ("Wards".into(), 1), ("Ward 7".into(), 2)]);
    }

    #[test]
    fn subtree_holds_every_descendant() {
        let units = vec![unit("A", 1, None), unit("B", 2, Some(1)), unit("C", 3, Some(2)), unit("D", 4, None)];
        let below = subtree(&units, Uuid::from_u128(2));
        assert_eq!(below, HashSet::from([Uuid::from_u128(2), Uuid::from_u128(3)]));
    }

    #[test]
    fn orphans_become_roots_and_cycles_end() {
        let units = vec![unit("Lost", 5, Some(99)), unit("X", 6, Some(7)), unit("Y", 7, Some(6))];
        let order: Vec<(String, usize)> = tree_order(&units).into_iter().map(|(u, d)| (u.name, d)).collect();
        assert_eq!(order, vec![("Lost".into(), 0), ("X".into(), 0), ("Y".into(), 1)]);
    }
}
