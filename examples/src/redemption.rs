//! The rewards redemption pipeline: a `POST /redeem` handler, the idempotency check that
//! reads a lagging replica, the fraud review that queues large redemptions for a manual
//! look, and the partner call that issues the voucher.

use std::fmt;
use traced_runtime::{event, record, redact, traced};

/// The pseudonym key of the demo, so the console shows the same pseudonym on every run. Not a
/// secret: a real service takes its key from `TRACED_REDACTION_KEY`, which overrides this one.
pub const DEMO_REDACTION_KEY: &str = "rewards-demo-redaction-key";

/// Replica lag above which an idempotency read is suspect.
const LAG_THRESHOLD_MS: i64 = 100;

/// One redemption request.
#[derive(Debug, Clone)]
pub struct Request {
    pub customer_id: &'static str,
    /// Personal data: `customer.email` is marked `pii`, so only its pseudonym is recorded.
    pub customer_email: &'static str,
    pub coins: i64,
    pub partner: &'static str,
    /// How far behind the replica the idempotency key is read from happens to be.
    pub replica_lag_ms: i64,
}

/// What became of a redemption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Completed { voucher_value_inr: i64 },
    DuplicateSkipped,
}

/// Why a redemption failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedeemError {
    PartnerUnavailable(&'static str),
}

impl fmt::Display for RedeemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedeemError::PartnerUnavailable(p) => write!(f, "voucher partner {p} is unavailable"),
        }
    }
}

impl std::error::Error for RedeemError {}

/// The two requests of the demo: a large redemption that trips the fraud rule on a lagging
/// replica, then one whose partner is down.
pub fn requests() -> [Request; 2] {
    [
        Request {
            customer_id: "c-8f3e",
            customer_email: "asha.rao@example.com",
            coins: 4200,
            partner: "myntra",
            replica_lag_ms: 240,
        },
        Request {
            customer_id: "c-11d0",
            customer_email: "vikram.n@example.com",
            coins: 800,
            partner: "swiggy",
            replica_lag_ms: 5,
        },
    ]
}

/// Runs the demo: each request through the handler. Returns the HTTP statuses.
pub fn run() -> Vec<u16> {
    requests().iter().map(handle_redeem).collect()
}

#[traced(
    name = "POST /redeem",
    kind = server,
    attrs(
        "http.request.method" = "POST",
        "http.route" = "/redeem",
        "customer.id" = req.customer_id,
        "customer.email" = redact::pseudonym(req.customer_email),
    ),
    ret = "http.response.status_code"
)]
pub fn handle_redeem(req: &Request) -> u16 {
    match apply_redemption(req) {
        Ok(_) => 200,
        Err(RedeemError::PartnerUnavailable(_)) => 503,
    }
}

// A declared span (examples/attributes.yaml): its type is the name, `customer.id` and
// `redemption.coins_debited` must be given.
#[traced(
    span = "rewards.redemption.apply",
    attrs(
        "customer.id" = req.customer_id,
        "redemption.coins_debited" = req.coins,
        "redemption.partner" = req.partner,
    )
)]
pub fn apply_redemption(req: &Request) -> Result<Outcome, RedeemError> {
    if check_idempotency(req.replica_lag_ms) {
        record!("redemption.outcome" = "duplicate_skipped");
        return Ok(Outcome::DuplicateSkipped);
    }
    fraud_review(req.coins);
    let voucher_value_inr = issue_voucher(req.partner, req.coins)?;
    record!(
        "redemption.outcome" = "completed",
        "redemption.voucher_value_inr" = voucher_value_inr,
    );
    Ok(Outcome::Completed { voucher_value_inr })
}

/// Whether the request was seen before. The key is read from a replica, which may lag.
#[traced(name = "rewards.idempotency.check")]
fn check_idempotency(replica_lag_ms: i64) -> bool {
    super::work(3);
    let cache_hit = false;
    record!(
        "idempotency.cache_hit" = cache_hit,
        "idempotency.replica_lag_ms" = replica_lag_ms,
    );
    if replica_lag_ms > LAG_THRESHOLD_MS {
        event!(
            "idempotency.replica_lag_warning",
            "idempotency.replica_lag_ms" = replica_lag_ms,
            "idempotency.lag_threshold_ms" = LAG_THRESHOLD_MS,
        );
    }
    cache_hit
}

/// Large redemptions wait for a manual review before they go through.
#[traced(name = "rewards.fraud.review", attrs("fraud.coins_at_risk" = coins))]
fn fraud_review(coins: i64) {
    let rule = if coins > 3000 {
        "device_fingerprint_chargeback_lookback"
    } else {
        "none"
    };
    let decision = if rule == "none" {
        "auto_approve"
    } else {
        "manual_review"
    };
    record!("fraud.rule_fired" = rule, "fraud.decision" = decision);
    if decision == "manual_review" {
        let queued = std::time::Instant::now();
        super::work(40);
        event!(
            "fraud.queued_for_manual_review",
            "fraud.queue_wait_ms" = queued.elapsed().as_millis() as i64,
            "fraud.rule_fired" = rule,
        );
    }
}

/// The partner's voucher API; one partner is down today.
#[traced(
    name = "partner.voucher.issue",
    kind = client,
    attrs("redemption.partner" = partner),
    ret = "redemption.voucher_value_inr"
)]
fn issue_voucher(partner: &'static str, coins: i64) -> Result<i64, RedeemError> {
    super::work(8);
    if partner == "swiggy" {
        return Err(RedeemError::PartnerUnavailable(partner));
    }
    Ok(coins / 10)
}
