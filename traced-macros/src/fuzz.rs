//! Property tests of the macros' entry points on `proc_macro2` tokens: arbitrary token streams
//! and mutated valid inputs never make them panic, and every error they report points inside
//! the input (never at the whole macro call, never at a token the macro made up).
//!
//! A few hundred cases per property by default; `TRACED_FUZZ_CASES=N` runs N of each.

use proc_macro2::{Span, TokenStream};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::str::FromStr;

fn cases() -> u32 {
    std::env::var("TRACED_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Tokens the macros give meaning to besides the option names (`traced_syntax::OPTIONS`, added in
/// [`words`]), and some they must reject.
const WORDS: &[&str] = &[
    "nmae",
    "reason",
    "internal",
    "server",
    "backend",
    "self",
    "super",
    "Self",
    "fn",
    "async",
    "const",
    "impl",
    "dyn",
    "move",
    "return",
    "loop",
    "await",
    "format",
    "concat",
    "x",
    "cx",
    "coins",
    "customer_id",
    "std",
    "traced_runtime",
    "_",
    "r#type",
];

const LITERALS: &[&str] = &[
    "\"user.email\"",
    "\"auth.token\"",
    "\"customer.id\"",
    "\"redemption.coins_debited\"",
    "\"redemption.tags\"",
    "\"redemption.payload\"",
    "\"redemption.header\"",
    "\"redemption.header.x\"",
    "\"customer.identifier\"",
    "\"customer.tier_legacy\"",
    "\"fraud.score\"",
    "\"fraud.queued_for_manual_review\"",
    "\"unknown.key\"",
    "\"\"",
    "\"apply_{id}\"",
    "\"{\"",
    "r\"raw\"",
    "b\"bytes\"",
    "c\"c\"",
    "'c'",
    "b'b'",
    "0",
    "42",
    "1u8",
    "7i128",
    "0b101",
    "0xff",
    "1.5",
    "2f32",
    "1e3",
    "1u7",
    "true",
    "false",
];

const PUNCTS: &[&str] = &[
    "=", ",", ";", ":", "::", "?", "!", "&", "&&", "|", "#", ".", "..", "->", "=>", "+", "-", "*",
    "<", ">", "'a", "$",
];

/// Every option name, then [`WORDS`].
fn words() -> Vec<&'static str> {
    traced_syntax::OPTIONS
        .iter()
        .chain(WORDS)
        .copied()
        .collect()
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(words()).prop_map(str::to_owned),
        2 => prop::sample::select(LITERALS).prop_map(str::to_owned),
        2 => prop::sample::select(PUNCTS).prop_map(str::to_owned),
    ]
}

/// Arbitrary token trees, groups of every delimiter nested a few levels deep.
fn tokens() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        (
            prop::sample::select(&[("(", ")"), ("[", "]"), ("{", "}")][..]),
            prop::collection::vec(inner, 0..8),
        )
            .prop_map(|((open, close), inside)| format!("{open} {} {close}", inside.join(" ")))
    })
}

fn stream() -> impl Strategy<Value = String> {
    prop::collection::vec(tokens(), 0..12).prop_map(|t| t.join(" "))
}

/// Valid `#[traced(...)]` arguments, to mutate.
const ARGS: &[&str] = &[
    r#"name = "rewards.redemption.apply", kind = internal, attrs("customer.id" = customer_id, "redemption.coins_debited" = coins)"#,
    r#"ret = "redemption.coins_debited", expected_err(LookupError::NotFound | LookupError::Gone { .. })"#,
    r#"kind = consumer, parent = cx, links = [first, second.span().span_context().clone()]"#,
    r#"root, crate = ::tr, attrs("redemption.tags" = &["a", "b"], "fraud.score" = 0.5)"#,
    r#"name = concat!("a.", "b", 1), attrs("customer.id" = format!("{}", id), "redemption.header.x" = x)"#,
    r#"attrs("idempotency.cache_hit" = hit.unwrap_or(false), "redemption.item_counts" = vec![1, 2])"#,
    r#"kind = producer, parent = &message.headers().context, name = "checkout.publish""#,
    r#"span = "rewards.redemption.apply", name = "GET /users/{id}", attrs("customer.id" = customer_id), allow_missing("redemption.coins_debited")"#,
    r#"allow_sensitive("user.email", reason = "a test inbox"), attrs("user.email" = email, "user.phones" = phones.map(redact::pseudonym))"#,
];

