//! Span definitions: what the files say (`RawGroup`, `RawSpan`) and their resolution into
//! [`Span`]s, one index for v1 `type: span` groups, v2 `spans:` and `span_refinements:`.
//!
//! Precedence for a key's level and `sampling_relevant`: a ref on the definition itself, then
//! its `ref_group`s, then what `extends` inherits; a layer that leaves a field out keeps the
//! one below it.

use std::collections::{BTreeMap, HashMap};

use crate::error::LoadError;
use crate::model::{Annotations, Deprecation, Location, RequirementLevel, Span, SpanAttribute};
use crate::suggest;

/// One attribute entry of a group or span, as written.
#[derive(Clone, Debug)]
pub(crate) struct RawRef {
    pub(crate) key: String,
    pub(crate) level: Option<RequirementLevel>,
    pub(crate) sampling_relevant: Option<bool>,
}

/// Anything with attributes that others can build on: a v1 group, a v2 `attribute_groups:`
/// entry, or the attribute part of a span.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawGroup {
    pub(crate) id: String,
    pub(crate) refs: Vec<RawRef>,
    pub(crate) ref_groups: Vec<(String, Location)>,
    pub(crate) extends: Option<(String, Location)>,
}

#[derive(Clone, Debug)]
pub(crate) struct RawSpan {
    pub(crate) ty: String,
    pub(crate) kind: Option<String>,
    pub(crate) brief: String,
    pub(crate) stability: Option<String>,
    pub(crate) deprecated: Option<Deprecation>,
    pub(crate) group: RawGroup,
    /// A refinement's `ref:` to the span it refines, and where it is written.
    pub(crate) refines: Option<(String, Location)>,
    pub(crate) defined_at: Location,
    pub(crate) traced: Annotations,
}

/// Resolves every span; reports spans defined twice, and (with `check_refs`) groups and spans
/// named by nothing, and cycles.
pub(crate) fn build(
    groups: Vec<RawGroup>,
    spans: Vec<RawSpan>,
    check_refs: bool,
    errors: &mut Vec<LoadError>,
) -> BTreeMap<String, Span> {
    let groups: HashMap<&str, &RawGroup> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut by_type: BTreeMap<&str, &RawSpan> = BTreeMap::new();
    for span in &spans {
        if let Some(first) = by_type.get(span.ty.as_str()) {
            errors.push(crate::validate::twice(
                "span",
                &span.ty,
                &first.defined_at,
                &span.defined_at,
            ));
        } else {
            by_type.insert(&span.ty, span);
        }
    }
    let mut resolver = Resolver {
        groups: &groups,
        check_refs,
        errors: Vec::new(),
        reported: Default::default(),
    };
    let mut out = BTreeMap::new();
    for (ty, raw) in &by_type {
        let mut layers = resolver.group(&raw.group, &mut vec![raw.group.id.clone()]);
        let mut kind = raw.kind.clone();
        let mut refines = None;
        if let Some((base, at)) = &raw.refines {
            match by_type.get(base.as_str()) {
                Some(base_span) => {
                    let mut below =
                        resolver.group(&base_span.group, &mut vec![base_span.group.id.clone()]);
                    overlay(&mut below, layers);
                    layers = below;
                    kind = kind.or_else(|| base_span.kind.clone());
                    refines = Some(base.clone());
                }
                None if check_refs => {
                    let near = suggest::nearest(base, by_type.keys().map(|k| (*k, false)), 1);
                    let hint = suggest::did_you_mean(near.first().copied());
                    resolver.errors.push(LoadError::at_location(
                        at,
                        format!(
                            "span refinement `{ty}` refines `{base}`, which is not a declared \
                             span{hint}"
                        ),
                    ));
                }
                None => {}
            }
        }
        let attributes = layers
            .into_iter()
            .map(|r| SpanAttribute {
                key: r.key,
                level: r.level.unwrap_or(RequirementLevel::Recommended(None)),
                sampling_relevant: r.sampling_relevant.unwrap_or(false),
            })
            .collect();
        out.insert(
            ty.to_string(),
            Span {
                ty: ty.to_string(),
                kind,
                brief: raw.brief.clone(),
                stability: raw.stability.clone(),
                deprecated: raw.deprecated.clone(),
                attributes,
                refines,
                defined_at: raw.defined_at.clone(),
                traced: raw.traced.clone(),
            },
        );
    }
    errors.extend(resolver.errors);
    out
}

