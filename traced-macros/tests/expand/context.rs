#[traced(kind = consumer, parent = cx, links = [first, second])]
fn consume(cx: &Context, first: &Context, second: SpanContext) {}

#[traced(root, crate = ::tr)]
fn new_trace() {}

#[traced]
fn stop() -> ! {
    panic!("stopped")
}
