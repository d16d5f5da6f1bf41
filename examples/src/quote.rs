//! The insurance quote pipeline: base premium from the pricing model, loyalty discount,
//! regional risk from the pricing service, and a compliance check. One region's pricing
//! service is having an outage; one product is simply not offered in one region, which is
//! an expected outcome and not an error.

use std::fmt;
use traced_runtime::{event, record, traced};

/// A quote request.
#[derive(Debug, Clone)]
pub struct QuoteRequest {
    pub customer_id: &'static str,
    pub policy_type: &'static str,
    pub region: &'static str,
    pub loyalty_years: i64,
}

/// Why no quote was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    /// The pricing service did not answer: a failure.
    PricingUnavailable { region: &'static str },
    /// The product is not sold there: an answer, not a failure.
    NotOffered {
        policy_type: &'static str,
        region: &'static str,
    },
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::PricingUnavailable { region } => {
                write!(f, "pricing service unavailable for region {region}")
            }
            QuoteError::NotOffered {
                policy_type,
                region,
            } => write!(f, "{policy_type} policies are not offered in {region}"),
        }
    }
}

impl std::error::Error for QuoteError {}

/// The demo's requests: a quote that goes through, one hit by the pricing outage, and one
/// for a product not sold in the region.
pub fn requests() -> [QuoteRequest; 3] {
    [
        QuoteRequest {
            customer_id: "c-2291",
            policy_type: "home",
            region: "TX",
            loyalty_years: 6,
        },
        QuoteRequest {
            customer_id: "c-0467",
            policy_type: "home",
            region: "FL",
            loyalty_years: 1,
        },
        QuoteRequest {
            customer_id: "c-7310",
            policy_type: "flood",
            region: "AZ",
            loyalty_years: 3,
        },
    ]
}

/// Runs the demo; the quoted amounts, or why there is none.
pub fn run() -> Vec<Result<f64, QuoteError>> {
    requests().iter().map(calculate_quote).collect()
}

// A declared span: name and kind (`server`) come from its definition.
#[traced(
    span = "quote.calculate",
    attrs(
        "customer.id" = req.customer_id,
        "quote.policy_type" = req.policy_type,
        "quote.region" = req.region,
    ),
    ret = "quote.amount_usd",
    expected_err(QuoteError::NotOffered { .. })
)]
pub fn calculate_quote(req: &QuoteRequest) -> Result<f64, QuoteError> {
    let base = base_premium(req.policy_type);
    let discounted = loyalty_discount(base, req.loyalty_years);
    let multiplier = regional_risk(req.region)?;
    let amount = (discounted * multiplier * 100.0).round() / 100.0;
    compliance_check(req.policy_type, req.region)?;
    Ok(amount)
}

#[traced(
    name = "quote.base_premium",
    attrs("quote.policy_type" = policy_type),
    ret = "quote.base_premium_usd"
)]
fn base_premium(policy_type: &str) -> f64 {
    super::work(2);
    event!(
        "pricing_model.loaded",
        "pricing_model.version" = "v3.1",
        "pricing_model.cache_hit" = true,
    );
    match policy_type {
        "home" => 1180.0,
        "auto" => 940.0,
        _ => 620.0,
    }
}

#[traced(name = "quote.loyalty_discount", attrs("customer.loyalty_years" = years))]
fn loyalty_discount(premium: f64, years: i64) -> f64 {
    let percent = match years {
        0..=1 => 0.0,
        2..=4 => 2.5,
        _ => 5.0,
    };
    if percent > 0.0 {
        event!(
            "quote.discount_applied",
            "quote.discount_percent" = percent,
            "customer.loyalty_years" = years,
        );
    }
    premium * (1.0 - percent / 100.0)
}

/// The pricing service's risk factor for a region; Florida's pricing is down today.
#[traced(
    name = "pricing.regional_risk",
    kind = client,
    attrs("quote.region" = region),
    ret = "quote.risk_multiplier"
)]
fn regional_risk(region: &'static str) -> Result<f64, QuoteError> {
    super::work(6);
    match region {
        "FL" => Err(QuoteError::PricingUnavailable { region }),
        "TX" => Ok(1.12),
        _ => Ok(1.0),
    }
}

#[traced(
    name = "quote.compliance_check",
    attrs("quote.region" = region),
    expected_err(QuoteError::NotOffered { .. })
)]
fn compliance_check(policy_type: &'static str, region: &'static str) -> Result<(), QuoteError> {
    let rules = ["rate_filing", "disclosure_notice"];
    record!("quote.compliance_rules" = rules);
    super::work(1);
    if policy_type == "flood" && region == "AZ" {
        return Err(QuoteError::NotOffered {
            policy_type,
            region,
        });
    }
    Ok(())
}
