//! A checkout, all in one trace: the `POST /checkout` handler (a server span) reserves stock
//! for every line item on a thread pool, charges the card, and publishes the order to a
//! queue with the trace context in the message headers; the order service consumes the
//! message on its own thread and continues the trace from those headers.

use opentelemetry::Context;
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;
use traced_runtime::{context, event, propagation, record, traced};

/// One line item: SKU, quantity, unit price in cents.
pub type Item = (&'static str, i64, i64);

/// A cart to check out.
#[derive(Debug, Clone)]
pub struct Cart {
    pub id: &'static str,
    pub customer_id: &'static str,
    pub items: Vec<Item>,
}

impl Cart {
    fn total_cents(&self) -> i64 {
        self.items.iter().map(|(_, qty, price)| qty * price).sum()
    }
}

/// A queued message: headers carry the trace, as Kafka record headers would.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

/// The demo's cart.
pub fn cart() -> Cart {
    Cart {
        id: "cart-5521",
        customer_id: "c-8f3e",
        items: vec![
            ("sku-shoe-42", 1, 5_999),
            ("sku-sock-m", 3, 499),
            ("sku-cap", 1, 1_250),
        ],
    }
}

/// Runs the demo: an order service consuming the queue on its own thread, a two-thread
/// pool, and one checkout. Returns the HTTP status.
pub fn run() -> u16 {
    let (queue, inbox) = mpsc::channel::<Message>();
    let (ack, acks) = mpsc::channel::<String>();
    // A long-lived consumer has no caller context: the trace arrives in each message.
    let order_service = std::thread::spawn(move || {
        for message in inbox {
            let parent = propagation::extract(&message.headers);
            process_order(&message, &parent);
            let _ = ack.send(message.id);
        }
    });
    let pool = Pool::new(2);
    let status = handle_checkout(&cart(), &pool, &queue, &acks);
    drop(queue);
    let _ = order_service.join();
    status
}

#[traced(
    span = "checkout.submit",
    name = "POST /checkout",
    attrs(
        "http.request.method" = "POST",
        "http.route" = "/checkout",
        "checkout.cart_id" = cart.id,
        "customer.id" = cart.customer_id,
    ),
    ret = "http.response.status_code"
)]
pub fn handle_checkout(
    cart: &Cart,
    pool: &Pool,
    queue: &Sender<Message>,
    acks: &Receiver<String>,
) -> u16 {
    if !reserve_stock(cart, pool) {
        return 409;
    }
    let Ok(payment_id) = charge(cart.total_cents()) else {
        return 402;
    };
    let order_id = publish_order(cart, &payment_id, queue);
    // The order service confirms before the customer sees the order page.
    match acks.recv_timeout(Duration::from_secs(2)) {
        Ok(id) if id == order_id => 201,
        _ => 202,
    }
}

/// Fans the line items out to the pool; each job runs in the context captured by
/// `context::wrap`, so its span is a child of this one and not a new trace.
#[traced(name = "inventory.reserve_all", attrs("checkout.item_count" = cart.items.len()))]
fn reserve_stock(cart: &Cart, pool: &Pool) -> bool {
    let pending: Vec<Receiver<bool>> = cart
        .items
        .iter()
        .map(|&(sku, qty, _)| pool.submit(context::wrap(move || reserve_item(sku, qty))))
        .collect();
    pending
        .into_iter()
        .all(|result| result.recv().unwrap_or(false))
}

#[traced(
    name = "inventory.reserve",
    kind = client,
    attrs("checkout.sku" = sku, "checkout.quantity" = quantity)
)]
fn reserve_item(sku: &'static str, quantity: i64) -> bool {
    super::work(4);
    let left_in_stock = if sku == "sku-cap" { 2 } else { 40 };
    record!("checkout.reserved" = quantity <= left_in_stock);
    if left_in_stock - quantity < 5 {
        event!(
            "checkout.stock_low",
            "checkout.sku" = sku,
            "checkout.quantity" = left_in_stock - quantity,
        );
    }
    quantity <= left_in_stock
}

/// The card charge; returns the payment id.
#[traced(
    name = "payment.charge",
    kind = client,
    attrs(
        "checkout.payment_provider" = "stripe",
        "checkout.total_cents" = total_cents,
    )
)]
fn charge(total_cents: i64) -> Result<String, String> {
    super::work(12);
    if total_cents <= 0 {
        return Err("nothing to charge".to_owned());
    }
    Ok("pay-7781".to_owned())
}

/// Sends the order with the current trace context in its headers; returns the message id.
#[traced(
    name = "send orders",
    kind = producer,
    attrs(
        "messaging.system" = "kafka",
        "messaging.destination.name" = "orders",
        "messaging.operation.type" = "send",
        "messaging.message.id" = "order-5521",
    )
)]
fn publish_order(cart: &Cart, payment_id: &str, queue: &Sender<Message>) -> String {
    let mut headers = HashMap::new();
    propagation::inject(&mut headers);
    let message = Message {
        id: "order-5521".to_owned(),
        headers,
        body: format!("{} paid by {payment_id}", cart.id),
    };
    let id = message.id.clone();
    // The consumer is gone only when the demo is shutting down.
    let _ = queue.send(message);
    id
}

/// The order service's handler, continuing the producer's trace.
#[traced(
    name = "process orders",
    kind = consumer,
    parent = parent,
    attrs(
        "messaging.system" = "kafka",
        "messaging.destination.name" = "orders",
        "messaging.operation.type" = "process",
        "messaging.message.id" = message.id,
    )
)]
fn process_order(message: &Message, parent: &Context) {
    super::work(5 + message.body.len() as u64 % 3);
}

/// A fixed-size thread pool, as the worker pools of web frameworks are: its threads know
/// nothing of the caller's context.
pub struct Pool {
    jobs: Option<Sender<Box<dyn FnOnce() + Send>>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// `threads` workers.
    pub fn new(threads: usize) -> Pool {
        let (jobs, queue) = mpsc::channel::<Box<dyn FnOnce() + Send>>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        let workers = (0..threads)
            .map(|_| {
                let queue = queue.clone();
                std::thread::spawn(move || loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
            })
            .collect();
        Pool {
            jobs: Some(jobs),
            workers,
        }
    }

    /// Runs `job` on a worker; its result arrives on the returned channel.
    pub fn submit<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Receiver<T> {
        let (tx, rx) = mpsc::channel();
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Box::new(move || {
                let _ = tx.send(job());
            }));
        }
        rx
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.jobs.take();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