struct Resolver<'g> {
    groups: &'g HashMap<&'g str, &'g RawGroup>,
    check_refs: bool,
    errors: Vec<LoadError>,
    /// Each bad reference is reported once, not once per span that reaches it.
    reported: std::collections::HashSet<(std::path::PathBuf, usize, usize)>,
}

impl<'g> Resolver<'g> {
    /// The attributes of `group`, every layer applied; `stack` holds the groups being
    /// resolved, to stop at a cycle.
    fn group(&mut self, group: &RawGroup, stack: &mut Vec<String>) -> Vec<RawRef> {
        let mut out = Vec::new();
        if let Some((parent, at)) = &group.extends {
            out = self.named(parent, at, "extends", stack);
        }
        let mut from_groups = Vec::new();
        for (name, at) in &group.ref_groups {
            let layer = self.named(name, at, "ref_group", stack);
            overlay(&mut from_groups, layer);
        }
        overlay(&mut out, from_groups);
        overlay(&mut out, group.refs.clone());
        out
    }

    fn named(
        &mut self,
        name: &str,
        at: &Location,
        field: &str,
        stack: &mut Vec<String>,
    ) -> Vec<RawRef> {
        let Some(target) = self.groups.get(name).copied() else {
            if self.check_refs {
                let near = suggest::nearest(name, self.groups.keys().map(|k| (*k, false)), 1);
                let hint = suggest::did_you_mean(near.first().copied());
                self.report(
                    at,
                    format!("`{field}: {name}` names no attribute group{hint}; define a group with `id: {name}` or fix the name"),
                );
            }
            return Vec::new();
        };
        if stack.iter().any(|s| s == name) {
            let mut chain = stack.clone();
            chain.push(name.to_string());
            self.report(
                at,
                format!(
                    "`{field}: {name}` makes a cycle ({}); a group cannot build on itself",
                    chain.join(" → ")
                ),
            );
            return Vec::new();
        }
        stack.push(name.to_string());
        let out = self.group(target, stack);
        stack.pop();
        out
    }

    fn report(&mut self, at: &Location, message: String) {
        if self.reported.insert((at.file.clone(), at.line, at.column)) {
            self.errors.push(LoadError::at_location(at, message));
        }
    }
}

