use traced_runtime::traced;

// A v2 `spans:` entry (messaging/spans.yaml) and a `span_refinements:` entry (kafka.yaml).
#[traced(span = "messaging.create.producer", attrs("messaging.system" = "kafka"))]
fn create() {}

#[traced(span = "messaging.kafka.create.producer", kind = consumer)]
fn create_kafka() {}

fn main() {
    create();
    create_kafka();
}