/// Valid `record!`/`event!` inputs, after the runtime path.
const MACRO_INPUTS: &[&str] = &[
    r#""redemption.outcome" = "completed", "idempotency.cache_hit" = false"#,
    r#""fraud.queued_for_manual_review", "fraud.queue_wait_ms" = 2100"#,
    r#""fraud.score" = score.max(0.0), "customer.id" = &*id"#,
    r#""customer.contacted", "user.email" = r::pseudonym(email)"#,
];

/// Fns to put `#[traced]` on, and items it must reject.
const ITEMS: &[&str] = &[
    "fn apply(customer_id: &str, coins: i64) -> Result<i64, LookupError> { let c = parse(coins)?; Ok(c) }",
    "async fn redeem(cx: &Context, first: &Context, second: &Context) -> usize { work().await }",
    "pub fn stop(&self, x: u8) -> ! { panic!(\"stopped\") }",
    "fn boxed(x: i64) -> Pin<Box<dyn Future<Output = i64> + Send>> { let y = x; Box::pin(async move { y }) }",
    "fn generic<T: Into<i64>>(coins: T, hit: Option<bool>, score: f64) -> impl Sized { coins.into() }",
    "const fn fixed() -> u8 { 1 }",
    "struct NotAFn { field: u8 }",
    "fn",
];