/// Applies `upper` over `lower`: a key in both takes the fields `upper` sets.
fn overlay(lower: &mut Vec<RawRef>, upper: Vec<RawRef>) {
    for r in upper {
        match lower.iter_mut().find(|l| l.key == r.key) {
            Some(l) => {
                if r.level.is_some() {
                    l.level = r.level;
                }
                if r.sampling_relevant.is_some() {
                    l.sampling_relevant = r.sampling_relevant;
                }
            }
            None => lower.push(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_util::TempDir;
    use crate::{LoadOptions, Registry, RequirementLevel, Span, SpanLookup};

    const ATTRS: &str = "file_format: definition/2\nattributes:\n  - {key: a.one, type: string}\n  - {key: a.two, type: int}\n  - {key: a.three, type: boolean}\n  - {key: a.four, type: string}\n";

    fn load(dir: &TempDir) -> Result<Registry, crate::LoadErrors> {
        dir.write("attrs.yaml", ATTRS);
        Registry::load(&[dir.path()], &LoadOptions::default())
    }

    fn span<'r>(r: &'r Registry, ty: &str) -> &'r Span {
        match r.span(ty) {
            SpanLookup::Found(s) => s,
            other => panic!("{ty}: {other:?}"),
        }
    }

    fn level(s: &Span, key: &str) -> RequirementLevel {
        s.attribute(key)
            .unwrap_or_else(|| panic!("{key}"))
            .level
            .clone()
    }

    #[test]
    fn extends_chains_and_inherited_levels() {
        let dir = TempDir::new("spans-extends");
        dir.write(
            "v1.yaml",
            "groups:\n  - id: base\n    type: attribute_group\n    attributes:\n      - ref: a.one\n        requirement_level: required\n        sampling_relevant: true\n      - ref: a.two\n  - id: middle\n    type: attribute_group\n    extends: base\n    attributes:\n      - ref: a.two\n        requirement_level: opt_in\n  - id: span.shop.call\n    type: span\n    span_kind: client\n    extends: middle\n    attributes:\n      - ref: a.one\n      - ref: a.three\n        requirement_level:\n          conditionally_required: when known\n",
        );
        let r = load(&dir).unwrap();
        let s = span(&r, "shop.call");
        assert_eq!(s.kind.as_deref(), Some("client"));
        // A ref without a level keeps the inherited one (two layers down).
        assert_eq!(level(s, "a.one"), RequirementLevel::Required);
        assert!(s.attribute("a.one").unwrap().sampling_relevant);
        assert_eq!(level(s, "a.two"), RequirementLevel::OptIn);
        assert_eq!(
            level(s, "a.three"),
            RequirementLevel::ConditionallyRequired("when known".into())
        );
        assert_eq!(s.defined_at.line, 15);
    }

    #[test]
    fn ref_group_then_own_refs_and_a_refinement() {
        let dir = TempDir::new("spans-v2");
        dir.write(
            "v2.yaml",
            "file_format: definition/2\nattribute_groups:\n  - id: common\n    attributes:\n      - ref: a.one\n        requirement_level: required\n      - ref: a.two\n        requirement_level: required\nspans:\n  - type: shop.send\n    kind: producer\n    annotations:\n      traced: {strict: true}\n    attributes:\n      - ref_group: common\n      - ref: a.two\n        requirement_level: recommended\n        sampling_relevant: true\nspan_refinements:\n  - id: span.shop.send.fast\n    ref: shop.send\n    attributes:\n      - ref: a.four\n        requirement_level: required\n",
        );
        let r = load(&dir).unwrap();
        let s = span(&r, "shop.send");
        assert!(s.strict());
        assert_eq!(level(s, "a.one"), RequirementLevel::Required);
        // The span's own ref wins over its group.
        assert_eq!(level(s, "a.two"), RequirementLevel::Recommended(None));
        let fast = span(&r, "shop.send.fast");
        assert_eq!(fast.refines.as_deref(), Some("shop.send"));
        assert_eq!(fast.kind.as_deref(), Some("producer"));
        assert_eq!(level(fast, "a.one"), RequirementLevel::Required);
        assert!(fast.attribute("a.two").unwrap().sampling_relevant);
        assert_eq!(level(fast, "a.four"), RequirementLevel::Required);
    }

    #[test]
    fn v1_and_v2_spans_share_one_index() {
        let dir = TempDir::new("spans-twice");
        let v1 = dir.write(
            "v1.yaml",
            "groups:\n  - id: span.shop.call\n    type: span\n    span_kind: client\n",
        );
        let v2 = dir.write(
            "v2.yaml",
            "file_format: definition/2\nspans:\n  - type: shop.call\n    kind: client\n",
        );
        let errors = load(&dir).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(
            (errors[0].file.as_path(), errors[0].line),
            (v2.as_path(), Some(3))
        );
        assert!(errors[0]
            .message
            .contains("span `shop.call` is defined twice"));
        assert!(errors[0]
            .message
            .contains(&format!("first at {}:2:5", v1.display())));
    }

    #[test]
    fn a_cycle_unknown_groups_and_refinements_name_file_and_line() {
        let dir = TempDir::new("spans-cycle");
        let v1 = dir.write(
            "v1.yaml",
            "groups:\n  - id: g.a\n    type: attribute_group\n    extends: g.b\n  - id: g.b\n    type: attribute_group\n    extends: g.a\n  - id: span.shop.call\n    type: span\n    extends: g.a\n    attributes:\n      - ref_group: g.nope\n",
        );
        let v2 = dir.write(
            "v2.yaml",
            "file_format: definition/2\nspan_refinements:\n  - id: shop.call.fast\n    ref: shop.cal\n",
        );
        let errors = load(&dir).unwrap_err().0;
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.file.clone(), e.line, e.message.clone()))
            .collect();
        assert_eq!(errors.len(), 3, "{got:#?}");
        assert!(got.iter().any(|(f, l, m)| *f == v1
            && *l == Some(7)
            && m.contains("`extends: g.a` makes a cycle (span.shop.call → g.a → g.b → g.a)")));
        assert!(got.iter().any(|(f, l, m)| *f == v1
            && *l == Some(12)
            && m.contains("`ref_group: g.nope` names no attribute group")));
        assert!(got.iter().any(|(f, l, m)| *f == v2
            && *l == Some(4)
            && m.contains(
                "refines `shop.cal`, which is not a declared span; did you mean `shop.call`?"
            )));
    }

    #[test]
    fn a_span_extending_itself() {
        let dir = TempDir::new("spans-self");
        let v1 = dir.write(
            "v1.yaml",
            "groups:\n  - id: span.x\n    type: span\n    extends: span.x\n",
        );
        let errors = load(&dir).unwrap_err().0;
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(
            (errors[0].file.as_path(), errors[0].line),
            (v1.as_path(), Some(4))
        );
        assert!(errors[0].message.contains("cycle"), "{}", errors[0]);
    }
}