/// A lexeme-level mutation of a valid input: drop, duplicate, swap, replace or insert tokens,
/// or cut the input short. Brackets are lexemes too, so some mutants do not lex; those are
/// skipped (rustc would not call a macro with them).
#[derive(Clone, Debug)]
enum Mutation {
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Replace(usize, String),
    Insert(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Positions are taken modulo the input's length.
    let at = any::<usize>;
    prop_oneof![
        at().prop_map(Mutation::Drop),
        at().prop_map(Mutation::Duplicate),
        (at(), at()).prop_map(|(i, j)| Mutation::Swap(i, j)),
        (at(), leaf()).prop_map(|(i, t)| Mutation::Replace(i, t)),
        (at(), leaf()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        at().prop_map(Mutation::Truncate),
    ]
}

/// The input's lexemes, as text: every token of the stream flattened, brackets included.
fn lexemes(text: &str) -> Vec<String> {
    fn walk(stream: TokenStream, out: &mut Vec<String>) {
        for tree in stream {
            match tree {
                proc_macro2::TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push(open.to_owned());
                    walk(g.stream(), out);
                    out.push(close.to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
    }
    let mut out = Vec::new();
    walk(TokenStream::from_str(text).expect("a valid seed"), &mut out);
    out
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lexemes = lexemes(text);
    for m in mutations {
        let len = lexemes.len().max(1);
        match m.clone() {
            Mutation::Drop(i) if !lexemes.is_empty() => {
                lexemes.remove(i % len);
            }
            Mutation::Duplicate(i) if !lexemes.is_empty() => {
                let t = lexemes[i % len].clone();
                lexemes.insert(i % len, t);
            }
            Mutation::Swap(i, j) if !lexemes.is_empty() => lexemes.swap(i % len, j % len),
            Mutation::Replace(i, t) if !lexemes.is_empty() => lexemes[i % len] = t,
            Mutation::Insert(i, t) => lexemes.insert(i % (lexemes.len() + 1), t),
            Mutation::Truncate(i) => lexemes.truncate(i % (lexemes.len() + 1)),
            _ => {}
        }
    }
    // Joined with spaces: `: :` is not `::`, which is one more kind of mutant.
    lexemes.join(" ")
}

/// Checks that every message of `error` points into one of `inputs` (or, only when
/// `call_site_ok`, at the macro call: an empty `record!()` has no token to point at).
fn inside(error: &syn::Error, inputs: &[&str], call_site_ok: bool) -> Result<(), TestCaseError> {
    for message in error.clone() {
        let span: Span = message.span();
        let Some(text) = span.source_text() else {
            prop_assert!(
                call_site_ok,
                "error at the macro call, not in the input: {message}"
            );
            continue;
        };
        let range = span.byte_range();
        let found = inputs
            .iter()
            .any(|input| input.get(range.clone()) == Some(text.as_str()));
        prop_assert!(
            found,
            "error span {range:?} ({text:?}) is not in the input {inputs:?}: {message}"
        );
    }
    Ok(())
}

/// `#[traced(args)] item` must not panic, and must point its errors into `args` or `item`.
fn check_traced(args: &str, item: &str) -> Result<(), TestCaseError> {
    let (Ok(arg_tokens), Ok(item_tokens)) =
        (TokenStream::from_str(args), TokenStream::from_str(item))
    else {
        return Ok(());
    };
    // rustc never calls an attribute macro on nothing; then only the call is left to blame.
    let empty_item = item_tokens.is_empty();
    if let Err(error) = crate::traced_tokens(arg_tokens, item_tokens) {
        inside(&error, &[args, item], empty_item)?;
    }
    Ok(())
}

/// `record!`/`event!` on `input`, as the runtime's wrapper calls them.
fn check_macros(input: &str) -> Result<(), TestCaseError> {
    let Ok(user) = TokenStream::from_str(input) else {
        return Ok(());
    };
    let prefix = "::traced_runtime;";
    for entry in [crate::record_tokens, crate::event_tokens] {
        let mut tokens = TokenStream::from_str(prefix).expect("a path");
        tokens.extend(user.clone());
        if let Err(error) = entry(tokens) {
            inside(&error, &[input, prefix], user.is_empty())?;
        }
    }
    Ok(())
}

#[test]
fn arbitrary_tokens_as_arguments() {
    runner()
        .run(&(stream(), prop::sample::select(ITEMS)), |(args, item)| {
            check_traced(&args, item)
        })
        .unwrap();
}

#[test]
fn arbitrary_tokens_as_the_item() {
    runner()
        .run(&(prop::sample::select(ARGS), stream()), |(args, item)| {
            check_traced(args, &item)
        })
        .unwrap();
}

#[test]
fn arbitrary_tokens_in_record_and_event() {
    runner()
        .run(&stream(), |input| check_macros(&input))
        .unwrap();
}

#[test]
fn mutated_attributes() {
    runner()
        .run(
            &(
                prop::sample::select(ARGS),
                prop::collection::vec(mutation(), 1..4),
                prop::sample::select(ITEMS),
                prop::collection::vec(mutation(), 0..2),
            ),
            |(args, mutations, item, item_mutations)| {
                check_traced(&mutate(args, &mutations), &mutate(item, &item_mutations))
            },
        )
        .unwrap();
}

#[test]
fn mutated_record_and_event_inputs() {
    runner()
        .run(
            &(
                prop::sample::select(MACRO_INPUTS),
                prop::collection::vec(mutation(), 1..4),
            ),
            |(input, mutations)| check_macros(&mutate(input, &mutations)),
        )
        .unwrap();
}

/// The check itself: an error at the macro call is caught.
#[test]
fn an_error_outside_the_input_is_caught() {
    let error = syn::Error::new(Span::call_site(), "nowhere");
    assert!(inside(&error, &["name"], false).is_err());
    assert!(inside(&error, &[""], true).is_ok());
    let tokens = TokenStream::from_str("kind = backend").unwrap();
    let last = tokens.into_iter().last().unwrap();
    let error = syn::Error::new(last.span(), "unknown kind");
    assert!(inside(&error, &["kind = backend"], false).is_ok());
    assert!(inside(&error, &["kind = internal"], false).is_err());
}

/// Ends of input inside a value, where syn alone would blame the whole macro call.
#[test]
fn unfinished_values_point_into_the_input() {
    let item = ITEMS[0];
    for args in [
        "parent = cx +",
        "name = concat!(\"a\") ,, kind",
        "attrs(\"customer.id\" = x), ret",
    ] {
        check_traced(args, item).unwrap();
    }
    for input in [
        "\"customer.id\" = a.",
        "\"fraud.queued_for_manual_review\", \"customer.id\"",
    ] {
        check_macros(input).unwrap();
    }
}
